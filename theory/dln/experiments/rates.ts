/**
 * Rates and the speed/generalisation trade-off (digest §7, §9 check 4):
 * - `rateExperiment`: the late slope of ln E_train + 1.5 ln t of the simulated G-scheme against
 *   2μ_min in the discrete-step form −ln(1 − ημ)/η, and the finite-n edge λ_min of
 *   (1/δ)X·diag(2√(w² + α⁴))·Xᵀ at the simulated end point;
 * - `tradeoffExperiment`: across α, the fixed-point test error and μ_min both fall as α falls, in
 *   theory and at finite d (interpolators and their spectral edges on common data sets).
 */
import { kernels } from '../../../src/compute/registry.ts';
import { silentProgress } from '../../../src/core/progress.ts';
import type { RunContext } from '../../../src/core/theory.ts';
import { symmetricEigen } from '../../../src/numeric/eigen.ts';
import type { DlnProblem } from '../../../src/sim/diagonal-linear-net.ts';
import { minPotentialInterpolator } from '../../../src/sim/reference/min-potential-interpolator.ts';
import { interpolatorFixedPoint } from '../fixed-point.ts';
import { timeGrid } from '../model.ts';
import { convergenceRate, discreteRate } from '../rate.ts';
import { simulateDln } from '../simulator.ts';
import { BASE, type Size } from './curves.ts';
import { problems } from './fixed-point.ts';
import { meanSe } from '../../../src/numeric/statistics.ts';
import { fittedRate } from './stats.ts';

/** λ_min of (1/δ)X·diag(2√(w² + α⁴))·Xᵀ: the finite-n relaxation rate at weights w. O(n²d + 9n³). */
function finiteEdge(p: DlnProblem, w: Float64Array, alpha: number): number {
  const { n, d, X } = p;
  const scaled = new Float64Array(n * d);
  for (let j = 0; j < d; j++) {
    const s = Math.sqrt((2 * Math.sqrt(w[j]! ** 2 + alpha ** 4)) / p.delta);
    for (let i = 0; i < n; i++) scaled[i * d + j] = X[i * d + j]! * s;
  }
  const B = new Float64Array(n * n);
  kernels().gram(n, d, scaled, B, { side: 'AAt' });
  return symmetricEigen(B, n).values[0]!;
}

export const RATE_SIZES: Record<Size, { alpha: number; d: number; seeds: number; tEnd: number }> = {
  test: { alpha: 1, d: 800, seeds: 2, tEnd: 30 },
  large: { alpha: 1, d: 2000, seeds: 4, tEnd: 40 },
};

export interface RateResult {
  alpha: number;
  muTheory: number;
  /** Discrete-step form of the theory rate for the simulated step. */
  muTheoryDiscrete: number;
  /** Fitted rates per seed (late window [0.7·t_end, t_end]) and their mean. */
  fitted: number[];
  fittedMean: number;
  /** Finite-n edges at the simulated end points (discrete-step form), mean. */
  edge: number;
  eta: number;
}

export async function rateExperiment(size: Size, ctx: RunContext): Promise<RateResult> {
  const cfg = RATE_SIZES[size];
  const params = { ...BASE, alpha: cfg.alpha, lambda: 0, d: cfg.d, seeds: cfg.seeds };
  const mu = convergenceRate({ ...params }).muMin;
  const grid = timeGrid(params, { tEnd: cfg.tEnd });
  const eta = grid.eta[0]!;
  const { runs } = await simulateDln(params, grid.eta, grid.t.length - 1, { ...ctx, progress: silentProgress });
  const fitted = runs.map((r) => fittedRate(r.t, r.trainError, 0.7 * cfg.tEnd, cfg.tEnd));
  const data = problems(cfg.d, cfg.seeds, ctx.seed);
  const edges = runs.map((r, i) => discreteRate(finiteEdge(data[i]!, r.w, cfg.alpha), eta));
  return { alpha: cfg.alpha, muTheory: mu, muTheoryDiscrete: discreteRate(mu, eta), fitted, fittedMean: meanSe(fitted).mean, edge: meanSe(edges).mean, eta };
}

export const TRADEOFF_SIZES: Record<Size, { d: number; seeds: number; alphas: number[]; theoryAlphas: number[] }> = {
  test: { d: 400, seeds: 4, alphas: [0.1, 1], theoryAlphas: [0.03, 0.1, 0.3, 1, 3] },
  large: { d: 1000, seeds: 8, alphas: [0.03, 0.1, 0.3, 1, 3], theoryAlphas: [0.01, 0.03, 0.1, 0.3, 1, 3, 10] },
};

export interface TradeoffPoint {
  alpha: number;
  testError: number;
  rate: number;
}

export interface TradeoffResult {
  theory: TradeoffPoint[];
  simulation: Array<TradeoffPoint & { testErrorSe: number; rateSe: number }>;
  /** Paired differences between consecutive simulated α (smaller minus larger) with their s.e. */
  pairs: Array<{ from: number; to: number; testErrorDiff: number; testErrorDiffSe: number; rateDiff: number; rateDiffSe: number }>;
}

export async function tradeoffExperiment(size: Size, ctx: RunContext): Promise<TradeoffResult> {
  const cfg = TRADEOFF_SIZES[size];
  const theory = cfg.theoryAlphas.map((alpha) => {
    const model = { ...BASE, alpha, lambda: 0 };
    const fp = interpolatorFixedPoint(model);
    return { alpha, testError: fp.testError, rate: convergenceRate(model, fp).muMin };
  });
  const data = problems(cfg.d, cfg.seeds, ctx.seed);
  const perAlpha = cfg.alphas.map((alpha) => data.map((p) => {
    const w = minPotentialInterpolator(p, alpha).w;
    let e = 0;
    for (let i = 0; i < p.d; i++) e += (w[i]! - p.wStar[i]!) ** 2;
    return { testError: e / p.d, rate: finiteEdge(p, w, alpha) };
  }));
  const simulation = cfg.alphas.map((alpha, a) => {
    const te = meanSe(perAlpha[a]!.map((x) => x.testError));
    const ra = meanSe(perAlpha[a]!.map((x) => x.rate));
    return { alpha, testError: te.mean, testErrorSe: te.se, rate: ra.mean, rateSe: ra.se };
  });
  const pairs = cfg.alphas.slice(1).map((alpha, a) => {
    const lo = perAlpha[a]!;
    const hi = perAlpha[a + 1]!;
    const te = meanSe(lo.map((x, i) => x.testError - hi[i]!.testError));
    const ra = meanSe(lo.map((x, i) => x.rate - hi[i]!.rate));
    return { from: cfg.alphas[a]!, to: alpha, testErrorDiff: te.mean, testErrorDiffSe: te.se, rateDiff: ra.mean, rateDiffSe: ra.se };
  });
  return { theory, simulation, pairs };
}
