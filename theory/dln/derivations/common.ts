/**
 * Helpers the DLN derivations share: the declared equations as expressions, and compiled
 * evaluation at a sample point.
 */
import type { Point } from '../../../src/symbolic/index.ts';
import { declareEquations, Expr } from '../../../src/symbolic/index.ts';
import { dlnEquations, dlnSymbols } from '../equations.ts';
import { dlnParams } from '../params.ts';

/** e as a function of a point (every free symbol must be in the point). */
export function evaluator(e: Expr): (p: Point) => number {
  const names = e.symbols();
  const f = e.compile(names);
  return (p) => f(...names.map((n) => p[n] ?? NaN));
}

/** The declared equations, parsed once, and the rendering names of parameters and symbols. */
export const { equation: declared, names: dlnNames } = declareEquations<keyof typeof dlnEquations>(dlnEquations, dlnParams, dlnSymbols);

/** Evaluate constant calls the engine leaves unevaluated at G = 0 (cosh(0), sinh(0)). */
export function atZero(e: Expr): Expr {
  return Expr.parse(e.text.replace(/cosh\(0\)/g, '1').replace(/sinh\(0\)/g, '0'));
}
