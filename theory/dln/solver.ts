/**
 * `plateau solve dln`: the DMFT curves (testError, trainError, full loss) on Plateau's time grid,
 * as the mean of independent Monte Carlo runs with their standard errors. Runs are added until the
 * largest standard error of the test error is at most `target-se` (default 1e-3, the default
 * accuracy of the issue) or `max-runs` is reached; the check says which.
 */
import type { Check, TaggedResult } from '../../src/core/result.ts';
import { Rng } from '../../src/core/rng.ts';
import type { CommandOption, OptionValues, RunContext, RunnerSpec } from '../../src/core/theory.ts';
import { meanAndStandardError } from '../../src/numeric/statistics.ts';
import type { DmftRun } from './dmft.ts';
import { dmftThreads, runDmfts, type RunCurves } from './runs.ts';
import { timeGrid } from './model.ts';
import { modelOf, refuseOutside, type DlnParams } from './params.ts';

export const gridOptions: readonly CommandOption[] = [
  { name: 't-end', description: 'horizon: the grid runs until t ≥ t-end (time rescaled by d)', kind: 'number', default: 12.45, min: 0 },
  { name: 'step', description: 'base step c of η_k = c/max(1, 2α²e^{−2λt_k})', kind: 'number', default: 0.05, min: 0 },
];

const dmftOptions: readonly CommandOption[] = [
  ...gridOptions,
  { name: 'runs', description: 'independent DMFT runs averaged (at least)', kind: 'integer', default: 4, min: 1 },
  { name: 'max-runs', description: 'runs are added until the test-error s.e. ≤ target-se or this many', kind: 'integer', default: 12, min: 1 },
  { name: 'target-se', description: 'Monte Carlo standard error wanted on the test error', kind: 'number', default: 1e-3, min: 0 },
  { name: 'paths', description: 'Monte Carlo paths per run (stratified over W*)', kind: 'integer', default: 15000, min: 8 },
  { name: 'response-paths', description: 'paths per run that carry tangents for the response', kind: 'integer', default: 160, min: 2 },
];

function maxOf(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, a[i]!);
  return m;
}

export interface DmftSolution {
  t: number[];
  testError: number[];
  testErrorSe: number[];
  trainError: number[];
  trainErrorSe: number[];
  loss: number[];
  eta: number[];
  snapshots: DmftRun['snapshots'];
  runs: number;
  grid: string;
}

/** The averaged DMFT (library entry point; the runner wraps it). */
export async function averagedDmft(params: DlnParams, options: OptionValues, ctx: RunContext): Promise<{ solution: DmftSolution; checks: Check[]; diagnostics: Record<string, unknown> }> {
  const model = modelOf(params);
  const grid = timeGrid(model, { tEnd: Number(options['t-end'] ?? 12.45), step: Number(options.step ?? 0.05) });
  const T = grid.t.length;
  const minRuns = Number(options.runs ?? 4);
  const maxRuns = Math.max(minRuns, Number(options['max-runs'] ?? 12));
  const target = Number(options['target-se'] ?? 1e-3);
  const runs: RunCurves[] = [];
  const seedOf = (i: number) => Rng.derive(ctx.seed, 'dln-dmft', i).nextUint32();
  const runOptions = { paths: Number(options.paths ?? 15000), responsePaths: Number(options['response-paths'] ?? 160) };
  // A first batch of `runs` in parallel, then batches until the s.e. target is met.
  let se = Infinity;
  while (runs.length < minRuns || (se > target && runs.length < maxRuns)) {
    const batch = runs.length < minRuns ? minRuns - runs.length : Math.min(maxRuns - runs.length, dmftThreads(maxRuns, runOptions.paths, T));
    const first = runs.length;
    ctx.progress.start(`DMFT runs ${first + 1}–${first + batch} (T = ${T}, ${dmftThreads(batch, runOptions.paths, T)} threads)`, batch);
    let done = 0;
    const seeds = Array.from({ length: batch }, (_, i) => seedOf(first + i));
    runs.push(...(await runDmfts(model, grid, seeds, runOptions, () => ctx.progress.update(++done), ctx.signal)));
    ctx.progress.finish();
    if (runs.length > 1) se = maxOf(meanAndStandardError(runs.map((r) => r.testError)).se);
  }
  const test = meanAndStandardError(runs.map((r) => r.testError));
  const train = meanAndStandardError(runs.map((r) => r.trainError));
  const loss = meanAndStandardError(runs.map((r) => r.loss));
  const identity = Math.max(...runs.map((r) => r.diagnostics.subdiagonalIdentity));
  const checks: Check[] = [
    { name: `Monte Carlo s.e. of the test error ≤ ${target} at every t (${runs.length} runs)`, residual: maxOf(test.se), tolerance: target, passed: maxOf(test.se) <= target, samples: runs.length },
    { name: 'E_gen(0) = E[W*²] = ρ and E_train(0) = (ρ + σ²)/2', residual: Math.max(Math.abs(test.mean[0]! - params.rho), Math.abs(train.mean[0]! - (params.rho + params.sigma ** 2) / 2)), tolerance: 1e-12, passed: Math.max(Math.abs(test.mean[0]! - params.rho), Math.abs(train.mean[0]! - (params.rho + params.sigma ** 2) / 2)) <= 1e-12, samples: 1 },
    { name: 'response identity R_Δ[k,k−1] = E[A_k]·η_{k−1}/δ on the tangent paths (relative)', residual: identity, tolerance: 1e-10, passed: identity <= 1e-10, samples: T * runs.length },
  ];
  const arr = (x: ArrayLike<number>) => Array.from(x);
  return {
    solution: {
      t: arr(grid.t),
      testError: arr(test.mean),
      testErrorSe: arr(test.se),
      trainError: arr(train.mean),
      trainErrorSe: arr(train.se),
      loss: arr(loss.mean),
      eta: arr(grid.eta.subarray(0, T)),
      snapshots: runs[0]!.snapshots,
      runs: runs.length,
      grid: grid.rule,
    },
    checks,
    diagnostics: {
      pathsPerRun: runs[0]!.diagnostics.paths,
      responsePathsPerRun: runs[0]!.diagnostics.responsePaths,
      secondsPerRun: runs.map((r) => Number(r.diagnostics.seconds.toFixed(3))),
      threads: dmftThreads(minRuns, runOptions.paths, T),
      kernels: runs[0]!.diagnostics.kernels,
      minRelativePivot: Math.min(...runs.map((r) => r.diagnostics.minRelativePivot)),
      jitter: 1e-9,
      cost: 'O(N·T²) paths + O(N_R·T³) tangents + O(T³) operators per run; memory 16·T·N + 8·T²·N_R bytes',
      snapshotsFrom: 'run 1',
    },
  };
}

export const dlnSolver: RunnerSpec<DlnParams> = {
  title: 'DMFT of the diagonal linear network (Monte Carlo effective process)',
  description: 'test and train error curves in the proportional limit for the G-scheme on the stated grid; mean ± s.e. over independent runs',
  options: dmftOptions,
  async run(params, options, ctx): Promise<TaggedResult<Record<string, unknown>>> {
    const out = refuseOutside(params, {});
    if (out) return out;
    const { solution, checks, diagnostics } = await averagedDmft(params, options, ctx);
    return {
      kind: 'numeric',
      value: { ...solution },
      method: 'DMFT of the discrete G-scheme (exact as d → ∞): causal forward sweep, Gaussian field by incremental Cholesky with jitter, responses by tangent propagation, paths stratified over W* ∈ {0, ±1}; mean of independent Monte Carlo runs',
      checks,
      diagnostics,
    };
  },
};
