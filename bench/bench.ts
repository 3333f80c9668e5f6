/**
 * The benchmark framework: what a benchmark module provides, and the helpers they share (best-of
 * timing, the numpy reference runner, table formatting). Benchmarks print ratios against numpy
 * and are never asserted in tests.
 *
 * How to add a benchmark:
 * 1. Create `bench/<name>.ts` exporting a `BenchModule` (and, for a numpy reference,
 *    `bench/<name>.py` printing one JSON object on stdout; run it with `ctx.numpy`).
 * 2. `run(ctx)` returns `results` (plain JSON: it becomes `results.<id>` of `--json`) and `lines`
 *    (the human-readable table). Time with `bestSeconds`; honour `ctx.quick` with smaller sizes.
 * 3. Add one line to the list in `bench/index.ts`. `npm run bench` (= `plateau bench`) runs them
 *    all; `--only <id>` one.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface BenchContext {
  /** Smaller sizes, fewer repeats (a smoke run). */
  quick: boolean;
  /** Validator size for end-to-end runs. */
  size: 'test' | 'large';
  /** Progress to stderr (never stdout, which carries --json). */
  log(line: string): void;
  /** Run `bench/<script>` under python3 with one BLAS thread; its stdout parsed as JSON. */
  numpy(script: string, args?: readonly string[]): NumpyOutcome;
}

export type NumpyOutcome = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

export interface BenchReport {
  results: unknown;
  lines: string[];
}

export interface BenchModule {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<BenchReport>;
}

/**
 * Best wall time of `fn` in seconds, over at least `minRepeats` calls and until `minSeconds` have
 * been spent (at most `maxRepeats`), after one warm-up call.
 */
export async function bestSeconds(fn: () => unknown, opts: { minRepeats?: number; maxRepeats?: number; minSeconds?: number } = {}): Promise<number> {
  const { minRepeats = 3, maxRepeats = 20, minSeconds = 0.5 } = opts;
  await fn();
  let best = Infinity;
  let spent = 0;
  for (let i = 0; i < maxRepeats && (i < minRepeats || spent < minSeconds); i++) {
    const t0 = performance.now();
    await fn();
    const dt = (performance.now() - t0) / 1000;
    best = Math.min(best, dt);
    spent += dt;
  }
  return best;
}

const BENCH_DIR = import.meta.dirname;

let numpyProbe: NumpyOutcome | undefined;

/** Whether python3 with numpy is here; the reason when not. */
function probeNumpy(): NumpyOutcome {
  numpyProbe ??= (() => {
    const r = spawnSync('python3', ['-c', 'import json, numpy; print(json.dumps({"numpy": numpy.__version__}))'], { encoding: 'utf8' });
    if (r.error) return { ok: false, reason: `python3 not found (${r.error.message})` };
    if (r.status !== 0) return { ok: false, reason: 'numpy is not installed for python3 (pip install numpy)' };
    return { ok: true, value: JSON.parse(r.stdout) as Record<string, unknown> };
  })();
  return numpyProbe;
}

/** The numpy version, or why there is none. */
export function numpyStatus(): NumpyOutcome {
  return probeNumpy();
}

export function runNumpy(script: string, args: readonly string[] = []): NumpyOutcome {
  const probe = probeNumpy();
  if (!probe.ok) return probe;
  const single = { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', VECLIB_MAXIMUM_THREADS: '1' };
  const r = spawnSync('python3', [join(BENCH_DIR, script), ...args], { encoding: 'utf8', env: { ...process.env, ...single }, maxBuffer: 64 << 20 });
  if (r.status !== 0) return { ok: false, reason: `${script} failed: ${(r.stderr || r.error?.message || '').trim().split('\n').at(-1)}` };
  try {
    return { ok: true, value: JSON.parse(r.stdout) as Record<string, unknown> };
  } catch {
    return { ok: false, reason: `${script} printed no JSON` };
  }
}

/** Ratio a/b rounded for reports; null when either is missing. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  return a == null || b == null || !(b > 0) ? null : Number((a / b).toPrecision(3));
}

export function round(x: number | null | undefined, digits = 3): number | null {
  return x == null || !Number.isFinite(x) ? null : Number(x.toPrecision(digits));
}

/** Fixed-width text table. */
export function textTable(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string[] {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null ? '—' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells.map((r) => r.map((c, i) => c.padStart(widths[i]!)).join('  '));
}
