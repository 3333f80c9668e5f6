import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

type Results = Record<string, unknown> & { t: number[]; testLoss: Array<number | string>; trainLoss: Array<number | string> };
const results = (json: Record<string, unknown> | undefined) => (json as { results: Results }).results;

describe('plateau CLI contract for deep-linear', () => {
  it('solve: results.t = 0..steps−1 with testLoss and trainLoss (the issue’s command)', () => {
    const r = runCli(['solve', 'deep-linear', '--set', 'alpha=2,nu=1,L=2,gamma0=1,eta=0.1,sigma=0.3', '--steps', '30', '--json']);
    expect(r.status).toBe(0);
    const res = results(r.json);
    expect(res.t).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(res.testLoss).toHaveLength(30);
    expect(res.trainLoss).toHaveLength(30);
    expect(res.testLoss[0]).toBeCloseTo(2.09, 12);
    expect(res.status).toBe('converged');
  });

  it('simulate: the same series as means with standard errors', () => {
    const r = runCli(['simulate', 'deep-linear', '--set', 'alpha=2,nu=1,L=2,gamma0=1,eta=0.1,sigma=0.3,D=256,seeds=8', '--steps', '30', '--json']);
    expect(r.status).toBe(0);
    const res = results(r.json);
    expect(res.t).toHaveLength(30);
    for (const key of ['testLoss', 'trainLoss', 'testLossSe', 'trainLossSe']) expect(res[key]).toHaveLength(30);
    expect(res.seeds).toBe(8);
    // Within 10 % of the DMFT at the last step (the validators test this properly).
    const theory = results(runCli(['solve', 'deep-linear', '--set', 'alpha=2,nu=1,L=2,gamma0=1,eta=0.1,sigma=0.3', '--steps', '30', '--json']).json);
    expect(Math.abs((res.testLoss[29] as number) / (theory.testLoss[29] as number) - 1)).toBeLessThan(0.1);
  });

  it('bad input exits 2 naming the parameter: L < 1, ν ≤ 0; η past the stability bound is refused with the bound', () => {
    for (const [set, name] of [['L=0', 'L'], ['nu=0', 'nu'], ['nu=-1', 'nu']] as const) {
      const r = runCli(['solve', 'deep-linear', '--set', set, '--json']);
      expect(r.status).toBe(2);
      expect((r.json as { error: { code: string; message: string } }).error.message).toContain(`parameter ${name}=`);
    }
    const refused = runCli(['solve', 'deep-linear', '--set', 'eta=0.5', '--json']);
    expect(refused.status).toBe(2);
    const res = results(refused.json);
    expect(res.kind).toBe('refused');
    expect(res.etaMax).toBeCloseTo(2 / (4 * (1 + 1 / Math.sqrt(3)) ** 2), 12);
    expect(String(res.reason)).toMatch(/stability bound eta < 0\.2009/);
    expect(runCli(['simulate', 'deep-linear', '--set', 'eta=0.5,D=32,seeds=1', '--json']).status).toBe(2);
  });

  it('divergence is DIVERGED with its step and +∞ after it, never NaN', () => {
    const r = runCli(['solve', 'deep-linear', '--set', 'nu=0.25,gamma0=1,eta=0.2', '--steps', '12', '--json']);
    expect(r.status).toBe(0);
    const res = results(r.json);
    expect(res.status).toBe('DIVERGED');
    const k = res.divergedAt as number;
    expect(res.testLoss.slice(k)).toEqual(Array.from({ length: 12 - k }, () => 'Infinity'));
    expect(r.stdout).not.toMatch(/NaN|null/);
  });

  it('validate: results.claims, every claim passes, exit 0', () => {
    const r = runCli(['validate', 'deep-linear', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const claims = (r.json as { results: { claims: Array<{ id: string; passed: boolean }> } }).results.claims;
    expect(claims.map((c) => c.id)).toEqual(['curves', 'finite-size', 'wider-is-better', 'lr-transfer', 'residual-dmft', 'depth-transfer', 'repeated-data', 'power-law']);
    expect(claims.every((c) => c.passed)).toBe(true);
  });

  it('reproduce writes CSV and SVG of a figure family', () => {
    const out = mkdtempSync(join(tmpdir(), 'plateau-figures-'));
    const r = runCli(['reproduce', 'deep-linear/power-law', '--out', out, '--json', '--quiet']);
    expect(r.status).toBe(0);
    expect(existsSync(join(out, 'deep-linear-power-law.csv'))).toBe(true);
    expect(existsSync(join(out, 'deep-linear-power-law.svg'))).toBe(true);
    const list = runCli(['reproduce', '--list', '--json']);
    const ids = (list.json as { results: { figures: Array<{ id: string }> } }).results.figures.map((f) => f.id);
    for (const id of ['width-sweep', 'lr-sweep', 'depth-sweep', 'sgd-vs-repeated', 'power-law']) expect(ids).toContain(`deep-linear/${id}`);
  });
});
