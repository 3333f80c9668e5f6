import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matmul, upperMagnitude } from '../../../src/dmft/operators.ts';
import { infiniteDepthLimit } from '../../../theory/deep-linear/depth-limit.ts';
import { solveDmft } from '../../../theory/deep-linear/dmft.ts';
import type { DeepLinearModel } from '../../../theory/deep-linear/params.ts';

interface FixtureCase {
  name: string;
  model: { alpha: number; nu: number; L: number; gamma0: number; eta: number; sigma: number; batch: number | null; s: number | null };
  steps: number;
  testLoss: number[];
  trainLoss: number[];
}
const fixtures = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/deep-linear/fixtures.json'), 'utf8')) as { dmft: FixtureCase[] };

const modelOf = (m: FixtureCase['model']): DeepLinearModel => ({ ...m, batch: m.batch ?? undefined, branchScale: m.s ?? undefined });
const maxRel = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v / b[i]! - 1)));

describe('deep-linear DMFT against the independent numpy implementation (test/fixtures/deep-linear)', () => {
  for (const c of fixtures.dmft) {
    it(`${c.name}: test and train curves agree to 1e-8 relative`, () => {
      const s = solveDmft(modelOf(c.model), { steps: c.steps });
      expect(s.report.status).toBe('converged');
      expect(maxRel(s.testLoss, c.testLoss)).toBeLessThan(1e-8);
      expect(maxRel(s.trainLoss, c.trainLoss)).toBeLessThan(1e-8);
    });
  }

  it('the window length changes nothing but the cost (c = 1, 4, 10 agree to the sweep tolerance)', () => {
    const m = modelOf(fixtures.dmft[0]!.model);
    const [a, b, c] = [1, 4, 10].map((window) => solveDmft(m, { steps: 30, window }).testLoss);
    expect(maxRel(a!, b!)).toBeLessThan(1e-9);
    expect(maxRel(a!, c!)).toBeLessThan(1e-9);
  });
});

describe('invariants (digest C2, C3)', () => {
  const model: DeepLinearModel = { alpha: 2, nu: 1, L: 2, gamma0: 1, eta: 0.1, sigma: 0.3, batch: undefined, branchScale: undefined };

  it('t = 0: test = train = 1 + 1/(γ0²ν) + σ²; online: train = test at every t', () => {
    const s = solveDmft(model, { steps: 12 });
    expect(s.testLoss[0]).toBeCloseTo(2.09, 14);
    expect(s.trainLoss[0]).toBeCloseTo(2.09, 14);
    const online = solveDmft({ ...model, batch: 0.5 }, { steps: 12 });
    for (let t = 0; t < 12; t++) expect(online.trainLoss[t]).toBe(online.testLoss[t]);
  });

  it('C symmetric, R_Δ unit lower triangular and commuting with K, responses causal', () => {
    const T = 15;
    const s = solveDmft(model, { steps: T });
    const { Cv, Cd, Cu, RD, K, G } = s.input;
    for (const c of [Cv, Cd, Cu]) for (let i = 0; i < T; i++) for (let j = 0; j < i; j++) expect(c[i * T + j]).toBe(c[j * T + i]);
    for (let i = 0; i < T; i++) expect(RD[i * T + i]).toBe(1);
    for (const r of [RD, K, G]) expect(upperMagnitude(r, T)).toBe(0);
    const rk = matmul(RD, K, T, new Float64Array(T * T));
    const kr = matmul(K, RD, T, new Float64Array(T * T));
    expect(Math.max(...rk.map((v, i) => Math.abs(v - kr[i]!)))).toBeLessThan(1e-12);
  });

  it('causality: solving to T and to 2T gives the same first T steps', () => {
    const a = solveDmft(model, { steps: 20 });
    const b = solveDmft(model, { steps: 40 });
    expect(maxRel(a.testLoss, b.testLoss.subarray(0, 20))).toBeLessThan(1e-10);
  });

  it('divergence: +∞ from the step where GD diverges, never NaN (narrow rich net near the edge)', () => {
    const s = solveDmft({ alpha: 3, nu: 0.25, L: 3, gamma0: 1, eta: 0.2, sigma: 0.2, batch: undefined, branchScale: undefined }, { steps: 12 });
    expect(s.report.status).toBe('diverged');
    const k = s.report.divergedAt!;
    expect(k).toBeGreaterThan(2);
    for (let t = 0; t < 12; t++) {
      expect(Number.isNaN(s.testLoss[t]!)).toBe(false);
      if (t >= k) expect(s.testLoss[t]).toBe(Infinity);
      else expect(Number.isFinite(s.testLoss[t]!)).toBe(true);
    }
  });
});

describe('residual networks: infinite-depth limit (β0/√L branches)', () => {
  it('depth gaps shrink like 1/L, and the extrapolated initial loss is 1 + e^{β0²}/(γ0²ν) + σ²', () => {
    const model: DeepLinearModel = { alpha: 3, nu: 1, L: 1, gamma0: 1, eta: 0.05, sigma: 0.2, batch: undefined, branchScale: 1 };
    const coarse = infiniteDepthLimit(model, 1, 32, { steps: 8 });
    const fine = infiniteDepthLimit(model, 1, 64, { steps: 8 });
    const ratio = Math.max(...fine.depthGap) / Math.max(...coarse.depthGap);
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(0.6);
    const exact0 = 1 + Math.E + 0.04;
    // Richardson leaves O(1/L²): e·(11/48)/L² ≈ 1.5e−4 absolute at L = 64.
    expect(Math.abs(fine.testLoss[0]! - exact0) / exact0).toBeLessThan(1e-4);
    expect(Math.max(...fine.testLoss.map((v, t) => Math.abs(v - coarse.testLoss[t]!)))).toBeLessThan(Math.max(...coarse.depthGap));
  });
});
