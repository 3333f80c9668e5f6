/**
 * Turn a symbolic formula and its numeric checks into a tagged result: `exact` only when every
 * check passed, otherwise `unsolved` with the failing check named (never a wrong formula).
 */
import { allChecksPass, type Check, type TaggedResult } from '../core/result.ts';
import type { Expr } from './expr.ts';
import type { SymbolNames } from './render.ts';

export interface FormulaResultInput<V> {
  formula: Expr;
  /** LaTeX of the left-hand side, e.g. `t(u_0 \to u_f)`. */
  lhsTeX?: string;
  value: V;
  method: string;
  checks: Check[];
  names?: SymbolNames;
  asymptotic?: string;
  diagnostics?: Record<string, unknown>;
}

export function formulaResult<V>(input: FormulaResultInput<V>): TaggedResult<V> {
  const body = input.formula.tex(input.names);
  const latex = input.lhsTeX ? `${input.lhsTeX} = ${body}` : body;
  const passed = input.checks.length > 0 && allChecksPass(input.checks);
  const result: TaggedResult<V> = {
    kind: passed ? 'exact' : 'unsolved',
    value: input.value,
    latex,
    expression: input.formula.text,
    method: input.method,
    checks: input.checks,
    diagnostics: input.diagnostics ?? {},
  };
  if (input.asymptotic) result.asymptotic = input.asymptotic;
  if (!passed) {
    const failed = input.checks.find((c) => !c.passed);
    result.reason = failed ? `numeric check failed: ${failed.name} (residual ${failed.residual.toExponential(2)} > ${failed.tolerance})` : 'no numeric check was made';
  }
  return result;
}
