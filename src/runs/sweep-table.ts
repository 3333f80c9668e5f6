/**
 * The results of a sweep as a table: one row per run (its number, seed, grid point, status and
 * the scalar results), written per shard as `shard-<i>-of-<n>.json` and merged into `table.json` +
 * `table.csv`. Rows hold only what the run determines — timings and cache hits go to the shard's
 * log — so a resumed sweep, a sharded one and an uninterrupted one give the same table.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PlateauError } from '../core/errors.ts';
import type { TaggedResult } from '../core/result.ts';
import { writeFileAtomic, writeJsonAtomic } from './atomic.ts';
import type { Shard, SweepRun, SweepSpec } from './sweep-spec.ts';

export type Cell = number | string | boolean | null;
export type Row = Record<string, Cell>;

/** How one run went, for the shard log. */
export interface RunLog {
  index: number;
  cached: boolean;
  seconds: number;
}

export interface ShardFile {
  sweep: string;
  hash: string;
  shard: Shard;
  /** Runs in the shard. */
  total: number;
  rows: Row[];
  log: RunLog[];
}

export interface Table {
  sweep: string;
  hash: string;
  theory: string;
  command: string;
  /** Params shared by every row. */
  params: Record<string, unknown>;
  options: Record<string, unknown>;
  columns: string[];
  rows: Row[];
  /** Run numbers without a row. */
  missing: number[];
}

/**
 * The scalar outcome of a run: `kind`, `method`, every scalar field of the value and, for each
 * numeric series, its last entry as `<name>.last`; restricted to `columns` when given.
 */
export function resultCells(result: TaggedResult<Record<string, unknown>>, columns?: readonly string[]): Row {
  const cells: Row = { kind: result.kind, method: result.method };
  if (result.reason !== undefined) cells.reason = result.reason;
  for (const [key, v] of Object.entries(result.value ?? {})) {
    if (typeof v === 'number') cells[key] = Number.isFinite(v) ? v : null;
    else if (typeof v === 'string' || typeof v === 'boolean') cells[key] = v;
    else if ((Array.isArray(v) || ArrayBuffer.isView(v)) && (v as ArrayLike<unknown>).length > 0) {
      const last = (v as ArrayLike<unknown>)[(v as ArrayLike<unknown>).length - 1];
      if (typeof last === 'number') cells[`${key}.last`] = Number.isFinite(last) ? last : null;
    }
  }
  if (!columns) return cells;
  return Object.fromEntries(['kind', ...columns].map((c) => [c, cells[c] ?? null]));
}

/** A row: run number, seed, grid point, status, then the result cells (or the error). */
export function rowOf(run: SweepRun, outcome: { cells: Row } | { error: { code: string; message: string } }): Row {
  const head: Row = { index: run.index, seed: run.seed, ...run.point };
  if ('error' in outcome) return { ...head, status: 'error', error: `${outcome.error.code}: ${outcome.error.message}` };
  return { ...head, status: outcome.cells.kind === 'refused' ? 'refused' : 'ok', ...outcome.cells };
}

export function shardFileName(shard: Shard): string {
  return `shard-${shard.index}-of-${shard.count}.json`;
}

/** Shard files in the given folders (or files), in name order. */
export function findShardFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) continue;
    if (statSync(p).isDirectory()) {
      files.push(...readdirSync(p).filter((f) => /^shard-\d+-of-\d+\.json$/.test(f)).sort().map((f) => join(p, f)));
    } else files.push(p);
  }
  return files;
}

/** Join shard files of one sweep into one table, rows in run order. */
export function mergeShards(spec: SweepSpec, hash: string, totalRuns: number, files: readonly string[]): Table {
  const rows = new Map<number, Row>();
  for (const file of files) {
    let shard: ShardFile;
    try {
      shard = JSON.parse(readFileSync(file, 'utf8')) as ShardFile;
    } catch (e) {
      throw new PlateauError('BAD_INPUT', `cannot read shard file ${file}: ${(e as Error).message}`, { file });
    }
    if (shard.hash !== hash) {
      throw new PlateauError('BAD_INPUT', `${file} belongs to another sweep (hash ${shard.hash}, this spec is ${hash})`, { file, hash: shard.hash });
    }
    for (const row of shard.rows) rows.set(row.index as number, row);
  }
  const ordered = [...rows.keys()].sort((a, b) => a - b).map((i) => rows.get(i)!);
  const columns: string[] = [];
  for (const row of ordered) for (const c of Object.keys(row)) if (!columns.includes(c)) columns.push(c);
  const missing = Array.from({ length: totalRuns }, (_, i) => i).filter((i) => !rows.has(i));
  return {
    sweep: spec.name ?? hash,
    hash,
    theory: spec.theory,
    command: spec.command,
    params: { ...spec.params },
    options: { ...spec.options },
    columns,
    rows: ordered,
    missing,
  };
}

function csvCell(x: Cell | undefined): string {
  if (x === null || x === undefined) return '';
  const s = String(x);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function tableCsv(table: Table): string {
  const lines = [table.columns.map(csvCell).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}

/** Write `table.json` and `table.csv` into `dir`, atomically; returns their paths. */
export function writeTable(dir: string, table: Table): { json: string; csv: string } {
  const json = join(dir, 'table.json');
  const csv = join(dir, 'table.csv');
  writeJsonAtomic(json, table);
  writeFileAtomic(csv, tableCsv(table));
  return { json, csv };
}
