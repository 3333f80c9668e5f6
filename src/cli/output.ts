/**
 * What commands print. With `--json`, exactly one JSON object on stdout:
 * `{ theory, command, params, seed, backend, results, diagnostics }`; everything else (progress,
 * warnings) goes to stderr. Errors under `--json` are one object `{ command, error }`. Exit status:
 * 0 success, 1 failed validation or failed computation, 2 bad input (or a refused request).
 */
import { INPUT_ERRORS, isPlateauError, PlateauError } from '../core/errors.ts';

export interface Envelope {
  theory: string | null;
  command: string;
  params: Record<string, unknown>;
  seed: number | null;
  backend: string | null;
  results: Record<string, unknown>;
  diagnostics: Record<string, unknown>;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

/** JSON that never contains NaN or ±Infinity silently: they become null and are listed. */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? null : v > 0 ? 'Infinity' : '-Infinity';
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
      return v;
    },
    2,
  );
}

export function printEnvelope(env: Envelope): void {
  process.stdout.write(`${toJson(env)}\n`);
}

/** Report an error and return the exit status. */
export function reportError(e: unknown, command: string, json: boolean): number {
  const err = isPlateauError(e) ? e : new PlateauError('IO', e instanceof Error ? e.message : String(e));
  const status = INPUT_ERRORS.has(err.code) || err.code === 'REFUSED' ? EXIT_BAD_INPUT : EXIT_FAILED;
  if (json) process.stdout.write(`${toJson({ command, error: err.toJSON() })}\n`);
  process.stderr.write(`plateau ${command}: ${err.code}: ${err.message}\n`);
  if (!isPlateauError(e) && e instanceof Error && process.env.PLATEAU_DEBUG) process.stderr.write(`${e.stack}\n`);
  return status;
}

/** Series of a result: `t` plus every array of the same length. */
export function seriesOf(results: Record<string, unknown>): { columns: string[]; rows: number } | undefined {
  const t = results.t;
  if (!Array.isArray(t) && !ArrayBuffer.isView(t)) return undefined;
  const n = (t as ArrayLike<number>).length;
  const columns = Object.entries(results)
    .filter(([, v]) => (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) && (v as ArrayLike<unknown>).length === n && typeof (v as ArrayLike<unknown>)[0] === 'number')
    .map(([k]) => k);
  return { columns: ['t', ...columns.filter((c) => c !== 't')], rows: n };
}

export function seriesCsv(results: Record<string, unknown>): string | undefined {
  const s = seriesOf(results);
  if (!s) return undefined;
  const cols = s.columns.map((c) => results[c] as ArrayLike<number>);
  const lines = [s.columns.join(',')];
  for (let i = 0; i < s.rows; i++) lines.push(cols.map((c) => String(c[i])).join(','));
  return `${lines.join('\n')}\n`;
}

/** Human-readable number. */
export function fmt(x: unknown): string {
  if (typeof x !== 'number') return String(x);
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e5 ? Number(x.toPrecision(6)).toString() : x.toExponential(4);
}
