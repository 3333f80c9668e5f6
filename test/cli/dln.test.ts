import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const model = 'alpha=0.3,delta=0.5,rho=0.1,sigma=0.1,lambda=0';

describe('plateau CLI contract for dln', () => {
  it('solve dln → results.t, testError, trainError of one length, finite, with s.e.', () => {
    const r = runCli(['solve', 'dln', '--set', model, '--t-end', '2', '--runs', '2', '--paths', '2000', '--response-paths', '64', '--json', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const res = r.json!.results as Record<string, unknown>;
    const t = res.t as number[];
    expect(t.length).toBe(41);
    for (const key of ['testError', 'trainError', 'testErrorSe', 'trainErrorSe', 'loss']) {
      const s = res[key] as number[];
      expect(s.length, key).toBe(t.length);
      expect(s.every((v) => typeof v === 'number' && Number.isFinite(v)), key).toBe(true);
    }
    expect(res.kind).toBe('numeric');
    expect((res.testError as number[])[0]).toBeCloseTo(0.1, 12);
    expect(res.snapshots).toBeInstanceOf(Array);
  });

  it('derive dln fixed-point → results.value.testError, s, gamma (λ = 0: interpolator; λ > 0: LASSO)', () => {
    const r = runCli(['derive', 'dln', 'fixed-point', '--set', 'alpha=0.1,delta=0.5,rho=0.1,sigma=0.1', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const v = (r.json!.results as { value: { testError: number; s: number; gamma: number } }).value;
    expect(v.testError).toBeCloseTo(0.035405066629294, 9);
    expect(v.s).toBeCloseTo(0.301347197197168, 9);
    expect(v.gamma).toBeCloseTo(0.130308650868949, 9);
    const lasso = runCli(['derive', 'dln', 'fixed-point', '--set', 'alpha=0.1,delta=0.5,rho=0.1,sigma=0.1,lambda=0.05', '--json']);
    const lv = (lasso.json!.results as { value: { testError: number; regime: string } }).value;
    expect(lv.regime).toBe('lasso');
    expect(lv.testError).toBeCloseTo(0.020893773632693, 9);
  });

  it('derive dln rate → results.value = μ_min', () => {
    const r = runCli(['derive', 'dln', 'rate', '--set', 'alpha=1,delta=0.5,rho=0.1,sigma=0.1', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect((r.json!.results as { value: number }).value).toBeCloseTo(0.352345425112502, 9);
  });

  it('simulate dln → the same series with means and standard errors', () => {
    const r = runCli(['simulate', 'dln', '--set', `${model},d=100,seeds=3`, '--t-end', '1', '--json', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const res = r.json!.results as Record<string, number[]>;
    expect(res.t!.length).toBe(21);
    for (const key of ['testError', 'testErrorSe', 'trainError', 'trainErrorSe']) expect(res[key]!.length, key).toBe(21);
  });

  it('δ ≥ 1 with λ = 0 is refused with the reason (exit 2)', () => {
    for (const args of [['derive', 'dln', 'fixed-point'], ['solve', 'dln']]) {
      const r = runCli([...args, '--set', 'delta=1.5,lambda=0', '--json', '--quiet']);
      expect(r.status, args.join(' ')).toBe(2);
      const res = r.json!.results as { kind: string; reason: string };
      expect(res.kind).toBe('refused');
      expect(res.reason).toMatch(/δ = 1.5 ≥ 1 with λ = 0/);
    }
  });

  it('α ≤ 0, ρ ∉ [0, 1], σ < 0 exit 2 naming the parameter', () => {
    for (const [set, name] of [['alpha=0', 'alpha'], ['rho=1.2', 'rho'], ['sigma=-1', 'sigma']] as const) {
      const r = runCli(['solve', 'dln', '--set', set, '--json']);
      expect(r.status, set).toBe(2);
      expect(r.json).toMatchObject({ error: { code: 'BAD_PARAM', details: { param: name } } });
    }
  });

  it('validate dln <claim> → results.claims, exit 0; reproduce lists the dln figures', () => {
    const r = runCli(['validate', 'dln', 'grokking', '--json', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const claims = (r.json!.results as { claims: Array<{ id: string; passed: boolean }> }).claims;
    expect(claims).toEqual([expect.objectContaining({ id: 'grokking', passed: true })]);
    const list = runCli(['reproduce', '--list', '--json']);
    const ids = (list.json!.results as { figures: Array<{ id: string }> }).figures.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['dln/fixed-point', 'dln/curves', 'dln/tradeoff', 'dln/grokking']));
  });
});
