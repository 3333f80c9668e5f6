import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { solveDmft } from '../../../theory/deep-linear/dmft.ts';
import { lazyLimitGaps, richLimitGaps } from '../../../theory/deep-linear/experiments/limits.ts';
import { lazyFullBatch, lazyOnePass, richMeanField } from '../../../theory/deep-linear/limits.ts';

const fixtures = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/deep-linear/fixtures.json'), 'utf8')) as {
  lazy: Array<{ alpha: number; kappa: number; gbar: number; eta: number; sigma: number; testLoss: number[]; trainLoss: number[] }>;
  rich: { gamma0: number; eta: number; sigma: number; testLoss: number[] };
};
const maxRel = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v / b[i]! - 1)));

describe('exact limits of the DMFT (digest §4)', () => {
  it('the Marchenko–Pastur midpoint rule in θ matches adaptive quadrature on the density (scipy), α = 2 and α = ½ (atom)', () => {
    for (const f of fixtures.lazy) {
      const lz = lazyFullBatch(f, f.testLoss.length);
      expect(maxRel(lz.testLoss, f.testLoss)).toBeLessThan(1e-10);
      expect(maxRel(lz.trainLoss, f.trainLoss)).toBeLessThan(1e-10);
    }
  });

  it('lazy limit (NTK, ν → ∞): the relative gap falls like 1/ν and is ≤ 1e−4 at ν = 10⁴ and after extrapolation', () => {
    for (const alpha of [2, 0.5]) {
      const g = lazyLimitGaps(alpha, [1000, 10000]);
      expect(g.slope).toBeCloseTo(-1, 1);
      expect(g.gaps[1]).toBeLessThan(1e-4);
      expect(Math.max(...g.extrapolatedGaps)).toBeLessThan(1e-5);
    }
  });

  it('lazy limit, train loss too (ν = 10⁴)', () => {
    const f = fixtures.lazy[0]!;
    const nu = 1e4;
    const s = solveDmft({ alpha: f.alpha, nu, L: 2, gamma0: f.gbar / Math.sqrt(nu), eta: f.eta, sigma: f.sigma, batch: undefined, branchScale: undefined }, { steps: 25 });
    expect(maxRel(s.trainLoss, f.trainLoss)).toBeLessThan(1e-4);
  });

  it('lazy one-pass SGD: the DMFT approaches the scalar recursion like 1/ν', () => {
    const exact = lazyOnePass({ batch: 0.7, kappa: 3, gbar: 1.2, eta: 0.05, sigma: 0.25 }, 25);
    const gap = (nu: number) => maxRel(solveDmft({ alpha: 1, nu, L: 2, gamma0: 1.2 / Math.sqrt(nu), eta: 0.05, sigma: 0.25, batch: 0.7, branchScale: undefined }, { steps: 25 }).testLoss, exact);
    const [g1, g2] = [gap(1e3), gap(1e4)];
    expect(g2).toBeLessThan(2e-4);
    expect(g1 / g2).toBeCloseTo(10, 0);
  });

  it('rich mean field (μP, L = 1, ν = α → ∞): the declared recursion matches the direct numpy loop; the DMFT approaches it like 1/ν, ≤ 1e−4 at ν = 10⁵ and after extrapolation', () => {
    expect(maxRel(richMeanField(fixtures.rich, 30), fixtures.rich.testLoss)).toBeLessThan(1e-14);
    const g = richLimitGaps([10000, 100000]);
    expect(g.slope).toBeCloseTo(-1, 1);
    expect(g.gaps[1]).toBeLessThan(1e-4);
    expect(Math.max(...g.extrapolatedGaps)).toBeLessThan(1e-5);
  });
});
