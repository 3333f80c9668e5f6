/**
 * Fig. 6A of Saxe et al. (2013), synthetic (digest §6): learning time vs depth for three starts on a
 * rectangular task (16 → 8, Σ¹¹ = I, teacher singular values log-spaced 3 → 0.3; rectangular so that
 * orthogonal starts meet no determinant obstruction, erratum E11), with the rate tuned per depth on a
 * log grid α = m/(N_l − 1). Starts: scaled Gaussian (std 1/√fan-in), random orthogonal, and a
 * decoupled "pretraining-like" start with every gain 1 (u0 = 1). "Learned" = relative error
 * ‖Σ³¹ − W_tot‖²_F/‖Σ³¹‖²_F ≤ 10⁻²; runs that have not learned by the cap count as the cap.
 */
import { isPlateauError } from '../../../src/core/errors.ts';
import { Rng } from '../../../src/core/rng.ts';
import { geomspace } from '../../../src/numeric/statistics.ts';
import type { Objective } from '../../../src/sim/deep-linear-net.ts';
import { alignedInit, orthogonalInit, scaledGaussianInit, type Initialisation } from '../../../src/sim/init.ts';
import { teacherTask, type Task } from '../../../src/sim/tasks.ts';
import { train } from '../../../src/sim/train.ts';

export type DepthInit = 'scaled-gaussian' | 'orthogonal' | 'decoupled';
export const DEPTH_INITS: readonly DepthInit[] = ['scaled-gaussian', 'orthogonal', 'decoupled'];

export interface DepthSetup {
  depths: number[];
  /** m of α = m/(N_l − 1), log-spaced. */
  multipliers: number[];
  cap: number;
  seeds: number;
  width: number;
  seed: number;
}

export const DEPTH_SETUPS: Record<'test' | 'large', DepthSetup> = {
  test: { depths: [3, 9, 17], multipliers: geomspace(10 ** -2.5, 10 ** 0.5, 13), cap: 1000, seeds: 1, width: 16, seed: 7 },
  large: { depths: [3, 5, 9, 17, 33], multipliers: geomspace(10 ** -2.5, 10 ** 0.5, 13), cap: 5000, seeds: 3, width: 16, seed: 7 },
};

/** The 16 → 8 teacher with singular values log-spaced from 3 to 0.3. */
function depthTask(seed: number): Task {
  return teacherTask({ n1: 16, n3: 8, singularValues: geomspace(3, 0.3, 8), seed });
}

function initialise(kind: DepthInit, widths: number[], task: Task, seed: number): Initialisation {
  if (kind === 'scaled-gaussian') return scaledGaussianInit(widths, { seed });
  if (kind === 'orthogonal') return orthogonalInit(widths, { seed });
  const D = widths.length - 1;
  return alignedInit(widths, task.svd, { seed, gains: Array.from({ length: D }, () => Array(task.svd.rank).fill(1)) });
}

/** Iterations to relative error 10⁻² within `cap` steps (Infinity if never, or on divergence). */
function iterationsToLearn(kind: DepthInit, depth: number, rate: number, setup: DepthSetup, task: Task, seedIndex: number, cap = setup.cap): number {
  const widths = [16, ...Array.from({ length: depth - 2 }, () => setup.width), 8];
  const init = initialise(kind, widths, task, Rng.derive(setup.seed, kind, depth, seedIndex).int(2 ** 31));
  const objective: Objective = { kind: 'statistics', statistics: task.statistics };
  const target = task.statistics.traceSigma33;
  try {
    const run = train(init.net, objective, { rate, steps: cap, recordEvery: cap, lossThreshold: 0.5 * 1e-2 * target, divergeAbove: 10 * target });
    return run.thresholdStep ?? Infinity;
  } catch (e) {
    if (isPlateauError(e) && e.code === 'DIVERGED') return Infinity;
    throw e;
  }
}

export interface DepthRow {
  init: DepthInit;
  depth: number;
  /** Best mean (over seeds) iteration count over the rate grid (the cap when censored). */
  iterations: number;
  /** The rate that achieved it. */
  bestRate: number;
  /** Whether the best count hit the cap (censored). */
  censored: boolean;
}

/**
 * The best mean iteration count over the rate grid for one start and depth. Each run is capped at
 * the best total so far (a seed that needs more cannot make its rate the best), so slow rates stop
 * early, and the scan (from the largest rate down) ends after two rates that do not improve on a
 * finite best. Cost ≤ rates × seeds × cap GD steps.
 */
export function bestRate(init: DepthInit, depth: number, setup: DepthSetup, task: Task): DepthRow {
  let best = { iterations: Infinity, bestRate: NaN };
  let worseInARow = 0;
  for (const m of [...setup.multipliers].reverse()) {
    // Below the stability edge the count grows as the rate falls (t/τ = kα is what is needed):
    // two rates in a row that do not beat a finite best end the scan.
    if (worseInARow >= 2) break;
    const rate = m / (depth - 1);
    let total = 0;
    for (let i = 0; i < setup.seeds && Number.isFinite(total); i++) {
      const budget = Number.isFinite(best.iterations) ? Math.min(setup.cap, Math.ceil(best.iterations * setup.seeds - total)) : setup.cap;
      total += budget > 0 ? iterationsToLearn(init, depth, rate, setup, task, i, budget) : Infinity;
    }
    const mean = total / setup.seeds;
    if (mean < best.iterations) {
      best = { iterations: mean, bestRate: rate };
      worseInARow = 0;
    } else if (Number.isFinite(best.iterations)) worseInARow++;
  }
  const censored = !Number.isFinite(best.iterations);
  return { init, depth, iterations: censored ? setup.cap : best.iterations, bestRate: best.bestRate, censored };
}

export function depthExperiment(setup: DepthSetup): DepthRow[] {
  const task = depthTask(setup.seed);
  return DEPTH_INITS.flatMap((init) => setup.depths.map((depth) => bestRate(init, depth, setup, task)));
}
