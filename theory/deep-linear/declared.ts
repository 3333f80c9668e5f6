/**
 * The declared equations as the engine reads them (parsed once), and the symbol names used to
 * render derived formulas.
 */
import { parseEquation, type CompiledFn, type Equation, type SymbolNames } from '../../src/symbolic/index.ts';
import { deepLinearEquations, deepLinearSymbols, type DeepLinearEquationName } from './equations.ts';
import { deepLinearParams } from './params.ts';

const parsed = new Map<DeepLinearEquationName, Equation>();

export function declared(name: DeepLinearEquationName): Equation {
  let eq = parsed.get(name);
  if (!eq) {
    eq = parseEquation(deepLinearEquations[name].equation);
    parsed.set(name, eq);
  }
  return eq;
}

/** The right-hand side of a declared equation compiled over positional `args`. */
export function compileDeclared(name: DeepLinearEquationName, args: readonly string[]): CompiledFn {
  return declared(name).rhs.compile(args);
}

export const deepLinearNames: SymbolNames = Object.fromEntries([
  ...Object.entries(deepLinearParams).map(([name, p]) => [name, { latex: p.latex, unicode: p.unicode }]),
  ...Object.entries(deepLinearSymbols).map(([name, s]) => [name, { latex: s.latex, unicode: s.unicode }]),
]);
