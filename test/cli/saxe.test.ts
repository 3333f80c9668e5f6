/**
 * The CLI contract of issue 3 §5 for the Saxe theory, through the real binary.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('plateau … saxe (real binary)', () => {
  it('solve: results.t and results.u of the same length, and results.learningTime', () => {
    const r = runCli(['solve', 'saxe', '--set', 's=2,u0=0.001,tau=1', '--t-end', '10', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const res = (r.json as Json).results;
    expect(res.t.length).toBe(res.u.length);
    expect(res.t.at(-1)).toBe(10);
    expect(res.learningTime).toBeCloseTo(0.25 * Math.log((1.90005 * 1.999) / (0.001 * 0.09995)), 8);
    expect(r.json).toMatchObject({ theory: 'saxe', command: 'solve', params: { s: 2, u0: 0.001, tau: 1 }, seed: 1 });
  });

  it('derive learning-time at depth 5: kind, latex and value', () => {
    const r = runCli(['derive', 'saxe', 'learning-time', '--set', 's=2,u0=0.001,uf=1.9,tau=1,depth=5', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const res = (r.json as Json).results;
    expect(res.kind).toBe('numeric');
    expect(res.latex).toMatch(/int/);
    expect(res.value).toBeCloseTo(8.10543934, 6);
  });

  it('derive (all): one entry per derivation with name, kind, latex and passing checks', () => {
    const r = runCli(['derive', 'saxe', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const list = (r.json as Json).results.derivations as Json[];
    const names = list.map((d) => d.name);
    for (const n of ['fixed-points', 'learning-time', 'trajectory', 'conserved-quantity', 'unbalanced-rate', 'unbalanced-learning-time', 'deep-dynamics', 'infinite-depth', 'stability', 'random-products']) {
      expect(names).toContain(n);
    }
    for (const d of list) {
      expect(['exact', 'numeric'], d.name).toContain(d.kind);
      expect(typeof d.latex).toBe('string');
      expect(d.checks.length).toBeGreaterThan(0);
      for (const c of d.checks) expect(c.passed, `${d.name}: ${c.name}`).toBe(true);
    }
  });

  it('validate: every claim passes and reports theory, simulation, error, tolerance', () => {
    const r = runCli(['validate', 'saxe', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const claims = (r.json as Json).results.claims as Json[];
    expect(claims.map((c) => c.id)).toEqual(['euler-error', 'hierarchy-delays', 'depth-by-init', 'optimal-rate', 'random-products']);
    for (const c of claims) expect(c).toMatchObject({ passed: true, theory: expect.anything(), simulation: expect.anything(), error: expect.any(Number), tolerance: expect.any(Number) });
  });

  it('simulate and reproduce write their outputs', () => {
    const out = mkdtempSync(join(tmpdir(), 'saxe-out-'));
    const sim = runCli(['simulate', 'saxe', '--set', 'seeds=2,modes=2,width=4', '--json', '--out', out]);
    expect(sim.status, sim.stderr).toBe(0);
    expect((sim.json as Json).results.u1.length).toBe((sim.json as Json).results.t.length);
    expect(readdirSync(out).sort()).toEqual(['saxe-simulate.csv', 'saxe-simulate.json']);
    const fig = runCli(['reproduce', 'saxe/gd-vs-eq12', '--out', out, '--quiet']);
    expect(fig.status, fig.stderr).toBe(0);
    expect(readFileSync(join(out, 'saxe-gd-vs-eq12.svg'), 'utf8')).toMatch(/^<svg/);
    expect(readFileSync(join(out, 'saxe-gd-vs-eq12.csv'), 'utf8').split('\n').length).toBeGreaterThan(100);
  });

  it('show renders the declared equations with their numbers', () => {
    const r = runCli(['show', 'saxe', '--json']);
    expect(r.status).toBe(0);
    const eqs = (r.json as Json).results.equations as Json[];
    expect(eqs.find((e) => e.name === 'trajectory')).toMatchObject({ ref: 'eq. 12' });
    expect(eqs.find((e) => e.name === 'unbalancedTime')?.ref).toMatch(/corrected/);
  });

  describe('bad input: exit 2, a message naming the parameter and its range, nothing written', () => {
    const cases: Array<[string, string[], RegExp]> = [
      ['s=-1', ['--set', 's=-1'], /s=-1.*s ∈ \(0, ∞\)/],
      ['depth=1', ['--set', 'depth=1'], /depth=1.*depth ∈ integers in \[2, 1000\]/],
      ['uf outside the reachable interval', ['--set', 's=2,u0=0.001,uf=3'], /uf=3.*reachable interval uf ∈ \(0.001, 2\)/],
      ['unknown parameter', ['--set', 'sigma=1'], /unknown parameter 'sigma'.*valid parameters: s, u0, uf, tau, depth, c0, lr/],
      ['non-number', ['--set', 'u0=abc'], /u0=abc: not a number.*u0 ∈ \(0, ∞\)/],
    ];
    for (const [label, args, message] of cases) {
      it(label, () => {
        const home = mkdtempSync(join(tmpdir(), 'saxe-home-'));
        const out = join(home, 'out');
        const r = runCli(['solve', 'saxe', ...args, '--json', '--out', out], { PLATEAU_HOME: home });
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(message);
        expect((r.json as Json).error.code).toMatch(/BAD_PARAM|UNKNOWN_PARAM/);
        expect(existsSync(out)).toBe(false);
        expect(readdirSync(home)).toEqual([]);
      });
    }

    it('a learning rate past the stability bound is refused (exit 2)', () => {
      const r = runCli(['derive', 'saxe', 'stability', '--set', 'depth=6,lr=1', '--json']);
      expect(r.status).toBe(2);
      expect((r.json as Json).results.kind).toBe('refused');
    });
  });
});
