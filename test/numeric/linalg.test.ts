import { describe, it, expect } from 'vitest';
import { catchError } from '../helpers.ts';
import { Rng } from '../../src/core/rng.ts';
import {
  cholesky,
  choleskySolve,
  haarOrthogonal,
  luDecompose,
  luDeterminant,
  luSolve,
  matMul,
  qrDecompose,
  solveLower,
  solveUpper,
  transpose,
} from '../../src/numeric/linalg.ts';

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function gaussian(m: number, n: number, seed: number): Float64Array {
  return new Rng(seed).fillNormal(new Float64Array(m * n));
}

function identity(n: number): Float64Array {
  const I = new Float64Array(n * n);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  return I;
}

/** A Gram matrix G Gᵀ + n·I: symmetric positive definite and well conditioned. */
function spd(n: number, seed: number): Float64Array {
  const g = gaussian(n, n, seed);
  const a = matMul(g, transpose(g, n, n), n, n, n);
  for (let i = 0; i < n; i++) a[i * n + i]! += n;
  return a;
}

describe('matMul and transpose', () => {
  it('multiply a 2×3 by a 3×2 matrix', () => {
    const a = Float64Array.of(1, 2, 3, 4, 5, 6);
    const b = Float64Array.of(7, 8, 9, 10, 11, 12);
    expect(Array.from(matMul(a, b, 2, 3, 2))).toEqual([58, 64, 139, 154]);
    expect(Array.from(transpose(a, 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
  });
});

describe('Cholesky', () => {
  it('L·Lᵀ reconstructs an SPD matrix and L is lower triangular', () => {
    const n = 40;
    const a = spd(n, 1);
    const l = cholesky(a, n);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(l[i * n + j]).toBe(0);
    expect(maxAbsDiff(matMul(l, transpose(l, n, n), n, n, n), a)).toBeLessThan(1e-12 * n);
  });

  it('solves A·x = b for several right-hand sides', () => {
    const n = 30;
    const a = spd(n, 2);
    const x = gaussian(n, 3, 3);
    const b = matMul(a, x, n, n, 3);
    expect(maxAbsDiff(choleskySolve(cholesky(a, n), n, b, 3), x)).toBeLessThan(1e-12);
  });

  it('names the failing pivot of an indefinite matrix, and jitter repairs a singular PSD one', () => {
    const indefinite = Float64Array.of(4, 2, 0, 2, 1, 0, 0, 0, 3); // second pivot is 1 − 1 = 0
    const e = catchError(() => cholesky(indefinite, 3));
    expect(e.code).toBe('BAD_PARAM');
    expect(e.details.pivot).toBe(1);
    // with jitter ε the second pivot is 1 + ε − 4/(4 + ε) ≈ 1.25ε
    const l = cholesky(indefinite, 3, { jitter: 1e-10 });
    expect(Math.abs(l[1 * 3 + 1]! / Math.sqrt(1.25e-10) - 1)).toBeLessThan(1e-5);
  });
});

describe('triangular solves', () => {
  it('forward and back substitution invert lower and upper matrices', () => {
    const n = 25;
    const l = gaussian(n, n, 4);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) l[i * n + j] = 0;
      l[i * n + i] = 3 + Math.abs(l[i * n + i]!);
    }
    const x = gaussian(n, 1, 5);
    expect(maxAbsDiff(solveLower(l, n, matMul(l, x, n, n, 1)), x)).toBeLessThan(1e-13);
    const u = transpose(l, n, n);
    expect(maxAbsDiff(solveUpper(u, n, matMul(u, x, n, n, 1)), x)).toBeLessThan(1e-13);
    expect(catchError(() => solveUpper(new Float64Array(4), 2, Float64Array.of(1, 1))).details.pivot).toBe(1);
  });
});

describe('LU with partial pivoting', () => {
  it('P·A = L·U reconstructs a random matrix and solves A·x = b', () => {
    const n = 50;
    const a = gaussian(n, n, 6);
    const f = luDecompose(a, n);
    const L = identity(n);
    const U = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (j < i) L[i * n + j] = f.lu[i * n + j]!;
        else U[i * n + j] = f.lu[i * n + j]!;
      }
    }
    const pa = new Float64Array(n * n);
    for (let i = 0; i < n; i++) pa.set(a.subarray(f.pivots[i]! * n, f.pivots[i]! * n + n), i * n);
    expect(maxAbsDiff(matMul(L, U, n, n, n), pa)).toBeLessThan(1e-13);
    const x = gaussian(n, 2, 7);
    expect(maxAbsDiff(luSolve(f, matMul(a, x, n, n, 2), 2), x)).toBeLessThan(1e-11);
  });

  it('needs pivoting for [[0, 1], [1, 0]] and gives its determinant −1', () => {
    const f = luDecompose(Float64Array.of(0, 1, 1, 0), 2);
    expect(luDeterminant(f)).toBe(-1);
    expect(Array.from(luSolve(f, Float64Array.of(2, 3)))).toEqual([3, 2]);
    expect(luDeterminant(luDecompose(Float64Array.of(2, 1, 1, 3, 2, 1, 2, 1, 3), 3))).toBeCloseTo(2, 13);
  });

  it('reports an exactly singular matrix as BAD_PARAM with the column', () => {
    const e = catchError(() => luDecompose(Float64Array.of(1, 2, 2, 4), 2));
    expect(e.code).toBe('BAD_PARAM');
    expect(e.details.pivot).toBe(1);
  });
});

