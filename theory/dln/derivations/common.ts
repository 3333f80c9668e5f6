/**
 * Helpers the DLN derivations share: the declared equations as expressions, and compiled
 * evaluation at a sample point.
 */
import type { Point } from '../../../src/symbolic/index.ts';
import { Expr, parseEquation } from '../../../src/symbolic/index.ts';
import { dlnEquations, dlnSymbols } from '../equations.ts';
import { dlnParams } from '../params.ts';

/** Left and right sides of a declared equation. */
export function declared(name: keyof typeof dlnEquations): { lhs: Expr; rhs: Expr } {
  const eq = dlnEquations[name];
  if (!eq) throw new Error(`unknown DLN equation ${String(name)}`);
  return parseEquation(eq.equation);
}

/** e as a function of a point (every free symbol must be in the point). */
export function evaluator(e: Expr): (p: Point) => number {
  const names = e.symbols();
  const f = e.compile(names);
  return (p) => f(...names.map((n) => p[n] ?? NaN));
}

/** Rendering names of the theory's symbols and parameters. */
export const dlnNames: Record<string, { latex: string; unicode: string }> = {
  ...Object.fromEntries(Object.entries(dlnParams).map(([k, p]) => [k, { latex: p.latex, unicode: p.unicode }])),
  ...Object.fromEntries(Object.entries(dlnSymbols).map(([k, s]) => [k, { latex: s.latex, unicode: s.unicode }])),
};

/** Evaluate constant calls the engine leaves unevaluated at G = 0 (cosh(0), sinh(0)). */
export function atZero(e: Expr): Expr {
  return Expr.parse(e.text.replace(/cosh\(0\)/g, '1').replace(/sinh\(0\)/g, '0'));
}
