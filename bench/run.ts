/**
 * Runs the registered benchmarks (bench/index.ts) in one go: `plateau bench` and `npm run bench`.
 * Human tables by default; with `json`, one object
 * `{ command: 'bench', machine, date, results: { <id>: … }, diagnostics }` on stdout.
 */
import { cpus, totalmem } from 'node:os';
import { PlateauError } from '../src/core/errors.ts';
import { activeBackend } from '../src/compute/registry.ts';
import { numpyStatus, runNumpy, type BenchContext } from './bench.ts';
import { benchmarks } from './index.ts';

export interface BenchOptions {
  only?: readonly string[];
  json?: boolean;
  quick?: boolean;
  size?: 'test' | 'large';
}

function machineInfo(): Record<string, unknown> {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    threads: process.env.PLATEAU_THREADS ?? 'all cores',
  };
}

export async function runBench(opts: BenchOptions): Promise<Record<string, unknown>> {
  const unknown = (opts.only ?? []).filter((id) => !benchmarks.some((b) => b.id === id));
  if (unknown.length > 0) {
    throw new PlateauError('BAD_INPUT', `unknown benchmark ${unknown.join(', ')}; benchmarks: ${benchmarks.map((b) => b.id).join(', ')}`, { only: opts.only });
  }
  const chosen = benchmarks.filter((b) => !opts.only?.length || opts.only.includes(b.id));
  const ctx: BenchContext = {
    quick: opts.quick ?? false,
    size: opts.size ?? 'test',
    log: (line) => process.stderr.write(`${line}\n`),
    numpy: runNumpy,
  };
  const numpy = numpyStatus();
  const results: Record<string, unknown> = {};
  const out = (s: string) => {
    if (!opts.json) process.stdout.write(`${s}\n`);
  };
  out(`Plateau benchmarks — ${new Date().toISOString().slice(0, 10)}, ${JSON.stringify(machineInfo())}`);
  out(`numpy: ${numpy.ok ? String(numpy.value.numpy) : `unavailable (${numpy.reason}); ratios skipped`}\n`);
  for (const b of chosen) {
    const report = await b.run(ctx);
    results[b.id] = report.results;
    out(`## ${b.id}: ${b.title}`);
    for (const line of report.lines) out(`  ${line}`);
    out('');
  }
  return {
    command: 'bench',
    theory: null,
    params: {},
    seed: null,
    backend: activeBackend().name,
    date: new Date().toISOString(),
    machine: machineInfo(),
    results,
    diagnostics: { numpy: numpy.ok ? numpy.value.numpy : null, numpySkipped: numpy.ok ? null : numpy.reason },
  };
}
