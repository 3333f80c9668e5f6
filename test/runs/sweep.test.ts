/**
 * Sweeps end to end through the real `plateau` binary, on a fixture theory loaded by the spec's
 * `theoryModule`: a sweep of 24 runs killed mid-way resumes from the run store and gives the same
 * table as an uninterrupted one; two shards merged equal the unsharded table; shard indices come
 * from --shard, Slurm or a Kubernetes Indexed Job.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandRuns, parseShard, runsOfShard, shardFromEnv, sweepHash, type SweepSpec } from '../../src/runs/sweep-spec.ts';

const BIN = resolve(import.meta.dirname, '../../bin/plateau.js');
const FIXTURE = resolve(import.meta.dirname, 'sweep-fixture-theory.ts');

/** 3 curvatures (one refused) × 2 step sizes × 4 seeds = 24 runs of ~120 ms each. */
const SPEC: SweepSpec = {
  name: 'resume-test',
  theory: 'sweep-fixture',
  command: 'simulate',
  params: { delayMs: 120 },
  grid: { a: [0.5, 2, 12], eta: { from: 0.05, to: 0.2, count: 2, scale: 'log' } },
  seeds: { from: 3, count: 4 },
  options: { steps: 8 },
};

function specFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plateau-sweep-'));
  const path = join(dir, 'spec.json');
  writeFileSync(path, JSON.stringify({ ...SPEC, theoryModule: FIXTURE }));
  return path;
}

function plateau(args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true', ...env }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function storedRuns(home: string): number {
  const dir = join(home, 'runs', 'sweep-fixture');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).length : 0;
}

function table(home: string): { rows: unknown[]; columns: string[]; missing: number[] } {
  return JSON.parse(readFileSync(join(home, 'sweeps', 'resume-test', 'table.json'), 'utf8'));
}

const csv = (home: string) => readFileSync(join(home, 'sweeps', 'resume-test', 'table.csv'), 'utf8');
const home = () => mkdtempSync(join(tmpdir(), 'plateau-sweep-home-'));

describe('sweep specs', () => {
  it('expand to a fixed order, seeds innermost, log axes exact at the ends', () => {
    const runs = expandRuns(SPEC);
    expect(runs).toHaveLength(24);
    expect(runs.slice(0, 5).map((r) => [r.point.a, r.seed])).toEqual([[0.5, 3], [0.5, 4], [0.5, 5], [0.5, 6], [0.5, 3]]);
    expect(runs[0]!.point.eta).toBeCloseTo(0.05, 15);
    expect(runs[4]!.point.eta).toBeCloseTo(0.2, 15);
    expect(runs[23]!.given).toEqual({ delayMs: 120, a: 12, eta: runs[23]!.point.eta });
  });

  it('shard round-robin, covering every run exactly once', () => {
    const runs = expandRuns(SPEC);
    const shards = [0, 1, 2].map((i) => runsOfShard(runs, { index: i, count: 3 }).map((r) => r.index));
    expect(shards[1]!.slice(0, 3)).toEqual([1, 4, 7]);
    expect(shards.flat().sort((a, b) => a - b)).toEqual(runs.map((r) => r.index));
  });

  it('take the shard from --shard, Slurm arrays or Kubernetes Indexed Jobs', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    expect(() => parseShard('5/5')).toThrow(/0 ≤ i < n/);
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 3, count: 4 });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '2' }, 3)).toEqual({ index: 2, count: 3 });
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: '2' })).toThrow(/--shards/);
    expect(shardFromEnv({})).toBeUndefined();
  });

  it('hash what determines the runs, not the name', () => {
    expect(sweepHash({ ...SPEC, name: 'other' })).toBe(sweepHash(SPEC));
    expect(sweepHash({ ...SPEC, seeds: 2 })).not.toBe(sweepHash(SPEC));
  });
});

