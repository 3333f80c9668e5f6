/**
 * Timescales against simulation (digest §8): the search-phase half-time of the (mean) train loss
 * is affine in ln(1/α) with the slope the DMFT predicts (small α), and the grokking drop with weight
 * decay comes at ln(α)/λ plus an offset that does not depend on α (large α).
 */
import { silentProgress } from '../../../src/core/progress.ts';
import type { RunContext } from '../../../src/core/theory.ts';
import { timeGrid } from '../model.ts';
import { simulateDln } from '../simulator.ts';
import { averagedDmft } from '../solver.ts';
import { BASE, type Size } from './curves.ts';
import { meanSe } from '../../../src/numeric/statistics.ts';
import { firstCrossingBelow, linearFit } from './stats.ts';

export const SEARCH_SIZES: Record<Size, { alphas: number[]; d: number; seeds: number; runs: number; paths: number }> = {
  test: { alphas: [1e-2, 1e-4, 1e-6], d: 400, seeds: 10, runs: 2, paths: 4000 },
  large: { alphas: [1e-2, 1e-3, 1e-4, 1e-6, 1e-8], d: 1000, seeds: 8, runs: 4, paths: 15000 },
};

/** Horizon past the half-time (measured ≈ 0.87·ln(1/α) − 0.5). */
function searchHorizon(alpha: number): number {
  return 0.9 * Math.log(1 / alpha) + 2.5;
}

export interface SearchResult {
  alphas: number[];
  logInverseAlpha: number[];
  dmftHalfTime: number[];
  simHalfTime: number[];
  simHalfTimeSe: number[];
  dmftFit: { intercept: number; slope: number; r2: number };
  simFit: { intercept: number; slope: number; r2: number };
}

export async function searchExperiment(size: Size, ctx: RunContext): Promise<SearchResult> {
  const cfg = SEARCH_SIZES[size];
  const quiet = { ...ctx, progress: silentProgress };
  const dmftHalfTime: number[] = [];
  const simHalfTime: number[] = [];
  const simHalfTimeSe: number[] = [];
  for (const alpha of cfg.alphas) {
    const params = { ...BASE, alpha, lambda: 0, d: cfg.d, seeds: cfg.seeds };
    const tEnd = searchHorizon(alpha);
    const { solution } = await averagedDmft(params, { 't-end': tEnd, runs: cfg.runs, 'max-runs': cfg.runs, paths: cfg.paths }, quiet);
    dmftHalfTime.push(firstCrossingBelow(solution.t, solution.trainError, solution.trainError[0]! / 2));
    const grid = timeGrid(params, { tEnd });
    const { series } = await simulateDln(params, grid.eta, grid.t.length - 1, quiet);
    // Crossing of the mean curve (as for the DMFT; the mean of per-run crossings is biased by the
    // spread of the runs), with its s.e. by the delta method: se(E)/|dE/dt| at the crossing.
    const half = firstCrossingBelow(series.t, series.trainError, series.trainError[0]! / 2);
    const k = series.t.findIndex((t) => t >= half);
    const slope = (series.trainError[k]! - series.trainError[k - 1]!) / (series.t[k]! - series.t[k - 1]!);
    simHalfTime.push(half);
    simHalfTimeSe.push(series.trainErrorSe[k]! / Math.abs(slope));
  }
  const L = cfg.alphas.map((a) => Math.log(1 / a));
  const fit = (y: number[]) => {
    const f = linearFit(L, y);
    return { intercept: f.intercept, slope: f.slope, r2: f.r2 };
  };
  return { alphas: cfg.alphas, logInverseAlpha: L, dmftHalfTime, simHalfTime, simHalfTimeSe, dmftFit: fit(dmftHalfTime), simFit: fit(simHalfTime) };
}

export const GROKKING_SIZES: Record<Size, { alphas: number[]; lambda: number; d: number; seeds: number; step: number }> = {
  test: { alphas: [2, 4, 8], lambda: 0.1, d: 200, seeds: 4, step: 0.15 },
  large: { alphas: [2, 4, 8, 16], lambda: 0.1, d: 400, seeds: 8, step: 0.15 },
};

export interface GrokkingResult {
  alphas: number[];
  lambda: number;
  /** Mean drop time per α (each run: halfway from its frozen-phase value to its final value). */
  dropTime: number[];
  dropTimeSe: number[];
  /** t_drop − ln(α)/λ: the α-independent offset. */
  offset: number[];
  fit: { intercept: number; slope: number; r2: number };
}

export async function grokkingExperiment(size: Size, ctx: RunContext): Promise<GrokkingResult> {
  const cfg = GROKKING_SIZES[size];
  const quiet = { ...ctx, progress: silentProgress };
  const dropTime: number[] = [];
  const dropTimeSe: number[] = [];
  for (const alpha of cfg.alphas) {
    const params = { ...BASE, alpha, lambda: cfg.lambda, d: cfg.d, seeds: cfg.seeds };
    const tGrok = Math.log(alpha) / cfg.lambda;
    // The drop comes ≈ 1.7/λ after t_grok; 4/λ more lets the test error settle.
    const grid = timeGrid(params, { tEnd: tGrok + 4 / cfg.lambda, step: cfg.step });
    const { runs } = await simulateDln(params, grid.eta, grid.t.length - 1, quiet);
    const drops = runs.map((r) => {
      // Frozen-phase value at t_grok, final value at the horizon, drop at the midpoint.
      let k = 0;
      while (r.t[k + 1] !== undefined && r.t[k + 1]! <= tGrok) k++;
      const level = 0.5 * (r.testError[k]! + r.testError[r.testError.length - 1]!);
      return firstCrossingBelow(r.t, r.testError, level);
    });
    const m = meanSe(drops);
    dropTime.push(m.mean);
    dropTimeSe.push(m.se);
  }
  const f = linearFit(cfg.alphas.map(Math.log), dropTime);
  return {
    alphas: cfg.alphas,
    lambda: cfg.lambda,
    dropTime,
    dropTimeSe,
    offset: dropTime.map((t, i) => t - Math.log(cfg.alphas[i]!) / cfg.lambda),
    fit: { intercept: f.intercept, slope: f.slope, r2: f.r2 },
  };
}
