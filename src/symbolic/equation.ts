/**
 * Equations `lhs = rhs` as declared by theories, and what the engine reads from them: the rate of
 * an ODE (solve the equation for the derivative placeholder), and the residual lhs − rhs.
 */
import { PlateauError } from '../core/errors.ts';
import type { Check } from '../core/result.ts';
import { spotCheck, type Point } from './check.ts';
import { derivativeSymbol, diff, difference, Expr, simplify, substitute } from './expr.ts';
import type { SymbolNames } from './render.ts';

export interface Equation {
  lhs: Expr;
  rhs: Expr;
}

export function parseEquation(text: string): Equation {
  const sides = text.split('=');
  if (sides.length !== 2) throw new PlateauError('SYMBOLIC', `an equation needs exactly one '=': ${text}`);
  return { lhs: Expr.parse(sides[0]!), rhs: Expr.parse(sides[1]!) };
}

export function equationTeX(eq: Equation, names: SymbolNames = {}): string {
  return `${eq.lhs.tex(names)} = ${eq.rhs.tex(names)}`;
}

export function equationUnicode(eq: Equation, names: SymbolNames = {}): string {
  return `${eq.lhs.unicode(names)} = ${eq.rhs.unicode(names)}`;
}

export interface OdeRate {
  /** d(state)/dt as an expression of the state and parameters. */
  rate: Expr;
  /** The rate substituted back zeroes lhs − rhs at the samples. */
  check: Check;
}

/**
 * Solve an ODE declaration (e.g. `tau*diff(u,t) = 2*u*(s-u)`) for du/dt. The equation must be
 * linear in the derivative: lhs − rhs = c·u̇ + r, so u̇ = −r/c.
 */
export function odeRate(eq: Equation, state: string, samples: readonly Point[], time = 't'): OdeRate {
  const d = derivativeSymbol(state, time);
  const residual = difference(eq.lhs, eq.rhs);
  const c = diff(residual, d);
  if (c.symbols().includes(d)) throw new PlateauError('SYMBOLIC', `the ODE is not linear in d${state}/d${time}`);
  const rest = substitute(residual, { [d]: '0' });
  const rate = simplify(Expr.parse(`-(${rest.text})/(${c.text})`));
  const names = [...new Set([...residual.symbols(), ...rate.symbols()])].filter((n) => n !== d);
  const R = residual.compile([d, ...names]);
  const rateFn = rate.compile(names);
  const at = (p: Point) => names.map((n) => p[n]!);
  const check = spotCheck(`d${state}/d${time} solves the ODE declaration`, (p) => R(rateFn(...at(p)), ...at(p)), () => 0, samples, { mode: 'absolute', tolerance: 1e-9 });
  return { rate, check };
}
