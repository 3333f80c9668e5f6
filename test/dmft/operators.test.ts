import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.ts';
import {
  IncrementalCholesky,
  inverseIMinusStrictLower,
  inverseLower,
  lowerTimesLower,
  matmul,
  sandwich,
  steinDoubling,
  strictLower,
} from '../../src/dmft/operators.ts';
import { maxAbsDiff } from '../helpers.ts';

const T = 9;
function randomLower(rng: Rng, strict: boolean, scale = 0.5): Float64Array {
  const a = new Float64Array(T * T);
  for (let i = 0; i < T; i++) for (let j = 0; j <= i; j++) a[i * T + j] = i === j ? (strict ? 0 : 1 + rng.uniform()) : scale * rng.normal();
  return a;
}

describe('T×T causal operators', () => {
  const rng = new Rng(5);

  it('lower×lower equals the dense product', () => {
    const a = randomLower(rng, false);
    const b = randomLower(rng, false);
    expect(maxAbsDiff(lowerTimesLower(a, b, T, new Float64Array(T * T)), matmul(a, b, T, new Float64Array(T * T)))).toBeLessThan(1e-13);
  });

  it('(I − A)⁻¹ and L⁻¹ by forward substitution are inverses', () => {
    const a = randomLower(rng, true);
    const inv = inverseIMinusStrictLower(a, T, new Float64Array(T * T));
    const iMinusA = new Float64Array(T * T);
    for (let i = 0; i < T * T; i++) iMinusA[i] = (i % (T + 1) === 0 ? 1 : 0) - a[i]!;
    const prod = matmul(iMinusA, inv, T, new Float64Array(T * T));
    for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) expect(prod[i * T + j]).toBeCloseTo(i === j ? 1 : 0, 12);
    const l = randomLower(rng, false);
    const li = inverseLower(l, T, new Float64Array(T * T));
    const p2 = matmul(l, li, T, new Float64Array(T * T));
    for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) expect(p2[i * T + j]).toBeCloseTo(i === j ? 1 : 0, 12);
  });

  it('Stein doubling equals the fixed-point iteration C = F + P C Pᵀ (T rounds)', () => {
    const p = strictLower(randomLower(rng, true), T, new Float64Array(T * T));
    const f = new Float64Array(T * T);
    for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) f[i * T + j] = Math.exp(-Math.abs(i - j));
    let c = Float64Array.from(f);
    const tmp = new Float64Array(T * T);
    const work = new Float64Array(T * T);
    for (let k = 0; k < T; k++) {
      sandwich(p, c, T, tmp, work);
      c = f.map((x, i) => x + tmp[i]!);
    }
    expect(maxAbsDiff(steinDoubling(f, p, T, new Float64Array(T * T)), c)).toBeLessThan(1e-12);
  });

  it('incremental Cholesky reproduces the covariance, and its jitter keeps a rank-one process finite', () => {
    const k = new Float64Array(T * T);
    for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) k[i * T + j] = Math.exp(-0.5 * (i - j) ** 2) + (i === j ? 0.1 : 0);
    const chol = new IncrementalCholesky(T, 0);
    for (let i = 0; i < T; i++) chol.addRow(k.subarray(i * T, i * T + T));
    const llt = new Float64Array(T * T);
    for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) for (let m = 0; m < T; m++) llt[i * T + j]! += chol.L[i * T + m]! * chol.L[j * T + m]!;
    expect(maxAbsDiff(llt, k)).toBeLessThan(1e-12);
    const rankOne = new Float64Array(T * T).fill(0.3);
    const jittered = new IncrementalCholesky(T, 1e-9);
    for (let i = 0; i < T; i++) jittered.addRow(rankOne.subarray(i * T, i * T + T));
    expect(jittered.L.every(Number.isFinite)).toBe(true);
    const z = new Float64Array(T).fill(1);
    expect(jittered.sample(T - 1, z)).toBeCloseTo(Math.sqrt(0.3), 3);
  });
});
