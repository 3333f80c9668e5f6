/**
 * The declared equations as the engine reads them: parsed once, then handed to derivations, the
 * solver and the validators (which compile the declared closed forms; nobody retypes them).
 */
import { parseEquation, type CompiledFn, type Equation, type Expr, type SymbolNames } from '../../src/symbolic/index.ts';
import { saxeEquations, saxeSymbols, type SaxeEquationName } from './equations.ts';
import { saxeParams } from './params.ts';

const parsed = new Map<SaxeEquationName, Equation>();

/** The declared equation `name`, parsed (cached: parsing is pure). */
export function declared(name: SaxeEquationName): Equation {
  let eq = parsed.get(name);
  if (!eq) {
    eq = parseEquation(saxeEquations[name].equation);
    parsed.set(name, eq);
  }
  return eq;
}

/** The right-hand side of a declared closed form (`lhs = rhs`). */
export function declaredRhs(name: SaxeEquationName): Expr {
  return declared(name).rhs;
}

/** The right-hand side of a declared closed form compiled over positional `args`. */
export function compileDeclared(name: SaxeEquationName, args: readonly string[]): CompiledFn {
  return declaredRhs(name).compile(args);
}

/** LaTeX and Unicode names of every parameter and symbol, for rendering derived formulas. */
export const saxeNames: SymbolNames = Object.fromEntries([
  ...Object.entries(saxeParams).map(([name, p]) => [('symbol' in p ? p.symbol : name) as string, { latex: p.latex, unicode: p.unicode }]),
  ...Object.entries(saxeSymbols).map(([name, s]) => [name, { latex: s.latex, unicode: s.unicode }]),
]);
