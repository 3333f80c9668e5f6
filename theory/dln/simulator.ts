/**
 * `plateau simulate dln`: finite-d diagonal networks trained on independent data sets (seeds) with
 * the same step sequence as the DMFT (the G-scheme by default, or plain GD on (u, v)); the series
 * are means over seeds with their standard errors.
 */
import { nextTurn } from '../../src/core/progress.ts';
import type { TaggedResult } from '../../src/core/result.ts';
import { Rng } from '../../src/core/rng.ts';
import type { CommandOption, RunContext, RunnerSpec } from '../../src/core/theory.ts';
import { meanAndStandardError } from '../../src/numeric/statistics.ts';
import { dlnProblem, trainDln, type DlnTrajectory } from '../../src/sim/diagonal-linear-net.ts';
import { timeGrid } from './model.ts';
import { modelOf, refuseOutside, type DlnParams } from './params.ts';
import { gridOptions } from './solver.ts';

const simulationOptions: readonly CommandOption[] = [
  ...gridOptions,
  { name: 'algorithm', description: 'g-scheme (exact flow with g frozen per step; what the DMFT describes) | gd (plain GD on u, v)', kind: 'string', default: 'g-scheme' },
];

export interface SimulationSeries {
  t: number[];
  testError: number[];
  testErrorSe: number[];
  trainError: number[];
  trainErrorSe: number[];
  loss: number[];
  lossSe: number[];
  /** Per-seed test error at the last time (for spreads). */
  finalTestErrors: number[];
}

/** The seed of data set i of a simulation with base seed `seed`. */
export function dataSeed(seed: number, i: number): number {
  return Rng.derive(seed, 'dln-data', i).nextUint32();
}

/** Simulate `seeds` data sets at dimension d on the grid for `model`. O(seeds·T·n·d). */
export async function simulateDln(params: DlnParams, eta: Float64Array, steps: number, ctx: RunContext, algorithm: 'g-scheme' | 'gd' = 'g-scheme'): Promise<{ series: SimulationSeries; runs: DlnTrajectory[] }> {
  const runs: DlnTrajectory[] = [];
  ctx.progress.start(`simulate d = ${params.d}, ${params.seeds} seeds`, params.seeds);
  for (let i = 0; i < params.seeds; i++) {
    const problem = dlnProblem({ d: params.d, delta: params.delta, rho: params.rho, sigma: params.sigma, seed: dataSeed(ctx.seed, i) });
    runs.push(trainDln(problem, { alpha: params.alpha, lambda: params.lambda, eta, steps, algorithm, signal: ctx.signal }));
    ctx.progress.update(i + 1);
    if (ctx.onPartial && i + 1 < params.seeds) {
      // The running mean over the data sets so far, for live plots.
      const test = meanAndStandardError(runs.map((r) => r.testError));
      ctx.onPartial({ t: Array.from(runs[0]!.t), testError: Array.from(test.mean), testErrorSe: Array.from(test.se) });
    }
    await nextTurn();
  }
  ctx.progress.finish();
  const test = meanAndStandardError(runs.map((r) => r.testError));
  const train = meanAndStandardError(runs.map((r) => r.trainError));
  const loss = meanAndStandardError(runs.map((r) => r.loss));
  const arr = (x: ArrayLike<number>) => Array.from(x);
  return {
    series: {
      t: arr(runs[0]!.t),
      testError: arr(test.mean),
      testErrorSe: arr(test.se),
      trainError: arr(train.mean),
      trainErrorSe: arr(train.se),
      loss: arr(loss.mean),
      lossSe: arr(loss.se),
      finalTestErrors: runs.map((r) => r.testError[steps]!),
    },
    runs,
  };
}

export const dlnSimulator: RunnerSpec<DlnParams> = {
  title: 'finite-d diagonal linear networks on sparse regression',
  description: 'G-scheme (or plain GD) on the DMFT grid, n = round(δd), teacher with round(ρd) entries ±1; mean ± s.e. over data sets',
  options: simulationOptions,
  async run(params, options, ctx): Promise<TaggedResult<Record<string, unknown>>> {
    const out = refuseOutside(params, {});
    if (out) return out;
    const algorithm = options.algorithm === 'gd' ? 'gd' : 'g-scheme';
    if (options.algorithm !== undefined && options.algorithm !== 'gd' && options.algorithm !== 'g-scheme') {
      return { kind: 'refused', value: {}, method: 'option check', checks: [], diagnostics: {}, reason: `--algorithm ${String(options.algorithm)}: valid are g-scheme | gd` };
    }
    const grid = timeGrid(modelOf(params), { tEnd: Number(options['t-end'] ?? 12.45), step: Number(options.step ?? 0.05) });
    const steps = grid.t.length - 1;
    const began = performance.now();
    const { series } = await simulateDln(params, grid.eta, steps, ctx, algorithm);
    return {
      kind: 'numeric',
      value: { ...series, eta: Array.from(grid.eta.subarray(0, steps + 1)), grid: grid.rule, algorithm, n: Math.round(params.delta * params.d) },
      method: `${algorithm === 'gd' ? 'plain gradient descent on (u, v)' : 'G-scheme G += η·Xᵀ(y − Xw)/δ, w = α²e^{−2λt}sinh 2G'} at d = ${params.d}, mean ± s.e. over ${params.seeds} data sets`,
      checks: [],
      diagnostics: { seconds: Number(((performance.now() - began) / 1000).toFixed(3)) },
    };
  },
};
