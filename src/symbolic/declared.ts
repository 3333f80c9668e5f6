/**
 * A theory's declared equations as the engine reads them: each `lhs = rhs` string parsed once (on
 * first use), its right-hand side compiled on demand, and the theory's LaTeX/Unicode names of its
 * parameters and symbols for rendering derived formulas. Every theory module instantiates this
 * once instead of keeping its own cache.
 */
import type { ParamSpec } from '../core/params.ts';
import type { EquationSpec, SymbolSpec } from '../core/theory.ts';
import type { CompiledFn } from './compile.ts';
import { parseEquation, type Equation } from './equation.ts';
import type { Expr } from './expr.ts';
import type { SymbolNames } from './render.ts';

export interface DeclaredEquations<N extends string> {
  /** The declared equation `name`, parsed. */
  equation(name: N): Equation;
  /** Its right-hand side (the closed form, rate or energy). */
  rhs(name: N): Expr;
  /** Its right-hand side compiled over positional `args`. */
  compile(name: N, args: readonly string[]): CompiledFn;
  /** Rendering names of the parameters (by their equation symbol) and symbols. */
  readonly names: SymbolNames;
}

/** Names of parameters (under the symbol they take in equations) and of the other symbols. */
export function symbolNamesOf(params: Readonly<Record<string, ParamSpec>>, symbols: Readonly<Record<string, SymbolSpec>>): SymbolNames {
  const names: Record<string, { latex: string; unicode: string }> = {};
  for (const [name, p] of Object.entries(params)) names[p.symbol ?? name] = { latex: p.latex, unicode: p.unicode };
  for (const [name, s] of Object.entries(symbols)) names[name] = { latex: s.latex, unicode: s.unicode };
  return names;
}

export function declareEquations<N extends string>(
  equations: Readonly<Record<N, EquationSpec>>,
  params: Readonly<Record<string, ParamSpec>>,
  symbols: Readonly<Record<string, SymbolSpec>>,
): DeclaredEquations<N> {
  const parsed = new Map<N, Equation>();
  const equation = (name: N): Equation => {
    let eq = parsed.get(name);
    if (!eq) {
      const spec = equations[name];
      if (!spec) throw new Error(`unknown declared equation '${name}'`);
      eq = parseEquation(spec.equation);
      parsed.set(name, eq);
    }
    return eq;
  };
  return {
    equation,
    rhs: (name) => equation(name).rhs,
    compile: (name, args) => equation(name).rhs.compile(args),
    names: symbolNamesOf(params, symbols),
  };
}
