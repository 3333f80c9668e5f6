/**
 * A sweep: a declared grid of parameters × seeds for one theory command, in a JSON spec file.
 *
 * ```json
 * {
 *   "name": "width-sweep",
 *   "theory": "saxe",
 *   "command": "simulate",
 *   "params": { "s": 2 },
 *   "grid": { "d": [64, 128, 256], "lr": { "from": 0.001, "to": 0.1, "count": 5, "scale": "log" } },
 *   "seeds": { "from": 1, "count": 8 },
 *   "options": { "steps": 30 },
 *   "columns": ["finalLoss"]
 * }
 * ```
 *
 * `seeds` is a list, `{from, count}`, or a count (seeds 1…count). Runs are numbered in a fixed
 * order — grid axes as declared, the first outermost, seeds innermost — so run i is the same on
 * every machine, and shard i of n takes the runs whose number is ≡ i (mod n) (round-robin, so
 * shards get a similar mix of cheap and costly grid points). `theoryModule` (a path relative to
 * the spec) names a module exporting a theory that is not in the registry, e.g. one in progress.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PlateauError } from '../core/errors.ts';
import { canonicalJson } from './store.ts';
import type { RunnerKind } from './execute.ts';

export type AxisRange = { from: number; to: number; count: number; scale?: 'linear' | 'log' };
export type AxisValues = ReadonlyArray<number | string | boolean> | AxisRange;

export interface SweepSpec {
  name?: string;
  theory: string;
  command: RunnerKind;
  /** Parameters shared by every run. */
  params?: Readonly<Record<string, unknown>>;
  /** Axes of the grid, in order (the first varies slowest). */
  grid?: Readonly<Record<string, AxisValues>>;
  seeds?: readonly number[] | { from: number; count: number } | number;
  /** Runner options (e.g. `steps`), shared by every run. */
  options?: Readonly<Record<string, number | string>>;
  /** Backend for every run (default: --backend, PLATEAU_BACKEND, or the best available). */
  backend?: string;
  /** Result fields for the table (default: every scalar field and the last entry of each series). */
  columns?: readonly string[];
  /** Absolute path of a module exporting the theory, resolved from the spec's `theoryModule`. */
  theoryModule?: string;
}

/** One run of a sweep. */
export interface SweepRun {
  index: number;
  seed: number;
  /** Values of the grid axes at this run. */
  point: Record<string, number | string | boolean>;
  /** Fixed params merged with the grid point. */
  given: Record<string, unknown>;
}

export interface Shard {
  index: number;
  count: number;
}

function badSpec(message: string, details: Record<string, unknown> = {}): PlateauError {
  return new PlateauError('BAD_INPUT', `sweep spec: ${message}`, details);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Values of one axis: a list as given, or `count` points from `from` to `to` (linear or log). */
function axisValues(name: string, axis: AxisValues): Array<number | string | boolean> {
  if (Array.isArray(axis)) {
    if (axis.length === 0) throw badSpec(`grid axis '${name}' is empty`, { axis: name });
    return [...axis];
  }
  const { from, to, count, scale = 'linear' } = axis as AxisRange;
  if (![from, to].every(Number.isFinite) || !Number.isInteger(count) || count < 1) {
    throw badSpec(`grid axis '${name}' must be a list or {from, to, count, scale}`, { axis: name });
  }
  if (scale === 'log' && !(from > 0 && to > 0)) throw badSpec(`grid axis '${name}': a log scale needs positive ends`, { axis: name });
  return Array.from({ length: count }, (_, i) => {
    const f = count === 1 ? 0 : i / (count - 1);
    return scale === 'log' ? Math.exp(Math.log(from) + f * (Math.log(to) - Math.log(from))) : from + f * (to - from);
  });
}

function seedList(seeds: SweepSpec['seeds']): number[] {
  let list: number[];
  if (seeds === undefined) list = [1];
  else if (typeof seeds === 'number') list = Array.from({ length: seeds }, (_, i) => i + 1);
  else if (Array.isArray(seeds)) list = [...seeds];
  else {
    const { from, count } = seeds as { from: number; count: number };
    list = Array.from({ length: count }, (_, i) => from + i);
  }
  if (list.length === 0 || !list.every((s) => Number.isSafeInteger(s) && s >= 0)) throw badSpec('seeds must be integers ≥ 0 (a list, {from, count} or a count ≥ 1)');
  return list;
}

/** Check the shape of a parsed spec (the theory's own validation comes later, per run). */
function checkSweepSpec(raw: unknown): SweepSpec {
  if (!isRecord(raw)) throw badSpec('must be a JSON object');
  if (typeof raw.theory !== 'string' || raw.theory === '') throw badSpec("needs 'theory' (a theory id)");
  if (raw.command !== 'solve' && raw.command !== 'simulate') throw badSpec(`'command' must be "solve" or "simulate", got ${JSON.stringify(raw.command)}`);
  for (const key of ['params', 'grid', 'options'] as const) {
    if (raw[key] !== undefined && !isRecord(raw[key])) throw badSpec(`'${key}' must be an object`);
  }
  const known = new Set(['name', 'theory', 'command', 'params', 'grid', 'seeds', 'options', 'backend', 'columns', 'theoryModule', '$schema', 'description']);
  for (const key of Object.keys(raw)) if (!known.has(key)) throw badSpec(`unknown field '${key}'; fields: ${[...known].join(', ')}`, { field: key });
  const spec = raw as unknown as SweepSpec;
  for (const [name, axis] of Object.entries(spec.grid ?? {})) {
    axisValues(name, axis);
    if (spec.params && name in spec.params) throw badSpec(`'${name}' is both a fixed param and a grid axis`, { param: name });
  }
  seedList(spec.seeds);
  return spec;
}

/** Read and check a spec file; `theoryModule` is resolved against the spec's folder. */
export function loadSweepSpec(path: string): SweepSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new PlateauError('BAD_INPUT', `cannot read sweep spec ${path}: ${(e as Error).message}`, { file: path });
  }
  const spec = checkSweepSpec(raw);
  return spec.theoryModule ? { ...spec, theoryModule: resolve(dirname(path), spec.theoryModule) } : spec;
}

