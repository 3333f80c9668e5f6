/**
 * Closed-form moments of the soft threshold η_θ(x) = sgn(x)(|x| − θ)₊ under x ~ N(W, s²)
 * (digest §6.4), and the state evolutions built on them: basis pursuit (the α → 0 limit of the
 * interpolator) and the LASSO (the λ > 0 fixed point, whatever α). With A = (θ − W)/s,
 * B = (−θ − W)/s, Φ the normal CDF, φ its density and Q = 1 − Φ:
 *   E[η′] = Q(A) + Φ(B),
 *   E[(η − W)²] = s²[Aφ(A) + Q(A)] − 2sθφ(A) + θ²Q(A) + s²[Φ(B) − Bφ(B)] − 2sθφ(B) + θ²Φ(B)
 *                 + W²[Φ(A) − Φ(B)].
 * These are independent of the G-grid quadrature of `fixed-point.ts`, so each checks the other.
 */
import { PlateauError } from '../../src/core/errors.ts';
import { brent, bracketRoot } from '../../src/numeric/roots.ts';
import { normalCdf, normalPdf, normalUpperTail } from '../../src/numeric/special.ts';
import type { DlnModel } from './model.ts';

/** The teacher's atoms with their weights; W* = −1 mirrors +1 for every even functional. */
export function teacherAtoms(m: Pick<DlnModel, 'rho'>): Array<{ value: number; weight: number }> {
  const atoms: Array<{ value: number; weight: number }> = [];
  if (m.rho < 1) atoms.push({ value: 0, weight: 1 - m.rho });
  if (m.rho > 0) atoms.push({ value: 1, weight: m.rho });
  return atoms;
}

/** E[η′_θ(x)] = P(|x| > θ) for x ~ N(W, s²). */
export function softThresholdSlope(W: number, s: number, theta: number): number {
  return normalUpperTail((theta - W) / s) + normalCdf((-theta - W) / s);
}

/** E[(η_θ(x) − W)²] for x ~ N(W, s²), the closed form above. */
export function softThresholdError(W: number, s: number, theta: number): number {
  const A = (theta - W) / s;
  const B = (-theta - W) / s;
  const pA = normalPdf(A);
  const pB = normalPdf(B);
  const QA = normalUpperTail(A);
  const PB = normalCdf(B);
  return (
    s * s * (A * pA + QA) - 2 * s * theta * pA + theta * theta * QA +
    s * s * (PB - B * pB) - 2 * s * theta * pB + theta * theta * PB +
    W * W * (normalCdf(A) - PB)
  );
}

function mixture(m: Pick<DlnModel, 'rho'>, f: (W: number) => number): number {
  let acc = 0;
  for (const { value, weight } of teacherAtoms(m)) acc += weight * f(value);
  return acc;
}

export interface ThresholdFixedPoint {
  testError: number;
  s: number;
  theta: number;
  /** P(|x| > θ): the fraction of nonzero coordinates. */
  activeFraction: number;
}

/** θ with P(|W* + sZ| > θ) = δ (the basis-pursuit threshold for effective noise s). */
function basisPursuitThreshold(m: Pick<DlnModel, 'rho' | 'delta'>, s: number): number {
  const f = (theta: number) => mixture(m, (W) => softThresholdSlope(W, s, theta)) - m.delta;
  const hi = 2 + 40 * s;
  return brent(f, 0, hi, { xtol: 1e-14 }).root;
}

/** Solve the outer equation δs² = σ² + E_gen(s) for s, given E_gen as a function of s. */
function solveNoise(m: Pick<DlnModel, 'delta' | 'sigma'>, error: (s: number) => number, what: string): number {
  const h = (s: number) => m.delta * s * s - m.sigma * m.sigma - error(s);
  const lo = Math.max(m.sigma / Math.sqrt(m.delta), 1e-6) * (1 + 1e-9);
  if (h(lo) >= 0) {
    if (m.sigma === 0) return 0; // exact recovery: s = 0 solves δs² = E_gen(s) = 0
    throw new PlateauError('NOT_CONVERGED', `${what}: no effective-noise solution above s = σ/√δ`, { residual: h(lo) });
  }
  const b = bracketRoot(h, lo, 2 * lo + 1, { maxIter: 80 });
  return brent(h, Math.max(lo, b.a), b.b, { xtol: 1e-13 }).root;
}

/**
 * Basis pursuit (min ‖w‖₁ s.t. Xw = y) in the proportional limit: P(|W* + sZ| > θ) = δ and
 * δs² = σ² + E[(η_θ(W* + sZ) − W*)²] (digest §6.4). Nested Brent; cost a few thousand erfc calls.
 */
export function basisPursuitFixedPoint(m: Pick<DlnModel, 'rho' | 'delta' | 'sigma'>): ThresholdFixedPoint {
  const err = (s: number) => mixture(m, (W) => softThresholdError(W, s, basisPursuitThreshold(m, s)));
  const s = solveNoise(m, err, 'basis-pursuit state evolution');
  if (s === 0) return { testError: 0, s: 0, theta: 0, activeFraction: m.rho };
  const theta = basisPursuitThreshold(m, s);
  return { testError: err(s), s, theta, activeFraction: m.delta };
}

/**
 * The LASSO min (1/2δ)‖y − Xw‖² + λ‖w‖₁, the λ > 0 end point of the DLN whatever α (digest §6.5):
 * λ = θ(1 − E[η′_θ(W* + sZ)]/δ) on the branch θ > θ_BP(s), and δs² = σ² + E_gen.
 */
export function lassoFixedPoint(m: Pick<DlnModel, 'rho' | 'delta' | 'sigma' | 'lambda'>): ThresholdFixedPoint {
  const thetaOf = (s: number) => {
    const lo = m.delta < 1 ? basisPursuitThreshold(m, s) : 0;
    const f = (theta: number) => theta * (1 - mixture(m, (W) => softThresholdSlope(W, s, theta)) / m.delta) - m.lambda;
    const b = bracketRoot(f, lo, lo + m.lambda + s, { maxIter: 80 });
    return brent(f, Math.max(lo, b.a), b.b, { xtol: 1e-14 }).root;
  };
  const err = (s: number) => {
    const theta = thetaOf(s);
    return mixture(m, (W) => softThresholdError(W, s, theta));
  };
  const s = solveNoise(m, err, 'LASSO state evolution');
  const theta = thetaOf(s);
  return { testError: err(s), s, theta, activeFraction: mixture(m, (W) => softThresholdSlope(W, s, theta)) };
}

/**
 * The minimum-ℓ2 interpolator (α → ∞, digest §6.3): E_gen = (1 − δ)E[W*²] + δσ²/(1 − δ) for δ < 1,
 * and least squares σ²/(δ − 1) for δ > 1.
 */
export function minNormTestError(m: Pick<DlnModel, 'rho' | 'delta' | 'sigma'>): number {
  if (m.delta < 1) return (1 - m.delta) * m.rho + (m.delta * m.sigma * m.sigma) / (1 - m.delta);
  if (m.delta > 1) return (m.sigma * m.sigma) / (m.delta - 1);
  return Infinity;
}
