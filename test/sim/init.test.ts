import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.ts';
import { kernels } from '../../src/compute/registry.ts';
import { endToEnd } from '../../src/sim/deep-linear-net.ts';
import { alignedInit, gaussianInit, orthogonalInit, scaledGaussianInit } from '../../src/sim/init.ts';
import { teacherTask } from '../../src/sim/tasks.ts';

/** max |M − I| for an n×n matrix. */
function offIdentity(m: Float64Array, n: number): number {
  let worst = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(m[i * n + j]! - (i === j ? 1 : 0)));
  return worst;
}

function bits(weights: Float64Array[]): string {
  return weights.map((w) => Buffer.from(w.buffer).toString('base64')).join('|');
}

describe('initialisations (digest §3.11)', () => {
  it('orthogonal layers: WᵀW = I for tall and square layers, WWᵀ = I for wide ones', () => {
    const widths = [6, 8, 8, 5];
    const init = orthogonalInit(widths, { seed: 1 });
    expect(init.kind).toBe('orthogonal');
    expect(init.params).toEqual({ gain: 1 });
    const k = kernels();
    init.net.weights.forEach((w, i) => {
      const [rows, cols] = [widths[i + 1]!, widths[i]!];
      const small = Math.min(rows, cols);
      const g = new Float64Array(small * small);
      k.gram(rows, cols, w, g, { side: rows >= cols ? 'AtA' : 'AAt' });
      expect(offIdentity(g, small)).toBeLessThan(1e-13);
    });
  });

  it('square orthogonal layers give an orthogonal W_tot, scaled by gain^D', () => {
    const init = orthogonalInit([7, 7, 7, 7], { seed: 2, gain: 1.1 });
    const w = endToEnd(init.net);
    const g = new Float64Array(49);
    kernels().gram(7, 7, w, g, { side: 'AtA', alpha: 1 / 1.1 ** 6 });
    expect(offIdentity(g, 7)).toBeLessThan(1e-13);
  });

  it('decoupled start: W_tot = U diag(u0) Vᵀ, balanced per-layer gains u0^{1/D}, sign on W^1', () => {
    const task = teacherTask({ n1: 7, n3: 4, singularValues: [3, 2, 1], seed: 3 });
    const widths = [7, 5, 6, 3, 4];
    const u0 = [0.2, -0.05, 1e-3];
    const init = alignedInit(widths, task.svd, { modeStrength: u0, seed: 4 });
    expect(init.kind).toBe('aligned');
    expect(init.params.modeStrength).toEqual(u0);
    const gains = init.params.gains as number[][];
    expect(gains[0]![1]).toBeCloseTo(-(0.05 ** 0.25), 15);
    expect(gains[3]![0]).toBeCloseTo(0.2 ** 0.25, 15);
    const w = endToEnd(init.net);
    const { u, v, rank } = task.svd;
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 7; j++) {
        let expected = 0;
        for (let a = 0; a < rank; a++) expected += u[i * rank + a]! * u0[a]! * v[j * rank + a]!;
        expect(Math.abs(w[i * 7 + j]! - expected)).toBeLessThan(1e-15);
      }
    }
  });

  it('decoupled start with general per-layer gains has composite strengths ∏_l a_{l,α}', () => {
    const task = teacherTask({ n1: 5, n3: 5, singularValues: [2, 1], seed: 5 });
    const gains = [
      [2, 0.5],
      [0.25, 3],
      [1.5, -1],
    ];
    const init = alignedInit([5, 4, 4, 5], task.svd, { gains, seed: 6 });
    const w = endToEnd(init.net);
    const { u, v, rank } = task.svd;
    const strength = (a: number) => {
      let sum = 0;
      for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) sum += u[i * rank + a]! * w[i * 5 + j]! * v[j * rank + a]!;
      return sum;
    };
    expect(strength(0)).toBeCloseTo(0.75, 14);
    expect(strength(1)).toBeCloseTo(-1.5, 14);
    expect(() => alignedInit([5, 4, 4, 5], task.svd, { seed: 6 })).toThrow(/exactly one of modeStrength and gains/);
  });

  it('small Gaussian: entries have the requested standard deviation', () => {
    const init = gaussianInit([40, 50, 30], { std: 0.01, seed: 7 });
    const all = Float64Array.from(init.net.weights.flatMap((w) => Array.from(w)));
    const sd = Math.sqrt(kernels().reduce('sumsq', all) / all.length);
    expect(Math.abs(sd / 0.01 - 1)).toBeLessThan(0.03);
    expect(init.params).toEqual({ std: 0.01 });
  });

  it('scaled Gaussian (std 1/√fan-in): E‖W_tot v‖² = (N_out/N_in)‖v‖²', () => {
    const widths = [12, 20, 16, 9];
    const v = new Rng(8).fillNormal(new Float64Array(12));
    const vNorm2 = kernels().reduce('sumsq', v);
    const out = new Float64Array(9);
    let mean = 0;
    const samples = 400;
    for (let seed = 0; seed < samples; seed++) {
      kernels().matvec(9, 12, endToEnd(scaledGaussianInit(widths, { seed }).net), v, out);
      mean += kernels().reduce('sumsq', out) / vNorm2 / samples;
    }
    expect(Math.abs(mean / (9 / 12) - 1)).toBeLessThan(0.08);
  });

  it('the same seed gives bit-identical weights, another seed different ones', () => {
    const task = teacherTask({ n1: 5, n3: 4, singularValues: [1, 0.5], seed: 9 });
    const makers = [
      (seed: number) => gaussianInit([5, 6, 4], { std: 0.1, seed }),
      (seed: number) => scaledGaussianInit([5, 6, 4], { seed }),
      (seed: number) => orthogonalInit([5, 6, 4], { seed }),
      (seed: number) => alignedInit([5, 6, 4], task.svd, { modeStrength: 0.1, seed }),
    ];
    for (const make of makers) {
      expect(bits(make(11).net.weights)).toBe(bits(make(11).net.weights));
      expect(bits(make(11).net.weights)).not.toBe(bits(make(12).net.weights));
      expect(make(11).seed).toBe(11);
    }
  });
});
