/**
 * Sweeps (DESIGN.md §5): plan, run (locally on a worker pool, resumable, shardable) and merge.
 *
 * Resuming needs nothing of its own: every finished run is in the run store (written atomically),
 * so `run` first reads the cached runs of its shard in-process and hands only the others to the
 * pool. The shard file is rewritten atomically as rows arrive (at most every two seconds) and at
 * the end; a single-shard run also writes the merged table.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { PlateauError } from '../core/errors.ts';
import type { Progress } from '../core/progress.ts';
import type { AnyTheory, OptionValues } from '../core/theory.ts';
import { writeJsonAtomic } from './atomic.ts';
import { plateauHome, RunStore, type RunIdentity } from './store.ts';
import { runPool, runTask, type PoolAnswer, type PoolTask, type WorkerCommand } from './sweep-pool.ts';
import { expandRuns, runsOfShard, sweepHash, type Shard, type SweepRun, type SweepSpec } from './sweep-spec.ts';
import { findShardFiles, mergeShards, resultCells, rowOf, shardFileName, writeTable, type RunLog, type Row, type ShardFile, type Table } from './sweep-table.ts';
import type { TaggedResult } from '../core/result.ts';

/** A sweep bound to its theory and backend, with the one validation path for params and options. */
export interface SweepSetup {
  spec: SweepSpec;
  theory: AnyTheory;
  backend: string;
  /** Validated params and runner options from a run's given values (throws BAD_PARAM…). */
  resolve(given: Record<string, unknown>): { params: Record<string, unknown>; options: OptionValues };
  store?: RunStore;
}

export interface PreparedRun extends SweepRun {
  task: PoolTask;
  identity: RunIdentity;
}

/** Every run validated up front, so a bad grid point fails before any work starts. */
function prepareRuns(setup: SweepSetup): PreparedRun[] {
  const { spec, theory, backend } = setup;
  return expandRuns(spec).map((run) => {
    let resolved: ReturnType<SweepSetup['resolve']>;
    try {
      resolved = setup.resolve(run.given);
    } catch (e) {
      if (e instanceof PlateauError) throw new PlateauError(e.code, `run ${run.index} (${JSON.stringify(run.point)}): ${e.message}`, { ...e.details, run: run.index });
      throw e;
    }
    const { params, options } = resolved;
    const identity: RunIdentity = { theory: theory.id, version: theory.version, command: spec.command, params, options, seed: run.seed, backend };
    return { ...run, task: { index: run.index, params, options, seed: run.seed }, identity };
  });
}

/** The folder for a sweep's shard files and table (default `$PLATEAU_HOME/sweeps/<name or hash>`). */
function sweepDir(spec: SweepSpec, out?: string): string {
  return out ?? join(plateauHome(), 'sweeps', spec.name ?? sweepHash(spec));
}

function storeOf(setup: SweepSetup): RunStore {
  return setup.store ?? new RunStore();
}

export interface SweepPlan {
  runs: number;
  gridPoints: number;
  seeds: number;
  shard: Shard;
  shardRuns: number;
  cached: number;
  remaining: number;
  workers: number;
  /** Runs timed for the estimate (they are real runs of the sweep and now cached). */
  sampled: number;
  meanSeconds: number | null;
  /** Estimated wall time of the shard's remaining runs on `workers` workers. */
  estimatedSeconds: number | null;
}

/**
 * Count the runs, how many are cached, and estimate the rest by timing `sample` of the uncached
 * runs in this process (the first and the last of the shard, which span the grid).
 */
export async function planSweep(setup: SweepSetup, opts: { shard?: Shard; workers?: number; sample?: number }): Promise<SweepPlan> {
  const shard = opts.shard ?? { index: 0, count: 1 };
  const workers = opts.workers ?? availableParallelism();
  const all = prepareRuns(setup);
  const mine = runsOfShard(all, shard) as PreparedRun[];
  const store = storeOf(setup);
  let todo = mine.filter((r) => !store.get(r.identity));
  const picks = [...new Set([todo[0], todo.at(-1)].filter((r): r is PreparedRun => r !== undefined))].slice(0, opts.sample ?? 1);
  const times: number[] = [];
  for (const run of picks) {
    const answer = await runTask(setup.spec, setup.theory, setup.backend, run.task);
    times.push(answer.seconds);
  }
  todo = todo.filter((r) => !picks.includes(r));
  const mean = times.length > 0 ? times.reduce((a, b) => a + b, 0) / times.length : null;
  return {
    runs: all.length,
    gridPoints: all.length / new Set(all.map((r) => r.seed)).size,
    seeds: new Set(all.map((r) => r.seed)).size,
    shard,
    shardRuns: mine.length,
    cached: mine.length - todo.length - picks.length,
    remaining: todo.length,
    workers,
    sampled: picks.length,
    meanSeconds: mean,
    estimatedSeconds: mean === null ? (todo.length === 0 ? 0 : null) : (mean * todo.length) / Math.max(1, Math.min(workers, todo.length)),
  };
}

