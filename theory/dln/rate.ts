/**
 * The convergence rate at the interpolating fixed point (digest §7; λ = 0, δ < 1). Near w∞ the
 * residual relaxes under (1/δ)X·diag(D)·Xᵀ with D = 2√(w∞² + α⁴); its lower spectral edge is
 *   μ_min = max_{m>0} z(m),   z(m) = −1/m + (1/δ)·E[D/(1 + D·m)]
 * (the Silverstein relation), with D distributed as at the fixed point (the G-grid weights).
 * Train loss ∝ t^{−3/2}·e^{−2μ_min t}; for the G-scheme with step η the rate per unit time is
 * −ln(1 − η·μ_min)/η. Lazy limit (D → 2α²): μ_min → 2α²(1 − √δ)²/δ.
 */
import { maximizeScalar } from '../../src/numeric/roots.ts';
import { gGrids, gridExpectation, interpolatorFixedPoint, type InterpolatorFixedPoint } from './fixed-point.ts';
import type { DlnModel } from './model.ts';

export interface RateValue {
  /** μ_min, per unit of time (the digest's time, du/dt = −d·∂L/∂u). */
  muMin: number;
  /** The maximiser m* of z(m). */
  m: number;
  /** The lazy-limit value 2α²(1 − √δ)²/δ, for comparison. */
  lazy: number;
  fixedPoint: InterpolatorFixedPoint;
}

/** The lazy (α → ∞) edge 2α²(1 − √δ)²/δ. */
export function lazyRate(m: Pick<DlnModel, 'alpha' | 'delta'>): number {
  return (2 * m.alpha * m.alpha * (1 - Math.sqrt(m.delta)) ** 2) / m.delta;
}

/** Rate per unit time of the G-scheme with step η when the flow's rate is μ: −ln(1 − ημ)/η. */
export function discreteRate(mu: number, eta: number): number {
  return -Math.log1p(-eta * mu) / eta;
}

/**
 * max over m > 0 of z(m) = −1/m + (1/δ)·E[D/(1 + Dm)] for a law of D given as atoms (values,
 * weights): scan ln m on a grid, then Brent's maximiser around the best node. O(atoms·100).
 */
export function spectralEdge(D: Float64Array, weight: Float64Array, delta: number): { value: number; m: number } {
  const z = (lm: number) => {
    const m = Math.exp(lm);
    let e = 0;
    for (let i = 0; i < D.length; i++) e += weight[i]! * (D[i]! / (1 + D[i]! * m));
    return -1 / m + e / delta;
  };
  let best = -Infinity;
  let bestAt = 0;
  for (let lm = -40; lm <= 40; lm += 0.5) {
    const v = z(lm);
    if (v > best) {
      best = v;
      bestAt = lm;
    }
  }
  const r = maximizeScalar(z, bestAt - 0.5, bestAt + 0.5, { tol: 1e-12 });
  return { value: r.value, m: Math.exp(r.x) };
}

/** μ_min at the fixed point of `model` (λ = 0, δ < 1). */
export function convergenceRate(model: DlnModel, fp: InterpolatorFixedPoint = interpolatorFixedPoint(model)): RateValue {
  const grids = gGrids(model, fp.s, fp.gamma);
  let n = 0;
  for (const g of grids) n += g.D.length;
  const D = new Float64Array(n);
  const w = new Float64Array(n);
  let i = 0;
  // Normalise each atom's weights (the trapezoid mass is 1 to ~1e-15, see massError).
  const mass = gridExpectation(grids, () => 1);
  for (const g of grids) {
    for (let j = 0; j < g.D.length; j++) {
      D[i] = g.D[j]!;
      w[i++] = (g.weight * g.q[j]!) / mass;
    }
  }
  const edge = spectralEdge(D, w, model.delta);
  return { muMin: edge.value, m: edge.m, lazy: lazyRate(model), fixedPoint: fp };
}
