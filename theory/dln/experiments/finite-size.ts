/**
 * Finite-size scaling (digest §9 check 2): the run-to-run spread of the test error across data
 * sets, and the RMS gap of single runs to the DMFT curve, both shrink like d^{−1/2}; the mean gap
 * stays at the Monte Carlo level. Measured as averages over the window t ∈ [t_end/2, t_end].
 */
import { silentProgress } from '../../../src/core/progress.ts';
import type { RunContext } from '../../../src/core/theory.ts';
import type { DlnParams } from '../params.ts';
import { simulateDln } from '../simulator.ts';
import { averagedDmft } from '../solver.ts';
import { timeGrid } from '../model.ts';
import { BASE, type Size } from './curves.ts';
import { linearFit } from './stats.ts';

export const FINITE_SIZE: Record<Size, { dims: number[]; seeds: number[]; tEnd: number; runs: number; paths: number }> = {
  test: { dims: [200, 400, 800], seeds: [48, 32, 16], tEnd: 5, runs: 4, paths: 10000 },
  large: { dims: [250, 1000, 2000], seeds: [64, 32, 16], tEnd: 12.45, runs: 4, paths: 15000 },
};

export interface FiniteSizeResult {
  alpha: number;
  dims: number[];
  spread: number[];
  rmsGap: number[];
  meanGap: number[];
  spreadExponent: number;
  gapExponent: number;
  /** spread·√d per dimension (≈ constant). */
  scaledSpread: number[];
}

export async function finiteSizeScaling(size: Size, ctx: RunContext, alpha = 0.3): Promise<FiniteSizeResult> {
  const cfg = FINITE_SIZE[size];
  const quiet = { ...ctx, progress: silentProgress };
  const model: DlnParams = { ...BASE, alpha, lambda: 0 };
  const { solution } = await averagedDmft(model, { 't-end': cfg.tEnd, runs: cfg.runs, 'max-runs': cfg.runs, paths: cfg.paths }, quiet);
  const grid = timeGrid(model, { tEnd: cfg.tEnd });
  const window = solution.t.map((t) => t >= cfg.tEnd / 2);
  const spread: number[] = [];
  const rmsGap: number[] = [];
  const meanGap: number[] = [];
  for (const [i, d] of cfg.dims.entries()) {
    const { runs, series } = await simulateDln({ ...model, d, seeds: cfg.seeds[i]! }, grid.eta, grid.t.length - 1, quiet);
    let sd = 0;
    let gap2 = 0;
    let mg = 0;
    let count = 0;
    for (let k = 0; k < solution.t.length; k++) {
      if (!window[k]) continue;
      const values = runs.map((r) => r.testError[k]!);
      const m = series.testError[k]!;
      sd += Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
      gap2 += values.reduce((a, v) => a + (v - solution.testError[k]!) ** 2, 0) / values.length;
      mg += Math.abs(m - solution.testError[k]!);
      count++;
    }
    spread.push(sd / count);
    rmsGap.push(Math.sqrt(gap2 / count));
    meanGap.push(mg / count);
  }
  const logD = cfg.dims.map(Math.log);
  return {
    alpha,
    dims: cfg.dims,
    spread,
    rmsGap,
    meanGap,
    spreadExponent: linearFit(logD, spread.map(Math.log)).slope,
    gapExponent: linearFit(logD, rmsGap.map(Math.log)).slope,
    scaledSpread: spread.map((s, i) => s * Math.sqrt(cfg.dims[i]!)),
  };
}
