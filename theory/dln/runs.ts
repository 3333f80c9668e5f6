/**
 * Independent DMFT runs (Monte Carlo replicas) on several cores: each run is seeded on its own, so
 * the results do not depend on how the runs are spread over threads. Threads: PLATEAU_THREADS,
 * else the available cores, never more than the runs; with one thread the runs go in order on the
 * calling thread (also for short runs, see `dmftThreads`). A run that fails in a helper is rethrown as the same PlateauError.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { nextTurn } from '../../src/core/progress.ts';
import { PlateauError, type ErrorCode } from '../../src/core/errors.ts';
import { solveDmft, type DmftOptions, type DmftRun } from './dmft.ts';
import type { DlnModel, TimeGrid } from './model.ts';

/** The parts of a run that the averaged solution needs. */
export type RunCurves = Pick<DmftRun, 'testError' | 'trainError' | 'loss' | 'snapshots' | 'diagnostics'>;

export type RunOptions = Omit<DmftOptions, 'grid' | 'seed' | 'signal' | 'onStep'>;

/**
 * Threads for `runs` runs of N paths over T steps: one when a run is short (N·T² < 2·10⁸, about
 * a quarter second) since starting a helper costs about as much.
 */
export function dmftThreads(runs: number, paths = Infinity, T = Infinity): number {
  if (paths * T * T < 2e8) return 1;
  const env = Number(process.env.PLATEAU_THREADS);
  const budget = Number.isInteger(env) && env >= 1 ? env : availableParallelism();
  return Math.max(1, Math.min(runs, budget));
}

/** Run one DMFT per seed; `onDone` reports each finished run (in completion order). */
export async function runDmfts(model: DlnModel, grid: TimeGrid, seeds: readonly number[], options: RunOptions, onDone: (i: number, run: RunCurves) => void, signal?: AbortSignal): Promise<RunCurves[]> {
  const threads = dmftThreads(seeds.length, options.paths ?? 15000, grid.t.length);
  const out: RunCurves[] = new Array(seeds.length);
  if (threads === 1) {
    for (const [i, seed] of seeds.entries()) {
      out[i] = solveDmft(model, { ...options, grid, seed, signal });
      onDone(i, out[i]!);
      await nextTurn();
    }
    return out;
  }
  const url = new URL('./dmft-worker.mjs', import.meta.url);
  const workers = Array.from({ length: threads }, () => new Worker(url));
  let next = 0;
  try {
    await Promise.all(workers.map((worker) => new Promise<void>((resolve, reject) => {
      const post = () => {
        if (signal?.aborted) return reject(new PlateauError('IO', 'DMFT runs cancelled'));
        if (next >= seeds.length) return resolve();
        const i = next++;
        worker.postMessage({ id: i, model, t: grid.t, eta: grid.eta, rule: grid.rule, options: { ...options, seed: seeds[i] } });
      };
      worker.on('message', (msg: { ready?: boolean; id?: number; run?: RunCurves; error?: { message: string; code?: ErrorCode; details?: Record<string, unknown> } }) => {
        if (msg.ready) return post();
        if (msg.error) return reject(new PlateauError(msg.error.code ?? 'IO', msg.error.message, msg.error.details ?? {}));
        out[msg.id!] = msg.run!;
        onDone(msg.id!, msg.run!);
        post();
      });
      worker.on('error', reject);
    })));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
