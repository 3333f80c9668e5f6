import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { silentProgress } from '../../../src/core/progress.ts';
import { interpolatorCases, problems } from '../../../theory/dln/experiments/fixed-point.ts';
import { fixedPoint, interpolatorFixedPoint } from '../../../theory/dln/fixed-point.ts';
import { convergenceRate } from '../../../theory/dln/rate.ts';
import { basisPursuitFixedPoint, lassoFixedPoint, minNormTestError } from '../../../theory/dln/soft-threshold.ts';

const base = { delta: 0.5, rho: 0.1, sigma: 0.1, lambda: 0 };

interface Reference {
  fixedPoints: Array<{ alpha: number; testError: number; s: number; gamma: number; muMin: number }>;
  basisPursuit: { testError: number; s: number; theta: number };
  lasso: Array<{ lambda: number; testError: number; s: number; theta: number }>;
  minNorm: number;
}
const reference = JSON.parse(readFileSync(new URL('../../fixtures/dln/reference.json', import.meta.url), 'utf8')) as Reference;

describe('fixed point (λ = 0 interpolator, λ > 0 LASSO) against an independent scipy implementation', () => {
  for (const ref of reference.fixedPoints) {
    it(`α = ${ref.alpha}: E_gen, s, γ and μ_min match (Z-quadrature with the prox by brentq)`, () => {
      const fp = interpolatorFixedPoint({ ...base, alpha: ref.alpha });
      expect(fp.testError / ref.testError - 1).toBeLessThan(1e-7);
      expect(Math.abs(fp.s / ref.s - 1)).toBeLessThan(1e-7);
      expect(Math.abs(fp.gamma / ref.gamma - 1)).toBeLessThan(1e-6);
      expect(Math.abs(convergenceRate({ ...base, alpha: ref.alpha }, fp).muMin / ref.muMin - 1)).toBeLessThan(1e-6);
    });
  }

  it('basis pursuit and LASSO state evolution match the quadrature of the soft threshold', () => {
    const bp = basisPursuitFixedPoint(base);
    expect(Math.abs(bp.testError / reference.basisPursuit.testError - 1)).toBeLessThan(1e-9);
    expect(Math.abs(bp.theta / reference.basisPursuit.theta - 1)).toBeLessThan(1e-9);
    for (const ref of reference.lasso) {
      const l = fixedPoint({ ...base, alpha: 0.3, lambda: ref.lambda });
      expect(l.regime).toBe('lasso');
      expect(Math.abs(l.testError / ref.testError - 1)).toBeLessThan(1e-9);
      expect(Math.abs(l.theta! / ref.theta - 1)).toBeLessThan(1e-9);
      expect(l.gamma).toBeCloseTo(l.theta! / ref.lambda, 12);
    }
  });
});

describe('limits of the fixed point (asymptotic statements checked numerically)', () => {
  it('α → ∞ gives the minimum-ℓ2 risk (1 − δ)ρ + δσ²/(1 − δ), also from the Marchenko–Pastur integral', () => {
    expect(minNormTestError(base)).toBeCloseTo(reference.minNorm, 12);
    for (const alpha of [30, 300, 3000]) {
      expect(Math.abs(interpolatorFixedPoint({ ...base, alpha }).testError / minNormTestError(base) - 1)).toBeLessThan(10 / alpha ** 2);
    }
  });

  it('α → 0 gives basis pursuit, logarithmically: the gap halves when ln(1/α) doubles, and Richardson extrapolation lands on it', () => {
    const bp = basisPursuitFixedPoint(base).testError;
    const e = [1e-10, 1e-20, 1e-40].map((alpha) => interpolatorFixedPoint({ ...base, alpha }).testError);
    const gaps = e.map((v) => bp - v);
    expect(gaps.every((g) => g > 0)).toBe(true);
    expect(gaps[0]! / gaps[1]!).toBeGreaterThan(1.6);
    expect(gaps[1]! / gaps[2]!).toBeGreaterThan(1.7);
    expect(Math.abs(2 * e[2]! - e[1]! - bp) / bp).toBeLessThan(3e-4);
  });

  it('the LASSO tends to basis pursuit as λ → 0, and its end point does not depend on α', () => {
    const bp = basisPursuitFixedPoint(base).testError;
    expect(lassoFixedPoint({ ...base, lambda: 1e-8 }).testError / bp).toBeCloseTo(1, 6);
    expect(fixedPoint({ ...base, alpha: 0.01, lambda: 0.05 }).testError).toBe(fixedPoint({ ...base, alpha: 8, lambda: 0.05 }).testError);
  });

  it('the test error falls and the rate slows as α falls (speed/generalisation trade-off)', () => {
    const alphas = [0.03, 0.1, 0.3, 1, 3];
    const rows = alphas.map((alpha) => {
      const fp = interpolatorFixedPoint({ ...base, alpha });
      return { e: fp.testError, mu: convergenceRate({ ...base, alpha }, fp).muMin };
    });
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.e).toBeGreaterThan(rows[i - 1]!.e);
      expect(rows[i]!.mu).toBeGreaterThan(rows[i - 1]!.mu);
    }
  });
});

describe('fixed point against the finite-d interpolator (dual Newton) at d = 1000', () => {
  // Four data sets shared by the three α (common random numbers): about 10 s in all.
  const data = problems(1000, 4, 1);
  it('E_gen within 2 standard errors for α ∈ {0.01, 0.1, 1}', () => {
    const cases = interpolatorCases([0.01, 0.1, 1], data, { progress: silentProgress });
    for (const c of cases) {
      expect(Math.abs(c.mean - c.theory), `${c.label}: ${c.mean} ± ${c.se} vs ${c.theory}`).toBeLessThan(2 * c.se);
    }
  });
});
