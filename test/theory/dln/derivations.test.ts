import { describe, expect, it } from 'vitest';
import { dlnDerivations } from '../../../theory/dln/derivations/index.ts';
import { dln } from '../../../theory/dln/index.ts';
import type { DlnParams } from '../../../theory/dln/params.ts';

const params: DlnParams = { alpha: 0.3, delta: 0.5, rho: 0.1, sigma: 0.1, lambda: 0, d: 1000, seeds: 8 };

describe('DLN derivations: each symbolic result passes its numeric checks', () => {
  for (const [name, spec] of Object.entries(dlnDerivations)) {
    it(`${name}: ${spec.title}`, () => {
      const r = spec.derive(params);
      const failed = r.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.residual} > ${c.tolerance}`);
      expect(failed).toEqual([]);
      expect(['exact', 'numeric']).toContain(r.kind);
      expect(r.checks.length).toBeGreaterThan(0);
    });
  }

  it('the coordinate flow is w = α²e^{−2λt}sinh 2G with u = αe^{G−λt}, v = αe^{−G−λt}', () => {
    const r = dlnDerivations['coordinate-flow']!.derive(params);
    expect(r.kind).toBe('exact');
    const v = r.value as { u: string; v: string };
    expect(v.u).toBe('e^(-lambda*t+G+log(alpha))');
    expect(v.v).toBe('e^(-G-lambda*t+log(alpha))');
  });

  it('asymptotic results carry their regime', () => {
    for (const name of ['large-alpha', 'small-alpha', 'min-l2-error', 'basis-pursuit', 'lazy-rate', 'lazy-time', 'grokking-time', 'search-time']) {
      expect(dlnDerivations[name]!.derive(params).asymptotic, name).toMatch(/α → (∞|0)/);
    }
  });

  it('ψ_α = w²/(4α²) − w⁴/(48α⁶) + … at large α', () => {
    const r = dlnDerivations['large-alpha']!.derive(params);
    expect((r.value as { coefficients: string[] }).coefficients).toEqual(['0', '0', '(1/2)*alpha^(-2)', '0', '(-1/2)*alpha^(-6)']);
  });

  it('the lazy rate is 2α²(1 − √δ)²/δ and the rate tends to it from above', () => {
    const lazy = dlnDerivations['lazy-rate']!.derive({ ...params, alpha: 2 });
    expect(lazy.value).toBeCloseTo((8 * (1 - Math.SQRT1_2) ** 2) / 0.5, 12);
    const mu = dlnDerivations.rate!.derive({ ...params, alpha: 2 }).value as number;
    expect(mu / (lazy.value as number)).toBeGreaterThan(1);
    expect(mu / (lazy.value as number)).toBeLessThan(1.01);
  });

  it('refuses the interpolation theory for δ ≥ 1 at λ = 0, and the rate for λ > 0', () => {
    for (const name of ['fixed-point', 'rate', 'min-l2-error']) {
      const r = dlnDerivations[name]!.derive({ ...params, delta: 1.5 });
      expect(r.kind, name).toBe('refused');
      expect(r.reason).toMatch(/δ = 1.5 ≥ 1 with λ = 0/);
    }
    expect(dlnDerivations.rate!.derive({ ...params, lambda: 0.1 }).kind).toBe('refused');
    expect(dlnDerivations['fixed-point']!.derive({ ...params, delta: 1.5, lambda: 0.1 }).kind).toBe('numeric');
  });

  it('the theory declaration is complete: every claim names a validator, every derivation cites equations', () => {
    expect(dln.claims.length).toBe(7);
    for (const c of dln.claims) expect(c.validator).toMatch(/^dln-/);
    for (const d of Object.values(dln.derivations)) expect(d.from.length).toBeGreaterThan(0);
  });
});
