import { describe, expect, it } from 'vitest';
import { deepLinear } from '../../../theory/deep-linear/index.ts';
import { withParams } from '../../../theory/deep-linear/params.ts';

const derive = (name: string, over = {}) => deepLinear.derivations[name]!.derive(withParams(over));

describe('deep-linear derivations (each spot-checked numerically)', () => {
  it('μP and NTK width exponents: N^{−1}, N, N^{−1} under μP; N^{−1/2}, N^0, N^0 under NTK', () => {
    const r = derive('parameterisation');
    expect(r.kind).toBe('exact');
    expect(r.value).toMatchObject({ table: { mup: { outputMultiplier: -1, rawLearningRate: 1, initialVariance: -1 }, ntk: { outputMultiplier: -0.5, rawLearningRate: 0, initialVariance: 0 } } });
  });

  it('lazy stability bound η < 2/((L+1)(1+α^{−1/2})²), and κη < 2α_B/(1+α_B) online', () => {
    const full = derive('stability-bound', { alpha: 3, L: 3 });
    expect(full.kind).toBe('exact');
    expect((full.value as { etaMax: number }).etaMax).toBeCloseTo(2 / (4 * (1 + 1 / Math.sqrt(3)) ** 2), 14);
    const online = derive('stability-bound', { L: 2, batch: 0.7 });
    expect(online.kind).toBe('exact');
    expect((online.value as { etaMax: number }).etaMax).toBeCloseTo((2 * 0.7) / 1.7 / 3, 14);
  });

  it('residual lazy kernel κ = 2(1+s²)^L + L s²(1+s²)^{L−1} is checked against the DMFT', () => {
    const r = derive('stability-bound', { residual: true, L: 4, beta0: 1 });
    expect(r.kind).toBe('exact');
    const s2 = 1 / 4;
    expect((r.value as { kappa: number }).kappa).toBeCloseTo(2 * (1 + s2) ** 4 + 4 * s2 * (1 + s2) ** 3, 12);
  });

  it('initial loss 1 + 1/(γ0²ν) + σ² (and (1+s²)^L/(γ0²ν) with residual blocks), checked against DMFT and simulation', () => {
    const plain = derive('initial-loss', { nu: 2, gamma0: 0.5, sigma: 0.3 });
    expect(plain.kind).toBe('exact');
    expect(plain.value).toBeCloseTo(1 + 1 / (0.25 * 2) + 0.09, 14);
    const res = derive('initial-loss', { residual: true, L: 4, branch: 'constant', beta0: 0.5 });
    expect(res.kind).toBe('exact');
    expect(res.value).toBeCloseTo(1 + 1.25 ** 4 + 0.04, 12);
  });

  it('residual forward variance (1+β0²/L)^L → e^{β0²} (stored rule, checked at large L; asymptotic)', () => {
    const r = derive('residual-variance', { residual: true, L: 8, beta0: 1 });
    expect(r.kind).toBe('exact');
    expect(r.asymptotic).toMatch(/L → ∞/);
    expect((r.value as { infiniteDepth: number }).infiniteDepth).toBeCloseTo(Math.E, 14);
    expect((r.value as { constantBranches: number }).constantBranches).toBe(256);
  });

  it('lazy one-pass noise floor c∞ = eσ²/(2α_B − e(1+α_B))', () => {
    const r = derive('noise-floor', { batch: 0.7, L: 2, eta: 0.05, sigma: 0.25 });
    expect(r.kind).toBe('exact');
    const e = 0.15;
    expect(r.value).toBeCloseTo((e * 0.0625) / (1.4 - e * 1.7), 12);
  });

  it('power-law exponents: lazy −β derived and checked; rich −2β/(1+β) is a claim (unsolved) with the boundary β = 1 solved', () => {
    const lazy = derive('lazy-exponent');
    expect(lazy.kind).toBe('exact');
    expect(lazy.value).toBeCloseTo(-0.5, 14);
    const rich = derive('rich-exponent');
    expect(rich.kind).toBe('unsolved');
    expect(rich.reason).toMatch(/claim of the paper/);
    expect(rich.value).toEqual({ exponent: -2 / 3, boundary: 1 });
    expect(rich.checks.every((c) => c.passed)).toBe(true);
  });
});