describe('plateau sweep (real binary, 2 workers)', () => {
  const spec = specFile();
  const reference = home();

  it('plans 24 runs with a time estimate', () => {
    const r = plateau(['sweep', 'plan', spec, '--json', '--sample', '0'], { PLATEAU_HOME: reference });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ command: 'sweep plan', results: { runs: 24, gridPoints: 6, seeds: 4, cached: 0, remaining: 24 } });
  });

  it('runs uninterrupted into one table (refused runs are rows too)', () => {
    const r = plateau(['sweep', 'run', spec, '--workers', '2', '--json'], { PLATEAU_HOME: reference });
    expect(r.status, r.stderr).toBe(0);
    const t = table(reference);
    expect(t.rows).toHaveLength(24);
    expect(t.missing).toEqual([]);
    expect(t.columns.slice(0, 5)).toEqual(['index', 'seed', 'a', 'eta', 'status']);
    expect(csv(reference).split('\n').filter((l) => l.includes(',refused,'))).toHaveLength(8);
  });

  it('killed mid-way, resumes from the run store and gives the same table', async () => {
    const killed = home();
    const child = spawn(process.execPath, [BIN, 'sweep', 'run', spec, '--workers', '2', '--quiet'], { env: { ...process.env, CI: 'true', PLATEAU_HOME: killed }, stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    for (let i = 0; i < 600 && storedRuns(killed) < 5; i++) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGKILL');
    await exited;
    const atKill = storedRuns(killed);
    expect(atKill).toBeGreaterThanOrEqual(5);
    expect(atKill).toBeLessThan(16); // 16 runs are cacheable (the 8 refused ones never are)
    // The workers noticed their parent died and stopped: nothing more lands in the store.
    await new Promise((r) => setTimeout(r, 600));
    expect(storedRuns(killed)).toBeLessThanOrEqual(atKill + 2);
    const resumed = plateau(['sweep', 'run', spec, '--workers', '2', '--json'], { PLATEAU_HOME: killed });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).results.cached).toBeGreaterThanOrEqual(atKill);
    expect(table(killed).rows).toEqual(table(reference).rows);
    expect(csv(killed)).toBe(csv(reference));
  });

  it('two shards (from --shard and from SLURM_ARRAY_TASK_ID) merge into the unsharded table', () => {
    const sharded = home();
    const out = join(sharded, 'sweeps', 'resume-test');
    expect(plateau(['sweep', 'run', spec, '--shard', '0/2', '--workers', '1', '--quiet'], { PLATEAU_HOME: sharded }).status).toBe(0);
    const partial = plateau(['sweep', 'merge', spec, '--json'], { PLATEAU_HOME: sharded });
    expect(partial.status).toBe(1);
    expect(JSON.parse(partial.stdout).results.missing).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23]);
    // Shard 1 runs as task 1 of a Slurm array on "another machine": its own output folder.
    const slurm = { PLATEAU_HOME: sharded, SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '2', SLURM_ARRAY_TASK_MIN: '0' };
    expect(plateau(['sweep', 'run', spec, '--workers', '1', '--quiet', '--out', join(sharded, 'elsewhere')], slurm).status).toBe(0);
    expect(readdirSync(join(sharded, 'elsewhere'))).toContain('shard-1-of-2.json');
    const merged = plateau(['sweep', 'merge', spec, '--from', out, join(sharded, 'elsewhere'), '--json'], { PLATEAU_HOME: sharded });
    expect(merged.status, merged.stderr).toBe(0);
    expect(JSON.parse(merged.stdout).results).toMatchObject({ rows: 24, complete: true });
    expect(table(sharded).rows).toEqual(table(reference).rows);
    expect(csv(sharded)).toBe(csv(reference));
  });

  it('refuses a bad spec before starting any work, with exit 2', () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'plateau-sweep-')), 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...SPEC, theoryModule: FIXTURE, grid: { a: [1, -1] } }));
    const r = plateau(['sweep', 'run', bad, '--json'], { PLATEAU_HOME: home() });
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toMatch(/run 4 .*a=-1/);
  });
});