/** Every run of the sweep, numbered in the fixed order. */
export function expandRuns(spec: SweepSpec): SweepRun[] {
  const axes = Object.entries(spec.grid ?? {}).map(([name, axis]) => [name, axisValues(name, axis)] as const);
  const seeds = seedList(spec.seeds);
  let points: Array<Record<string, number | string | boolean>> = [{}];
  for (const [name, values] of axes) points = points.flatMap((p) => values.map((v) => ({ ...p, [name]: v })));
  const runs: SweepRun[] = [];
  for (const point of points) {
    for (const seed of seeds) runs.push({ index: runs.length, seed, point, given: { ...spec.params, ...point } });
  }
  return runs;
}

/** A hash of what determines the sweep's runs; shard files carry it so merges never mix sweeps. */
export function sweepHash(spec: SweepSpec): string {
  const { theory, command, params, grid, seeds, options, backend } = spec;
  return createHash('sha256').update(canonicalJson({ theory, command, params, grid, seeds: seedList(seeds), options, backend })).digest('hex').slice(0, 16);
}

/** `i/n` with 0 ≤ i < n. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const shard = m ? { index: Number(m[1]), count: Number(m[2]) } : undefined;
  if (!shard || shard.count < 1 || shard.index >= shard.count) {
    throw new PlateauError('BAD_INPUT', `--shard ${text} is invalid; expected i/n with 0 ≤ i < n, e.g. 0/4`, { shard: text });
  }
  return shard;
}

/**
 * The shard from the scheduler's environment: a Slurm job array (SLURM_ARRAY_TASK_ID from
 * SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_COUNT tasks) or a Kubernetes Indexed Job
 * (JOB_COMPLETION_INDEX, with the count given by `shards` since the Job does not export it).
 */
export function shardFromEnv(env: NodeJS.ProcessEnv, shards?: number): Shard | undefined {
  const slurmId = env.SLURM_ARRAY_TASK_ID;
  if (slurmId !== undefined && slurmId !== '') {
    const count = shards ?? Number(env.SLURM_ARRAY_TASK_COUNT);
    const index = Number(slurmId) - Number(env.SLURM_ARRAY_TASK_MIN ?? 0);
    return parseShard(`${index}/${count}`);
  }
  const k8s = env.JOB_COMPLETION_INDEX;
  if (k8s !== undefined && k8s !== '') {
    if (shards === undefined) throw new PlateauError('BAD_INPUT', 'JOB_COMPLETION_INDEX is set: give the number of shards with --shards <n> (the Job\'s completions)', {});
    return parseShard(`${k8s}/${shards}`);
  }
  if (shards !== undefined) throw new PlateauError('BAD_INPUT', '--shards needs JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID in the environment; use --shard i/n otherwise', { shards });
  return undefined;
}

/** The runs of one shard (round-robin by run number). */
export function runsOfShard(runs: readonly SweepRun[], shard: Shard): SweepRun[] {
  return runs.filter((r) => r.index % shard.count === shard.index);
}
