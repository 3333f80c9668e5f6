/**
 * A full validator run end to end (simulation and theory, as `plateau validate` runs it), timed.
 * Runs the validators named by PLATEAU_BENCH_VALIDATORS (comma-separated ids), else the first of
 * the preferred list that is registered, else the first registered one. No numpy counterpart.
 * Each run gets an empty run store (a fresh PLATEAU_HOME), so nothing is served from a cache.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentProgress } from '../src/core/progress.ts';
import { activeBackend } from '../src/compute/registry.ts';
import { validators } from '../validators/index.ts';
import { round, textTable, type BenchModule } from './bench.ts';

/** The paper's showcase claims, most telling first. */
const PREFERRED = ['deep-linear-wider-is-better', 'dln-dmft-simulation', 'saxe-euler-error'];

export interface ValidatorRow {
  id: string;
  size: string;
  seconds: number;
  passed: boolean;
}

export const validatorsBench: BenchModule = {
  id: 'validators',
  title: 'a validator end to end',
  async run(ctx) {
    const named = process.env.PLATEAU_BENCH_VALIDATORS?.split(',').filter(Boolean);
    const chosen = named
      ? validators.filter((v) => named.includes(v.id))
      : [PREFERRED.map((id) => validators.find((v) => v.id === id)).find((v) => v !== undefined) ?? validators[0]].filter((v) => v !== undefined);
    if (chosen.length === 0) return { results: [], lines: ['skipped — no validator is registered yet'] };
    const rows: ValidatorRow[] = [];
    for (const v of chosen) {
      ctx.log(`validator ${v.id} (size ${ctx.size})…`);
      const home = mkdtempSync(join(tmpdir(), 'plateau-bench-'));
      const previous = process.env.PLATEAU_HOME;
      process.env.PLATEAU_HOME = home;
      try {
        const t0 = performance.now();
        const outcome = await v.run({ seed: 1, progress: silentProgress, backend: activeBackend().name, size: ctx.size });
        rows.push({ id: v.id, size: ctx.size, seconds: round((performance.now() - t0) / 1000)!, passed: outcome.passed });
      } finally {
        if (previous === undefined) delete process.env.PLATEAU_HOME;
        else process.env.PLATEAU_HOME = previous;
        rmSync(home, { recursive: true, force: true });
      }
    }
    return { results: rows, lines: textTable(['validator', 'size', 'seconds', 'passed'], rows.map((r) => [r.id, r.size, r.seconds, String(r.passed)])) };
  },
};
