/**
 * The long-time fixed point of the DLN in the proportional limit (digest §6).
 *
 * λ = 0, δ < 1: the flow ends at the interpolator argmin Σψ_α(w_i) s.t. Xw = y, whose test error
 * follows from two scalar equations in (s, γ), with x = W* + sZ and b = prox_{γψ_α}(x), i.e.
 * b + (γ/2)·asinh(b/α²) = x, D = 2√(b² + α⁴), b′(x) = D/(D + γ):
 *   (1) E[D/(D + γ)] = δ,   (2) δs² = σ² + E[(b − W*)²],   E_gen(∞) = E[(b − W*)²].
 *
 * Quadrature over G, not Z: with b = α²sinh 2G (so G = ψ′_α(b)) and x(G) = b + γG, dx/dG = D + γ,
 *   E[f(b) | W*] = ∫ f(b(G))·φ((x(G) − W*)/s)·(D + γ)/s dG,
 * by the trapezoid rule on |G| ≤ 1.05·min((|W*| + 12s)/γ, ½asinh((|W*| + 12s)/α²)). No prox root
 * is needed, and the integrand is smooth: Gauss–Hermite in Z integrates the kink of the
 * threshold-like prox and is visibly biased at small α (digest §6.2).
 *
 * λ > 0: the LASSO state evolution (`soft-threshold.ts`), whatever α.
 */
import { PlateauError } from '../../src/core/errors.ts';
import { brent, bracketRoot } from '../../src/numeric/roots.ts';
import { CoordinateMap } from '../../src/sim/diagonal-linear-net.ts';
import type { DlnModel } from './model.ts';
import { lassoFixedPoint, teacherAtoms } from './soft-threshold.ts';

const INV_SQRT_2PI = 0.3989422804014327;

/** Grid spacing in G: the prox moves on scale ½ in G, and the trapezoid rule on this analytic
 * integrand is exact to ~1e-12 already at spacing 0.04 (measured). */
const GRID_SPACING = 0.02;
const MIN_POINTS = 2001;

/**
 * The G-grid for one teacher atom: nodes G_i, b_i, D_i and normalised weights of the law of G∞
 * (trapezoid weight × density), for expectations of any f(b, D).
 */
export interface GGrid {
  value: number;
  weight: number;
  G: Float64Array;
  b: Float64Array;
  D: Float64Array;
  /** Quadrature weights of E[· | W*] (they sum to ≈ 1). */
  q: Float64Array;
}

/** Build the G-grids of every teacher atom at (s, γ). Cost O(points) per atom. */
export function gGrids(model: Pick<DlnModel, 'alpha' | 'rho'>, s: number, gamma: number): GGrid[] {
  const map = new CoordinateMap({ alpha: model.alpha, lambda: 0 });
  return teacherAtoms(model).map(({ value, weight }) => {
    const reach = Math.abs(value) + 12 * s;
    const gMax = 1.05 * Math.min(reach / gamma, 0.5 * Math.asinh(reach / (model.alpha * model.alpha)));
    const n = Math.max(MIN_POINTS, 2 * Math.ceil(gMax / GRID_SPACING) + 1);
    const h = (2 * gMax) / (n - 1);
    const G = new Float64Array(n);
    const b = new Float64Array(n);
    const D = new Float64Array(n);
    const q = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const g = -gMax + i * h;
      const bi = map.value(g);
      const Di = map.slope;
      const u = (bi + gamma * g - value) / s;
      G[i] = g;
      b[i] = bi;
      D[i] = Di;
      q[i] = (i === 0 || i === n - 1 ? 0.5 : 1) * h * INV_SQRT_2PI * Math.exp(-0.5 * u * u) * ((Di + gamma) / s);
    }
    return { value, weight, G, b, D, q };
  });
}

