/**
 * DMFT against finite-d simulation over the whole curve (digest §9 check 1): the same G-scheme on
 * the same grid, test error compared at every grid time within the combined standard error
 * (simulation over data sets, DMFT over independent Monte Carlo runs), in three regimes: rich
 * (small α), lazy (large α), and weight decay (λ > 0).
 */
import { silentProgress } from '../../../src/core/progress.ts';
import type { RunContext } from '../../../src/core/theory.ts';
import type { DlnParams } from '../params.ts';
import { simulateDln } from '../simulator.ts';
import { averagedDmft } from '../solver.ts';
import { timeGrid } from '../model.ts';
import { maxZScore } from './stats.ts';

export type Size = 'test' | 'large';

export interface CurveCase {
  label: string;
  alpha: number;
  lambda: number;
  /** Horizon per size. */
  tEnd: Record<Size, number>;
}

export const CURVE_CASES: readonly CurveCase[] = [
  { label: 'rich (α = 0.1)', alpha: 0.1, lambda: 0, tEnd: { test: 7.45, large: 12.45 } },
  { label: 'lazy (α = 3)', alpha: 3, lambda: 0, tEnd: { test: 0.42, large: 0.7 } },
  { label: 'weight decay (α = 1, λ = 0.1)', alpha: 1, lambda: 0.1, tEnd: { test: 6, large: 12.45 } },
];

export const CURVE_SIZES: Record<Size, { d: number; seeds: number; runs: number; paths: number; responsePaths: number }> = {
  test: { d: 250, seeds: 32, runs: 4, paths: 3000, responsePaths: 128 },
  large: { d: 1000, seeds: 16, runs: 4, paths: 15000, responsePaths: 160 },
};

export interface CurveComparison {
  label: string;
  alpha: number;
  lambda: number;
  t: number[];
  dmft: { testError: number[]; testErrorSe: number[]; trainError: number[] };
  simulation: { testError: number[]; testErrorSe: number[]; trainError: number[]; trainErrorSe: number[] };
  /** max_t |DMFT − sim|/√(se² + se²) for the test error, its time, and the largest absolute gap. */
  z: number;
  zAt: number;
  maxGap: number;
  /** The same for the train error while E_train/E_train(0) > 1e-2 (digest §5 pitfall). */
  trainZ: number;
}

export const BASE: Omit<DlnParams, 'alpha' | 'lambda'> = { delta: 0.5, rho: 0.1, sigma: 0.1, d: 1000, seeds: 8 };

/** Run one case: DMFT (averaged runs) and simulation (seeds) on one grid. */
export async function compareCurves(c: CurveCase, size: Size, ctx: RunContext, sizes = CURVE_SIZES[size]): Promise<CurveComparison> {
  const params: DlnParams = { ...BASE, alpha: c.alpha, lambda: c.lambda, d: sizes.d, seeds: sizes.seeds };
  const quiet = { ...ctx, progress: silentProgress };
  const options = { 't-end': c.tEnd[size], step: 0.05, runs: sizes.runs, 'max-runs': sizes.runs, paths: sizes.paths, 'response-paths': sizes.responsePaths };
  const { solution } = await averagedDmft(params, options, quiet);
  const grid = timeGrid(params, { tEnd: c.tEnd[size] });
  const { series } = await simulateDln(params, grid.eta, grid.t.length - 1, quiet);
  const test = maxZScore(solution.testError, solution.testErrorSe, series.testError, series.testErrorSe);
  const keep = solution.trainError.map((v) => v / solution.trainError[0]! > 1e-2);
  const pick = (x: number[]) => x.filter((_, k) => keep[k]);
  const train = maxZScore(pick(solution.trainError), pick(solution.trainErrorSe), pick(series.trainError), pick(series.trainErrorSe));
  return {
    label: c.label,
    alpha: c.alpha,
    lambda: c.lambda,
    t: solution.t,
    dmft: { testError: solution.testError, testErrorSe: solution.testErrorSe, trainError: solution.trainError },
    simulation: { testError: series.testError, testErrorSe: series.testErrorSe, trainError: series.trainError, trainErrorSe: series.trainErrorSe },
    z: test.z,
    zAt: solution.t[test.at]!,
    maxGap: test.maxGap,
    trainZ: train.z,
  };
}
