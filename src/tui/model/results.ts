/**
 * Rows of the derivations panel and the validation table: what a theorist reads off a tagged result
 * (its kind, formula, value and numeric checks) and off a claim's outcome (theory, simulation,
 * error, tolerance, pass/fail). Shared by the TUI, its plain summary and the generated docs.
 */
import { fmt } from '../../cli/output.ts';
import type { TaggedResult } from '../../core/result.ts';
import type { AnyTheory, ClaimSpec } from '../../core/theory.ts';
import type { ClaimOutcome } from '../../core/validator.ts';
import { parse } from '../../symbolic/index.ts';
import { theorySymbolNames } from '../../symbolic/theory-render.ts';

/** A value as a person reads it: numbers to 6 digits, short lists, `key = value` pairs. */
export function formatValue(v: unknown, depth = 0): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'number') return fmt(v);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    const a = Array.from(v as ArrayLike<unknown>);
    const head = a.slice(0, 4).map((x) => formatValue(x, depth + 1));
    return `[${head.join(', ')}${a.length > 4 ? `, … (${a.length})` : ''}]`;
  }
  if (typeof v === 'object') {
    if (depth > 1) return '{…}';
    const entries = Object.entries(v as Record<string, unknown>);
    const shown = entries.slice(0, 6).map(([k, x]) => `${k} = ${formatValue(x, depth + 1)}`);
    return `${shown.join(', ')}${entries.length > 6 ? ', …' : ''}`;
  }
  return String(v);
}

export interface CheckRow {
  name: string;
  residual: string;
  tolerance: string;
  passed: boolean;
  samples: number;
}

export interface DerivationRow {
  name: string;
  title: string;
  /** The result's kind, or `error` when the derivation threw. */
  kind: TaggedResult['kind'] | 'error';
  asymptotic?: string;
  /** The formula in readable Unicode (from the result's expression), when there is one. */
  formula?: string;
  latex?: string;
  value: string;
  method: string;
  reason?: string;
  checks: CheckRow[];
}

function formulaUnicode(theory: AnyTheory, expression: string | undefined): string | undefined {
  if (!expression) return undefined;
  try {
    return parse(expression).unicode(theorySymbolNames(theory));
  } catch {
    return expression;
  }
}

export function derivationRow(theory: AnyTheory, name: string, outcome: TaggedResult | Error): DerivationRow {
  const title = theory.derivations[name]?.title ?? name;
  if (outcome instanceof Error) return { name, title, kind: 'error', value: '—', method: '', reason: outcome.message, checks: [] };
  const row: DerivationRow = {
    name,
    title,
    kind: outcome.kind,
    value: formatValue(outcome.value),
    method: outcome.method,
    checks: outcome.checks.map((c) => ({ name: c.name, residual: c.residual.toExponential(1), tolerance: c.tolerance.toExponential(0), passed: c.passed, samples: c.samples })),
  };
  const formula = formulaUnicode(theory, outcome.expression);
  if (formula) row.formula = formula;
  if (outcome.latex) row.latex = outcome.latex;
  if (outcome.asymptotic) row.asymptotic = outcome.asymptotic;
  if (outcome.reason) row.reason = outcome.reason;
  return row;
}

export interface ValidationRow {
  claim: string;
  statement: string;
  theory: string;
  simulation: string;
  error: string;
  tolerance: string;
  passed: boolean;
  measure: string;
  seconds?: number;
  /** Set when the validator threw instead of returning an outcome. */
  failure?: string;
}

export function validationRow(claim: ClaimSpec, outcome: ClaimOutcome | Error, seconds?: number): ValidationRow {
  if (outcome instanceof Error) {
    return { claim: claim.id, statement: claim.statement, theory: '—', simulation: '—', error: '—', tolerance: '—', passed: false, measure: '', failure: outcome.message };
  }
  const row: ValidationRow = {
    claim: claim.id,
    statement: claim.statement,
    theory: formatValue(outcome.theory),
    simulation: formatValue(outcome.simulation),
    error: fmt(outcome.error),
    tolerance: fmt(outcome.tolerance),
    passed: outcome.passed,
    measure: outcome.measure,
  };
  if (seconds !== undefined) row.seconds = seconds;
  return row;
}

/** A table as aligned text columns; the last column is not padded. */
export function alignColumns(rows: readonly (readonly string[])[], maxWidths: readonly number[] = []): string[] {
  const cols = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, j) => Math.min(maxWidths[j] ?? Infinity, Math.max(...rows.map((r) => [...(r[j] ?? '')].length))));
  const cut = (s: string, w: number) => ([...s].length > w ? `${[...s].slice(0, Math.max(1, w - 1)).join('')}…` : s);
  return rows.map((r) => r.map((cell, j) => (j === r.length - 1 ? cut(cell, widths[j]!) : cut(cell, widths[j]!).padEnd(widths[j]!))).join('  ').trimEnd());
}