/** E[f(b, D, W*)] over the teacher mixture, from the G-grids. */
export function gridExpectation(grids: readonly GGrid[], f: (b: number, D: number, W: number) => number): number {
  let acc = 0;
  for (const g of grids) {
    let e = 0;
    for (let i = 0; i < g.q.length; i++) e += g.q[i]! * f(g.b[i]!, g.D[i]!, g.value);
    acc += g.weight * e;
  }
  return acc;
}

export interface InterpolatorFixedPoint {
  testError: number;
  s: number;
  gamma: number;
  /** E[D/(D + γ)] at the solution (= δ): the effective fraction of free coordinates. */
  degreesOfFreedom: number;
  /** Total quadrature mass minus 1 (a check that the G-range holds the whole law). */
  massError: number;
}

/** γ solving E[D/(D + γ)] = δ at fixed s (the left side decreases in γ). Brent on ln γ. */
function gammaOf(model: DlnModel, s: number): number {
  const f = (lg: number) => gridExpectation(gGrids(model, s, Math.exp(lg)), (_b, D) => D / (D + Math.exp(lg))) - model.delta;
  const hi = Math.max(20, 2 * Math.log(model.alpha) + 12);
  const lo = -60;
  return Math.exp(brent(f, lo, hi, { xtol: 1e-12 }).root);
}

/**
 * Solve (1)–(2) for λ = 0, δ < 1, α > 0 (nested Brent on s and ln γ, G-grid quadrature).
 * Cost ≈ 40 × 40 grid passes of ≈ 2·10³–10⁴ points.
 */
export function interpolatorFixedPoint(model: DlnModel): InterpolatorFixedPoint {
  if (!(model.delta < 1) || model.lambda !== 0 || !(model.alpha > 0)) {
    throw new PlateauError('REFUSED', `the interpolator fixed point needs λ = 0, δ < 1, α > 0 (got λ=${model.lambda}, δ=${model.delta}, α=${model.alpha})`);
  }
  const errorAt = (s: number) => {
    const gamma = gammaOf(model, s);
    return gridExpectation(gGrids(model, s, gamma), (b, _D, W) => (b - W) * (b - W));
  };
  const h = (s: number) => model.delta * s * s - model.sigma * model.sigma - errorAt(s);
  const lo = Math.max(model.sigma / Math.sqrt(model.delta), 1e-6) * (1 + 1e-9);
  if (!(h(lo) < 0)) throw new PlateauError('NOT_CONVERGED', `interpolator fixed point: no effective-noise solution above s = σ/√δ`, { residual: h(lo) });
  const br = bracketRoot(h, lo, 2 * lo + 0.5, { maxIter: 80 });
  const s = brent(h, Math.max(lo, br.a), br.b, { xtol: 1e-12 }).root;
  const gamma = gammaOf(model, s);
  const grids = gGrids(model, s, gamma);
  return {
    testError: gridExpectation(grids, (b, _D, W) => (b - W) * (b - W)),
    s,
    gamma,
    degreesOfFreedom: gridExpectation(grids, (_b, D) => D / (D + gamma)),
    massError: gridExpectation(grids, () => 1) - 1,
  };
}

export interface FixedPointValue {
  testError: number;
  s: number;
  /** Prox scale: b = prox_{γψ_α}(x) at λ = 0; for the LASSO γ = θ/λ (b = prox_{γλ|·|}(x)). */
  gamma: number;
  /** The LASSO's soft threshold (λ > 0 only). */
  theta?: number;
  regime: 'interpolator' | 'lasso';
}

/** The fixed point for any model within the theory: the interpolator (λ = 0) or the LASSO (λ > 0). */
export function fixedPoint(model: DlnModel): FixedPointValue {
  if (model.lambda > 0) {
    const l = lassoFixedPoint(model);
    return { testError: l.testError, s: l.s, gamma: l.theta / model.lambda, theta: l.theta, regime: 'lasso' };
  }
  const f = interpolatorFixedPoint(model);
  return { testError: f.testError, s: f.s, gamma: f.gamma, regime: 'interpolator' };
}
