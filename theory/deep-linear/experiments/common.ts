/**
 * Sweeps of the deep-linear theory through the run store (`executeRunner`: cached, resumable),
 * with progress on the caller's context. Shared by the figures (`plateau reproduce`) and the
 * validators, so a figure and the claim it illustrates come from the same runs.
 */
import { silentProgress } from '../../../src/core/progress.ts';
import type { AnyTheory, RunContext } from '../../../src/core/theory.ts';
import type { ValidatorSize } from '../../../src/core/validator.ts';
import { executeRunner } from '../../../src/runs/execute.ts';
import { withParams, type DeepLinearParams } from '../params.ts';

export type Size = ValidatorSize;
export type ExperimentContext = RunContext & { size: Size };

/** One run's curves; arrays use +∞ after a divergence (the store writes +∞ as null: restored here). */
export interface Curves {
  params: DeepLinearParams;
  refused: boolean;
  diverged: boolean;
  divergedAt?: number;
  testLoss: number[];
  trainLoss: number[];
  testLossSe?: number[];
  trainLossSe?: number[];
}

function numbers(x: unknown): number[] | undefined {
  if (x === undefined) return undefined;
  return Array.from(x as ArrayLike<number | null>, (v) => (v === null || v === undefined ? Infinity : Number(v)));
}

export interface SweepRequest {
  kind: 'solve' | 'simulate';
  params: Partial<DeepLinearParams>;
  steps: number;
  /** Base seed of this run (default: the context's). */
  seed?: number;
}

/**
 * Run every request through the run store (skipped when PLATEAU_NO_CACHE=1), reporting progress
 * as one phase of `requests.length` runs. Refused requests (past the stability bound) come back
 * with `refused: true` and +∞ losses.
 */
export async function sweep(theory: AnyTheory, requests: readonly SweepRequest[], ctx: RunContext, label: string): Promise<Curves[]> {
  const out: Curves[] = [];
  const quiet = { ...ctx, progress: silentProgress };
  const cache = process.env.PLATEAU_NO_CACHE !== '1';
  ctx.progress.start(label, requests.length);
  for (const [i, req] of requests.entries()) {
    const params = withParams(req.params);
    const record: Record<string, unknown> = { ...params };
    // The CLI's solve identity has no simulation parameters: keep the store keys the same.
    if (req.kind === 'solve') {
      delete record.D;
      delete record.seeds;
    }
    const { result } = await executeRunner(theory, req.kind, record, { steps: req.steps }, { ...quiet, seed: req.seed ?? ctx.seed }, { cache });
    const v = result.value;
    const refused = result.kind === 'refused';
    const inf = Array.from({ length: req.steps }, () => Infinity);
    out.push({
      params,
      refused,
      diverged: refused || v.status === 'DIVERGED',
      ...(typeof v.divergedAt === 'number' ? { divergedAt: v.divergedAt } : {}),
      testLoss: refused ? inf : numbers(v.testLoss)!,
      trainLoss: refused ? inf : numbers(v.trainLoss)!,
      ...(v.testLossSe !== undefined ? { testLossSe: numbers(v.testLossSe), trainLossSe: numbers(v.trainLossSe) } : {}),
    });
    ctx.progress.update(i + 1);
  }
  ctx.progress.finish();
  return out;
}

/** Index of the smallest finite value (−1 when none is finite). */
export function argminFinite(values: readonly number[]): number {
  let best = -1;
  values.forEach((v, i) => {
    if (Number.isFinite(v) && (best < 0 || v < values[best]!)) best = i;
  });
  return best;
}

export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Largest |sim − theory| over t, in units of (k·s.e. + rel·theory): ≤ 1 means "within the error". */
export function normalisedGap(theory: readonly number[], sim: readonly number[], se: readonly number[], k = 4, rel = 0.02, from = 0): number {
  let worst = 0;
  for (let t = from; t < theory.length; t++) worst = Math.max(worst, Math.abs(sim[t]! - theory[t]!) / (k * se[t]! + rel * Math.abs(theory[t]!)));
  return worst;
}