export interface RunSweepOptions {
  shard?: Shard;
  workers?: number;
  out?: string;
  progress: Progress;
  /** How to start pool workers (the `plateau` binary's hidden `sweep worker` command). */
  worker: WorkerCommand;
}

export interface SweepOutcome {
  dir: string;
  shardFile: string;
  shard: ShardFile;
  /** The merged table when this run was the only shard. */
  table?: Table;
  counts: { runs: number; cached: number; computed: number; failed: number };
}

/** Run a shard of the sweep (the whole sweep by default); see the module comment. */
export async function runSweep(setup: SweepSetup, opts: RunSweepOptions): Promise<SweepOutcome> {
  const { spec } = setup;
  const shard = opts.shard ?? { index: 0, count: 1 };
  const all = prepareRuns(setup);
  const mine = runsOfShard(all, shard) as PreparedRun[];
  const dir = sweepDir(spec, opts.out);
  const shardFile = join(dir, shardFileName(shard));
  const hash = sweepHash(spec);
  const rows = new Map<number, Row>();
  const log: RunLog[] = [];
  const byIndex = new Map(mine.map((r) => [r.index, r]));
  const store = storeOf(setup);
  const snapshot = (): ShardFile => ({
    sweep: spec.name ?? hash,
    hash,
    shard,
    total: mine.length,
    rows: [...rows.keys()].sort((a, b) => a - b).map((i) => rows.get(i)!),
    log: [...log].sort((a, b) => a.index - b.index),
  });
  let lastWrite = 0;
  const save = (force: boolean) => {
    if (!force && Date.now() - lastWrite < 2000) return;
    lastWrite = Date.now();
    writeJsonAtomic(shardFile, snapshot());
  };

  const todo: PreparedRun[] = [];
  for (const run of mine) {
    const hit = store.get<TaggedResult<Record<string, unknown>>>(run.identity);
    if (hit) {
      rows.set(run.index, rowOf(run, { cells: resultCells(hit.result, spec.columns) }));
      log.push({ index: run.index, cached: true, seconds: 0 });
    } else todo.push(run);
  }
  let failed = 0;
  const label = `sweep ${spec.name ?? hash}${shard.count > 1 ? ` shard ${shard.index}/${shard.count}` : ''}`;
  opts.progress.start(label, mine.length);
  opts.progress.update(rows.size, `${rows.size} cached`);
  const onAnswer = (answer: PoolAnswer) => {
    const run = byIndex.get(answer.index)!;
    if ('error' in answer) failed++;
    rows.set(run.index, rowOf(run, 'error' in answer ? { error: answer.error } : { cells: answer.cells }));
    log.push({ index: run.index, cached: 'cached' in answer && answer.cached, seconds: answer.seconds });
    opts.progress.update(rows.size, failed > 0 ? `${failed} failed` : undefined);
    save(false);
  };
  const pool = runPool(opts.worker, spec, setup.backend, todo.map((r) => r.task), opts.workers ?? availableParallelism(), onAnswer);
  const interrupt = () => pool.stop();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    await pool.done;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    save(true);
  }
  opts.progress.finish(`${todo.length} computed, ${mine.length - todo.length} cached${failed > 0 ? `, ${failed} failed` : ''}`);
  const outcome: SweepOutcome = {
    dir,
    shardFile,
    shard: snapshot(),
    counts: { runs: mine.length, cached: mine.length - todo.length, computed: todo.length - failed, failed },
  };
  if (shard.count === 1) {
    outcome.table = mergeShards(spec, hash, all.length, [shardFile]);
    writeTable(dir, outcome.table);
  }
  return outcome;
}

/** Merge the shard files found in `from` (folders or files; default the sweep's folder) into `out`. */
export function mergeSweep(spec: SweepSpec, opts: { from?: readonly string[]; out?: string }): { table: Table; files: string[]; written: { json: string; csv: string } } {
  const dir = sweepDir(spec, opts.out);
  const files = findShardFiles(opts.from && opts.from.length > 0 ? opts.from : [dir]);
  if (files.length === 0) throw new PlateauError('BAD_INPUT', `no shard files (shard-<i>-of-<n>.json) found in ${(opts.from ?? [dir]).join(', ')}`, {});
  const table = mergeShards(spec, sweepHash(spec), expandRuns(spec).length, files);
  return { table, files, written: writeTable(dir, table) };
}
