/**
 * Verified integration. nerdamer integrates some rational functions wrongly (it returns
 * log(ax² + bx + c) for 1/(ax² + bx + c)) and leaves others unevaluated, so every antiderivative
 * is differentiated back and compared with the integrand at sampled points before it is used.
 *
 * Strategies, in order, each verified:
 * 1. nerdamer `integrate`;
 * 2. partial fractions over the roots of the denominator (roots from `solveFor`, so verified):
 *    N(v)/D(v) = Σᵢ N(rᵢ)/D′(rᵢ) · 1/(v − rᵢ) for simple roots, integrated to Σ Aᵢ log|v − rᵢ|;
 * 3. a change of variables v = g(w) supplied by the caller (as a theorist would suggest one):
 *    ∫ f(v) dv = ∫ f(g(w)) g′(w) dw, integrated by 1–2, then w = g⁻¹(v) substituted back.
 */
import type { Check } from '../core/result.ts';
import { add, call, mul, num, pow, splitFraction, sub, sym, type Node } from './ast.ts';
import { spotCheck, type Point } from './check.ts';
import { diff, expand, Expr, rawIntegral, substitute, type Operand } from './expr.ts';
import { solveFor } from './solve.ts';

export interface Substitution {
  /** The new variable w. */
  variable: string;
  /** v as a function of w, g(w). */
  forward: string;
  /** w as a function of v, g⁻¹(v). */
  inverse: string;
  /** Points in terms of w for verifying the transformed integral. */
  samples: readonly Point[];
}

export interface IntegrateOptions {
  /** Points (values of v and every other symbol) at which F′ = f is checked. */
  samples: readonly Point[];
  tolerance?: number;
  substitution?: Substitution;
}

export interface IntegralOutcome {
  antiderivative?: Expr;
  method: string;
  checks: Check[];
  /** Every strategy tried and why it failed. */
  attempts: string[];
}

const asExpr = (e: Operand): Expr => (typeof e === 'string' ? Expr.parse(e) : e);

/**
 * Check F′(v) = f(v) at the samples by a fourth-order central difference of the compiled F,
 * F′(v) ≈ [8(F(v+h) − F(v−h)) − (F(v+2h) − F(v−2h))]/(12h), independently of nerdamer's own
 * differentiation (which has been seen to mangle constant factors such as 1/√(4s² + c₀²)).
 * Truncation O(h⁴) and rounding O(ε|F|/h) put the attainable accuracy near 1e-9 relative.
 */
function derivativeCheck(f: Expr, F: Expr, v: string, samples: readonly Point[], tolerance: number): Check {
  const names = [...new Set([...f.symbols(), ...F.symbols(), v])];
  const vi = names.indexOf(v);
  const fFn = f.compile(names);
  const FFn = F.compile(names);
  const args = (p: Point) => names.map((n) => p[n] ?? NaN);
  const numericDerivative = (p: Point): number => {
    const a = args(p);
    const x = a[vi]!;
    const h = 1e-3 * Math.max(Math.abs(x), 1e-3);
    const at = (dx: number) => {
      a[vi] = x + dx;
      return FFn(...a);
    };
    return (8 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12 * h);
  };
  return spotCheck(`d/d${v} of the antiderivative equals the integrand (4th-order finite difference)`, numericDerivative, (p) => fFn(...args(p)), samples, { tolerance });
}

/**
 * Verify a candidate antiderivative F of f obtained elsewhere (e.g. by a change of variables done
 * by the caller): the same finite-difference check `antiderivative` applies to its own results.
 */
export function checkAntiderivative(f: Operand, F: Operand, v: string, samples: readonly Point[], tolerance = 1e-6): Check {
  return derivativeCheck(asExpr(f), asExpr(F), v, samples, tolerance);
}

/** Σ N(rᵢ)/D′(rᵢ) · log|v − rᵢ| over the verified simple roots of the denominator. */
function partialFractions(f: Expr, v: string, samples: readonly Point[]): Expr | undefined {
  const { numer, denom } = splitFraction(f.tree);
  if (denom.length === 0) return undefined;
  const N = Expr.fromTree(mul(...numer));
  const D = expand(Expr.fromTree(mul(...denom)));
  const rootSamples = samples.map((p) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== v)));
  const { roots } = solveFor(D, v, { samples: rootSamples, tolerance: 1e-8 });
  if (roots.length === 0) return undefined;
  const dD = diff(D, v);
  const terms: Node[] = roots.map((r) => {
    const residue = mul(substitute(N, { [v]: r }).tree, pow(substitute(dD, { [v]: r }).tree, num(-1)));
    return mul(residue, call('log', call('abs', sub(sym(v), r.tree))));
  });
  return Expr.fromTree(add(...terms));
}

/** An antiderivative of f with respect to v, verified by differentiation at the samples. */
export function antiderivative(fIn: Operand, v: string, opts: IntegrateOptions): IntegralOutcome {
  const f = asExpr(fIn);
  const tolerance = opts.tolerance ?? 1e-6;
  const attempts: string[] = [];
  const tryCandidate = (method: string, make: () => Expr | undefined): IntegralOutcome | undefined => {
    let F: Expr | undefined;
    try {
      F = make();
    } catch (e) {
      attempts.push(`${method}: ${(e as Error).message}`);
      return undefined;
    }
    if (!F) {
      attempts.push(`${method}: no result`);
      return undefined;
    }
    const check = derivativeCheck(f, F, v, opts.samples, tolerance);
    if (!check.passed) {
      attempts.push(`${method}: rejected, F′ − f residual ${check.residual.toExponential(2)}`);
      return undefined;
    }
    return { antiderivative: F, method, checks: [check], attempts };
  };
  const direct =
    tryCandidate('nerdamer integrate', () => rawIntegral(f, v)) ??
    tryCandidate('partial fractions over verified roots', () => partialFractions(f, v, opts.samples));
  if (direct) return direct;
  const s = opts.substitution;
  if (s) {
    const g = Expr.parse(s.forward);
    const transformed = Expr.fromTree(mul(substitute(f, { [v]: g }).tree, diff(g, s.variable).tree));
    const inner = antiderivative(transformed, s.variable, { samples: s.samples, tolerance });
    if (inner.antiderivative) {
      const back = tryCandidate(`substitution ${v} = ${s.forward}, then ${inner.method}`, () => substitute(inner.antiderivative!, { [s.variable]: s.inverse }));
      if (back) return { ...back, checks: [...inner.checks, ...back.checks] };
    } else {
      attempts.push(...inner.attempts.map((a) => `after substitution ${v} = ${s.forward}: ${a}`));
    }
  }
  return { method: 'none', checks: [], attempts };
}
