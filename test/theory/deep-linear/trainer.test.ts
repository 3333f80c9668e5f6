import { describe, expect, it } from 'vitest';
import { RankOneNet, trainRankOne } from '../../../src/sim/deep-linear-rank-one.ts';
import { c9Recursion } from '../../../theory/deep-linear/power-law.ts';
import { Rng } from '../../../src/core/rng.ts';

/** ηγ0²N × central finite differences of L̂ against the rank-one step, entry by entry (digest C1). */
function gradientCheck(branchScale: number | undefined): number {
  const config = { D: 7, N: 5, L: 3, gamma0: 1.3, eta: 0.01, sigma: 0.2, samples: 9, branchScale, steps: 2, seed: 4 };
  const net = new RankOneNet(config);
  const arrays = [net.W0, ...net.square, net.w];
  const before = arrays.map((a) => Float64Array.from(a));
  const h = 1e-6;
  const fd = arrays.map((a) =>
    Array.from(a, (_, i) => {
      const v = a[i]!;
      a[i] = v + h;
      const up = net.objective();
      a[i] = v - h;
      const down = net.objective();
      a[i] = v;
      return (up - down) / (2 * h);
    }),
  );
  net.step();
  const scale = config.eta * config.gamma0 ** 2 * config.N;
  let worst = 0;
  let norm = 0;
  arrays.forEach((a, k) => a.forEach((v, i) => {
    const predicted = before[k]![i]! - scale * fd[k]![i]!;
    worst = Math.max(worst, Math.abs(v - predicted));
    norm = Math.max(norm, Math.abs(v - before[k]![i]!));
  }));
  return worst / norm;
}

describe('finite-width rank-one trainer', () => {
  it('the rank-one GD step equals ηγ0²N × finite-difference gradients (plain net, D=7, N=5, P=9, L=3)', () => {
    expect(gradientCheck(undefined)).toBeLessThan(1e-7);
  });

  it('…and for the residual net (branch factor in the update)', () => {
    expect(gradientCheck(0.6)).toBeLessThan(1e-7);
  });

  it('seeded: the same seed gives bit-identical losses; one-pass SGD draws fresh data', () => {
    const cfg = { D: 16, N: 16, L: 2, gamma0: 1, eta: 0.05, sigma: 0.2, samples: 32, steps: 5, seed: 9 };
    expect(trainRankOne(cfg).testLoss).toEqual(trainRankOne(cfg).testLoss);
    const online = trainRankOne({ ...cfg, samples: undefined, batch: 32 });
    expect(online.testLoss[3]).not.toEqual(trainRankOne(cfg).testLoss[3]);
  });

  it('divergence: losses are +∞ from the first step above 1e30, never NaN', () => {
    const run = trainRankOne({ D: 16, N: 16, L: 2, gamma0: 1, eta: 5, sigma: 0.2, samples: 48, steps: 40, seed: 1 });
    expect(run.divergedAt).toBeGreaterThan(0);
    for (let t = 0; t < 40; t++) expect(Number.isNaN(run.testLoss[t]!)).toBe(false);
    expect(run.testLoss[39]).toBe(Infinity);
  });

  it('the C9 power-law recursion reproduces a finite two-layer net trained on the population loss, to rounding', () => {
    const D = 6;
    const N = 40;
    const gamma0 = 1.5;
    const eta = 0.1;
    const rng = new Rng(3);
    const lambda = Float64Array.from({ length: D }, (_, k) => (k + 1) ** -1.5);
    const teacher = Float64Array.from({ length: D }, () => rng.normal());
    const W0 = rng.fillNormal(new Float64Array(N * D), 1);
    const w = rng.fillNormal(new Float64Array(N), 1);
    // β = W⁰ᵀw·√D/(γ0N); Q = W⁰ᵀW⁰/N; a = |w|²/N.
    const betaOf = () => Float64Array.from({ length: D }, (_, j) => (Array.from({ length: N }, (_, i) => W0[i * D + j]! * w[i]!).reduce((s, x) => s + x, 0) * Math.sqrt(D)) / (gamma0 * N));
    const Q = Float64Array.from({ length: D * D }, (_, k) => Array.from({ length: N }, (_, i) => W0[i * D + Math.floor(k / D)]! * W0[i * D + (k % D)]!).reduce((s, x) => s + x, 0) / N);
    const state = { Q, a: w.reduce((s, x) => s + x * x, 0) / N, beta: betaOf() };
    const steps = 8;
    const recursion = c9Recursion(state, lambda, teacher, eta, gamma0, steps);
    for (let t = 0; t < steps; t++) {
      const beta = betaOf();
      const u = beta.map((b, j) => lambda[j]! * (b - teacher[j]!));
      const loss = beta.reduce((s, b, j) => s + (b - teacher[j]!) * u[j]!, 0) / D;
      expect(Math.abs(loss - recursion[t]!)).toBeLessThan(1e-12 * Math.max(1, loss));
      // Population GD step: ũ = Λ(β − β*), h = W⁰ũ/√D, w −= ηγ0 h, W⁰ −= ηγ0 w ũᵀ/√D (old w).
      const hvec = Array.from({ length: N }, (_, i) => u.reduce((s, uj, j) => s + W0[i * D + j]! * uj, 0) / Math.sqrt(D));
      const wOld = Float64Array.from(w);
      for (let i = 0; i < N; i++) w[i]! -= eta * gamma0 * hvec[i]!;
      for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) W0[i * D + j]! -= (eta * gamma0 * wOld[i]! * u[j]!) / Math.sqrt(D);
    }
  });
});
