/**
 * The fixed point against finite-d references on the same data sets (digest §9 checks 3 and 5):
 * the min-ψ_α interpolator by dual Newton for λ = 0 across α, basis pursuit by ADMM with a certified
 * vertex (the α → 0 limit), and the LASSO by FISTA for λ > 0. Each case reports the theory value,
 * the mean ± s.e. of the finite-d test errors, and their z-score.
 */
import type { RunContext } from '../../../src/core/theory.ts';
import { dlnProblem, type DlnProblem } from '../../../src/sim/diagonal-linear-net.ts';
import { basisPursuit } from '../../../src/sim/reference/basis-pursuit.ts';
import { lassoFista } from '../../../src/sim/reference/lasso.ts';
import { minPotentialInterpolator } from '../../../src/sim/reference/min-potential-interpolator.ts';
import { interpolatorFixedPoint } from '../fixed-point.ts';
import { dataSeed } from '../simulator.ts';
import { basisPursuitFixedPoint, lassoFixedPoint } from '../soft-threshold.ts';
import { BASE, type Size } from './curves.ts';
import { meanSe } from '../../../src/numeric/statistics.ts';

export const FIXED_POINT_SIZES: Record<Size, { d: number; seeds: number; alphas: number[]; lambda: number; bpDim: number }> = {
  test: { d: 400, seeds: 6, alphas: [0.01, 0.1, 1], lambda: 0.05, bpDim: 300 },
  large: { d: 1000, seeds: 10, alphas: [0.01, 0.03, 0.1, 0.3, 1, 3], lambda: 0.05, bpDim: 600 },
};

export interface FixedPointCase {
  label: string;
  theory: number;
  mean: number;
  se: number;
  z: number;
  values: number[];
}

function testError(w: Float64Array, p: DlnProblem): number {
  let e = 0;
  for (let i = 0; i < p.d; i++) e += (w[i]! - p.wStar[i]!) ** 2;
  return e / p.d;
}

function caseOf(label: string, theory: number, values: number[]): FixedPointCase {
  const { mean, se } = meanSe(values);
  return { label, theory, mean, se, z: Math.abs(mean - theory) / se, values };
}

/** Data sets shared by every case (common random numbers across α). */
export function problems(d: number, seeds: number, seed: number): DlnProblem[] {
  return Array.from({ length: seeds }, (_, i) => dlnProblem({ d, delta: BASE.delta, rho: BASE.rho, sigma: BASE.sigma, seed: dataSeed(seed, i) }));
}

/** Interpolator cases at the given α (λ = 0). O(seeds·α·Newton steps·n²d). */
export function interpolatorCases(alphas: readonly number[], data: readonly DlnProblem[], ctx: Pick<RunContext, 'progress'>): FixedPointCase[] {
  return alphas.map((alpha) => {
    const theory = interpolatorFixedPoint({ ...BASE, alpha, lambda: 0 }).testError;
    const values = data.map((p) => testError(minPotentialInterpolator(p, alpha).w, p));
    ctx.progress.info(`  α = ${alpha}: theory ${theory.toFixed(5)}, interpolator ${meanSe(values).mean.toFixed(5)} ± ${meanSe(values).se.toFixed(5)}`);
    return caseOf(`min-ψ interpolator, α = ${alpha}`, theory, values);
  });
}

export async function fixedPointExperiment(size: Size, ctx: RunContext): Promise<FixedPointCase[]> {
  const cfg = FIXED_POINT_SIZES[size];
  const data = problems(cfg.d, cfg.seeds, ctx.seed);
  const cases = interpolatorCases(cfg.alphas, data, ctx);
  const lasso = lassoFixedPoint({ ...BASE, lambda: cfg.lambda }).testError;
  cases.push(caseOf(`LASSO (FISTA), λ = ${cfg.lambda}`, lasso, data.map((p) => testError(lassoFista(p, cfg.lambda).w, p))));
  const bpData = problems(cfg.bpDim, cfg.seeds, ctx.seed);
  const bp = basisPursuitFixedPoint(BASE).testError;
  cases.push(caseOf('basis pursuit (ADMM, certified vertex) = α → 0', bp, bpData.map((p) => testError(basisPursuit(p).w, p))));
  return cases;
}
