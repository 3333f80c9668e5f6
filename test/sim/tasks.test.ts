import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../../src/numeric/eigen.ts';
import { statisticsFromData } from '../../src/sim/deep-linear-net.ts';
import { hierarchicalTask, taskFromStatistics, teacherTask, whitenedDataset } from '../../src/sim/tasks.ts';

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('teacher tasks (eq. 3: Σ³¹ = U S Vᵀ)', () => {
  const task = teacherTask({ n1: 9, n3: 4, singularValues: [0.5, 3, 1], seed: 1 });

  it('has the chosen singular values (sorted), orthonormal singular vectors and Σ¹¹ = I, rectangular N3 < N1', () => {
    expect(Array.from(task.svd.s)).toEqual([3, 1, 0.5]);
    const recomputed = taskFromStatistics(task.statistics).svd;
    expect(recomputed.rank).toBe(3);
    expect(maxAbsDiff(recomputed.s, task.svd.s)).toBeLessThan(1e-14);
    for (const [m, n] of [[task.svd.u, 4], [task.svd.v, 9]] as const) {
      for (let a = 0; a < 3; a++) {
        for (let b = 0; b < 3; b++) {
          let dot = 0;
          for (let i = 0; i < n; i++) dot += m[i * 3 + a]! * m[i * 3 + b]!;
          expect(Math.abs(dot - (a === b ? 1 : 0))).toBeLessThan(1e-14);
        }
      }
    }
    expect(task.statistics.traceSigma33).toBeCloseTo(9 + 1 + 0.25, 14);
  });

  it('whitened raw data reproduces the task statistics', () => {
    const data = whitenedDataset(task, { p: 15, seed: 2 });
    const stats = statisticsFromData(data);
    expect(maxAbsDiff(stats.sigma11, task.statistics.sigma11)).toBeLessThan(1e-14);
    expect(maxAbsDiff(stats.sigma31, task.statistics.sigma31)).toBeLessThan(1e-14);
    expect(Math.abs(stats.traceSigma33 - task.statistics.traceSigma33)).toBeLessThan(1e-13);
  });
});

describe('hierarchical data of Fig. 3 (5 levels, 32 items, flip probability 0.1)', () => {
  const sizes = [1, 1, 2, 4, 8, 16];

  it('has one-hot inputs and ±1 features', () => {
    const task = hierarchicalTask({ levels: 5, features: 50, seed: 1 });
    expect(task.data!.p).toBe(32);
    expect(task.statistics.traceSigma33).toBe(50 * 32);
    expect(task.data!.y.every((y) => y === 1 || y === -1)).toBe(true);
    expect(task.statistics.sigma11).toEqual(task.data!.x);
  });

  it.each([1, 2, 3])('singular values form hierarchy groups of sizes 1, 1, 2, 4, 8, 16 (seed %i)', (seed) => {
    const task = hierarchicalTask({ levels: 5, features: 1000, seed });
    const s = Array.from(task.svd.s);
    expect(s).toHaveLength(32);
    // The five largest ratios s_i/s_{i+1} sit exactly at the group boundaries.
    const ratios = s.slice(0, -1).map((x, i) => ({ at: i + 1, ratio: x / s[i + 1]! }));
    const boundaries = ratios.sort((a, b) => b.ratio - a.ratio).slice(0, 5).map((r) => r.at).sort((a, b) => a - b);
    expect(boundaries).toEqual([1, 2, 4, 8, 16]);
  });

  it('group means of s²/F match the spectrum of the tree covariance (1 − 2p)^{path length}', () => {
    const features = 1000;
    const task = hierarchicalTask({ levels: 5, features, seed: 4 });
    const cov = new Float64Array(32 * 32);
    for (let i = 0; i < 32; i++) {
      for (let j = 0; j < 32; j++) {
        let [a, b, edges] = [i, j, 0];
        while (a !== b) [a, b, edges] = [a >> 1, b >> 1, edges + 2];
        cov[i * 32 + j] = 0.8 ** edges;
      }
    }
    const expected = Array.from(symmetricEigen(cov, 32).values).reverse();
    const s2 = Array.from(task.svd.s).map((x) => (x * x) / features);
    let start = 0;
    for (const size of sizes) {
      const mean = (xs: number[]) => xs.slice(start, start + size).reduce((acc, x) => acc + x, 0) / size;
      expect(Math.abs(mean(s2) / mean(expected) - 1)).toBeLessThan(0.1);
      start += size;
    }
  });
});
