import { describe, expect, it } from 'vitest';
import { dlnProblem } from '../../../src/sim/diagonal-linear-net.ts';
import { basisPursuit } from '../../../src/sim/reference/basis-pursuit.ts';
import { lassoFista } from '../../../src/sim/reference/lasso.ts';
import { minPotentialInterpolator } from '../../../src/sim/reference/min-potential-interpolator.ts';

const p = dlnProblem({ d: 200, delta: 0.5, rho: 0.1, sigma: 0.1, seed: 11 });
const l1 = (w: Float64Array) => w.reduce((a, v) => a + Math.abs(v), 0);
const residual = (w: Float64Array) => {
  let r = 0;
  for (let i = 0; i < p.n; i++) {
    let s = 0;
    for (let j = 0; j < p.d; j++) s += p.X[i * p.d + j]! * w[j]!;
    r = Math.max(r, Math.abs(s - p.y[i]!));
  }
  return r;
};

describe('finite-d reference solvers (independent of the DLN dynamics)', () => {
  it('the min-ψ_α interpolator interpolates, and tends to the ℓ1 minimiser as α → 0', () => {
    for (const alpha of [1, 0.1, 1e-8]) {
      const r = minPotentialInterpolator(p, alpha);
      expect(residual(r.w), `α = ${alpha}`).toBeLessThan(1e-6);
    }
    const bp = basisPursuit(p);
    const tiny = minPotentialInterpolator(p, 1e-12).w;
    expect(l1(tiny)).toBeGreaterThanOrEqual(l1(bp.w) * (1 - 1e-9));
    expect(l1(tiny) / l1(bp.w) - 1).toBeLessThan(0.02);
  });

  it('basis pursuit returns a vertex certified by LP duality (max |x_iᵀν| ≤ 1 + 1e-9) and feasible', () => {
    const bp = basisPursuit(p);
    expect(bp.dualInfeasibility).toBeLessThanOrEqual(1e-9);
    expect(residual(bp.w)).toBeLessThan(1e-9);
    expect(bp.w.filter((v) => v !== 0).length).toBeLessThanOrEqual(p.n);
  });

  it('FISTA reaches the LASSO KKT conditions', () => {
    const r = lassoFista(p, 0.05);
    expect(r.kkt).toBeLessThan(1e-6);
  });
});