describe('Householder QR', () => {
  it.each([
    [30, 30],
    [40, 12],
    [8, 20],
  ])('A = Q·R for a %i×%i matrix, QᵀQ = I, R upper triangular', (m, n) => {
    const a = gaussian(m, n, m * 100 + n);
    const { q, r, p } = qrDecompose(a, m, n);
    expect(p).toBe(Math.min(m, n));
    expect(maxAbsDiff(matMul(q, r, m, p, n), a)).toBeLessThan(1e-13 * m);
    expect(maxAbsDiff(matMul(transpose(q, m, p), q, p, m, p), identity(p))).toBeLessThan(1e-14 * m);
    for (let i = 0; i < p; i++) for (let j = 0; j < Math.min(i, n); j++) expect(r[i * n + j]).toBe(0);
  });

  it('handles a rank-deficient matrix with a zero column', () => {
    const a = Float64Array.of(1, 0, 2, 1, 0, 3, 1, 0, 4);
    const { q, r } = qrDecompose(a, 3, 3);
    expect(maxAbsDiff(matMul(q, r, 3, 3, 3), a)).toBeLessThan(1e-14);
    expect(r[1 * 3 + 1]).toBe(0);
  });
});

describe('Haar orthogonal matrices', () => {
  it('QᵀQ = I, and the same seed gives the same matrix', () => {
    const n = 60;
    const q = haarOrthogonal(n, new Rng(11));
    expect(maxAbsDiff(matMul(transpose(q, n, n), q, n, n, n), identity(n))).toBeLessThan(1e-13);
    expect(maxAbsDiff(haarOrthogonal(n, new Rng(11)), q)).toBe(0);
  });

  it('is Haar: E Q_11 = 0 and E Q_11² = 1/n over many draws (the sign fix matters)', () => {
    const n = 4;
    const rng = new Rng(12);
    const draws = 4000;
    let mean = 0;
    let second = 0;
    for (let k = 0; k < draws; k++) {
      const q = haarOrthogonal(n, rng);
      mean += q[0]!;
      second += q[0]! ** 2;
    }
    // Householder QR alone gives Q_11 = −|G_11|/‖G_{:,1}‖ ≤ 0 (mean ≈ −0.4 for n = 4); the sign(R_jj)
    // fix restores the Haar law, under which Q_11 is symmetric with variance 1/n.
    expect(Math.abs(mean / draws)).toBeLessThan(4 * Math.sqrt(1 / n / draws));
    expect(Math.abs(second / draws - 1 / n)).toBeLessThan(0.02);
  });
});
