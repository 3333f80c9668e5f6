import { describe, it, expect } from 'vitest';
import { Rng } from '../../src/core/rng.ts';
import { singularValues, svd, symmetricEigen, tridiagonalEigenvalues } from '../../src/numeric/eigen.ts';
import { eigenvaluesGeneral } from '../../src/numeric/eigenGeneral.ts';
import { haarOrthogonal, luDecompose, luDeterminant, matMul, transpose } from '../../src/numeric/linalg.ts';

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function identity(n: number): Float64Array {
  const I = new Float64Array(n * n);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  return I;
}

function diag(values: readonly number[]): Float64Array {
  const n = values.length;
  const d = new Float64Array(n * n);
  values.forEach((v, i) => (d[i * n + i] = v));
  return d;
}

/** Q·diag(λ)·Qᵀ with Q Haar: a symmetric matrix with a prescribed spectrum. */
function withSpectrum(values: readonly number[], seed: number): Float64Array {
  const n = values.length;
  const q = haarOrthogonal(n, new Rng(seed));
  return matMul(matMul(q, diag(values), n, n, n), transpose(q, n, n), n, n, n);
}

/** U·diag(σ)·Vᵀ (m×n) with Haar U, V. */
function withSingularValues(m: number, n: number, sigma: readonly number[], seed: number): Float64Array {
  const rng = new Rng(seed);
  const u = haarOrthogonal(m, rng);
  const v = haarOrthogonal(n, rng);
  const s = new Float64Array(m * n);
  sigma.forEach((x, i) => (s[i * n + i] = x));
  return matMul(matMul(u, s, m, m, n), transpose(v, n, n), m, n, n);
}

/** The second-difference matrix tridiag(−1, 2, −1): λ_k = 2 − 2cos(kπ/(n+1)). */
function laplacianSpectrum(n: number): number[] {
  return Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)));
}

describe('symmetricEigen', () => {
  it('gives the spectrum 2 − 2cos(kπ/(n+1)) of the second-difference matrix, ascending', () => {
    const n = 50;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
    }
    const { values } = symmetricEigen(a, n);
    expect(maxAbsDiff(values, laplacianSpectrum(n))).toBeLessThan(1e-14);
  });

  it('A = V·Λ·Vᵀ with orthonormal V, including a repeated eigenvalue', () => {
    const spectrum = [-3, -1e-6, 0.5, 0.5, 0.5, 2, 7, 1e3];
    const n = spectrum.length;
    const a = withSpectrum(spectrum, 3);
    const { values, vectors } = symmetricEigen(a, n);
    expect(maxAbsDiff(values, spectrum)).toBeLessThan(1e-12);
    expect(maxAbsDiff(matMul(transpose(vectors, n, n), vectors, n, n, n), identity(n))).toBeLessThan(1e-14);
    const back = matMul(matMul(vectors, diag(Array.from(values)), n, n, n), transpose(vectors, n, n), n, n, n);
    expect(maxAbsDiff(back, a)).toBeLessThan(1e-12);
  });

  it('reads only the lower triangle', () => {
    const a = withSpectrum([1, 2, 3, 4], 5);
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) a[i * 4 + j] = 99;
    expect(maxAbsDiff(symmetricEigen(a, 4).values, [1, 2, 3, 4])).toBeLessThan(1e-14);
  });

  it('handles diagonal and 1×1 matrices', () => {
    expect(Array.from(symmetricEigen(diag([3, -1, 2]), 3).values)).toEqual([-1, 2, 3]);
    expect(Array.from(symmetricEigen(Float64Array.of(4), 1).values)).toEqual([4]);
  });
});

describe('tridiagonalEigenvalues', () => {
  it('agrees with the closed-form Laplacian spectrum for n = 200', () => {
    const n = 200;
    const d = new Float64Array(n).fill(2);
    const e = new Float64Array(n - 1).fill(-1);
    expect(maxAbsDiff(tridiagonalEigenvalues(d, e), laplacianSpectrum(n))).toBeLessThan(1e-13);
  });
});

describe('svd (one-sided Jacobi)', () => {
  it('recovers singular values spanning 10 decades, where the Gram-matrix route fails', () => {
    const sigma = [10, 1, 1e-3, 1e-9];
    const a = withSingularValues(6, 4, sigma, 4);
    const s = singularValues(a, 6, 4);
    for (let i = 0; i < 4; i++) expect(Math.abs(s[i]! - sigma[i]!)).toBeLessThan(1e-14 * 10);
    // √eig(AᵀA) loses σ_min: its absolute error is ε·σ_max²/σ_min-sized.
    const gram = symmetricEigen(matMul(transpose(a, 6, 4), a, 4, 6, 4), 4).values;
    const viaGram = Math.sqrt(Math.max(gram[0]!, 0));
    expect(Math.abs(viaGram - 1e-9)).toBeGreaterThan(1e-12);
  });

  it('A = U·diag(σ)·Vᵀ with orthonormal U, V for tall and wide matrices', () => {
    for (const [m, n] of [
      [7, 5],
      [4, 9],
    ] as const) {
      const a = new Rng(m * n).fillNormal(new Float64Array(m * n));
      const { s, u, v } = svd(a, m, n);
      const p = Math.min(m, n);
      for (let i = 1; i < p; i++) expect(s[i]!).toBeLessThanOrEqual(s[i - 1]!);
      expect(maxAbsDiff(matMul(transpose(u, m, p), u, p, m, p), identity(p))).toBeLessThan(1e-14);
      expect(maxAbsDiff(matMul(transpose(v, n, p), v, p, n, p), identity(p))).toBeLessThan(1e-14);
      const back = matMul(matMul(u, diag(Array.from(s)), m, p, p), transpose(v, n, p), m, p, n);
      expect(maxAbsDiff(back, a)).toBeLessThan(1e-13);
    }
  });

  it('finds the zero singular values of a rank-2 matrix', () => {
    const rng = new Rng(8);
    const x = rng.fillNormal(new Float64Array(6 * 2));
    const y = rng.fillNormal(new Float64Array(2 * 5));
    const a = matMul(x, y, 6, 2, 5); // rank 2
    const s = singularValues(a, 6, 5);
    expect(s[1]! / s[0]!).toBeGreaterThan(1e-3);
    for (let i = 2; i < 5; i++) expect(s[i]!).toBeLessThan(1e-14 * s[0]!);
    expect(Array.from(singularValues(new Float64Array(6), 2, 3))).toEqual([0, 0]);
  });

  it('gives |det| = Π σ and the singular values of a diagonal matrix with signs', () => {
    expect(Array.from(singularValues(diag([-2, 0.5, 3]), 3, 3))).toEqual([3, 2, 0.5]);
    const a = new Rng(9).fillNormal(new Float64Array(36));
    const prod = singularValues(a, 6, 6).reduce((p, x) => p * x, 1);
    expect(Math.abs(prod / Math.abs(luDeterminant(luDecompose(a, 6))) - 1)).toBeLessThan(1e-13);
  });
});

describe('eigenvaluesGeneral (Hessenberg + Francis QR)', () => {
  const sortedPairs = (re: Float64Array, im: Float64Array): Array<[number, number]> =>
    Array.from(re, (x, i): [number, number] => [x, im[i]!]).sort((p, q) => p[0] - q[0] || p[1] - q[1]);

  it('reads the eigenvalues of a triangular matrix off its diagonal', () => {
    const a = Float64Array.of(3, 1, 4, 1, 0, -2, 5, 9, 0, 0, 7, 2, 0, 0, 0, 0.5);
    const { re, im } = eigenvaluesGeneral(a, 4);
    expect(maxAbsDiff(sortedPairs(re, im).map((p) => p[0]), [-2, 0.5, 3, 7])).toBeLessThan(1e-14);
    expect(maxAbsDiff(im, [0, 0, 0, 0])).toBe(0);
  });

  it('finds the roots 1…8 of Π(x − k) from its companion matrix', () => {
    // coefficients of Π_{k=1}^{8} (x − k), highest first
    let poly = [1];
    for (let k = 1; k <= 8; k++) poly = [...poly, 0].map((c, i) => c - k * (poly[i - 1] ?? 0));
    const n = 8;
    const companion = new Float64Array(n * n);
    for (let j = 0; j < n; j++) companion[j] = -poly[j + 1]!;
    for (let i = 1; i < n; i++) companion[i * n + i - 1] = 1;
    const { re, im } = eigenvaluesGeneral(companion, n);
    expect(maxAbsDiff(sortedPairs(re, im).map((p) => p[0]), [1, 2, 3, 4, 5, 6, 7, 8])).toBeLessThan(1e-9);
    expect(maxAbsDiff(im, new Float64Array(n))).toBeLessThan(1e-9);
  });

  it('finds the complex roots e^{iπ(2k+1)/4} of x⁴ + 1', () => {
    const companion = Float64Array.of(0, 0, 0, -1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0);
    const { re, im } = eigenvaluesGeneral(companion, 4);
    const h = Math.SQRT1_2;
    expect(maxAbsDiff(sortedPairs(re, im).flat(), [-h, -h, -h, h, h, -h, h, h])).toBeLessThan(1e-14);
  });

  it('puts every eigenvalue of a Haar orthogonal matrix on the unit circle', () => {
    const n = 40;
    const { re, im } = eigenvaluesGeneral(haarOrthogonal(n, new Rng(21)), n);
    for (let i = 0; i < n; i++) expect(Math.abs(Math.hypot(re[i]!, im[i]!) - 1)).toBeLessThan(1e-13);
  });

  it('Σλ = tr A and Πλ = det A for a random matrix', () => {
    const n = 30;
    const a = new Rng(22).fillNormal(new Float64Array(n * n));
    const { re, im } = eigenvaluesGeneral(a, n);
    let trace = 0;
    let sumRe = 0;
    let sumIm = 0;
    let logAbsDet = 0;
    for (let i = 0; i < n; i++) {
      trace += a[i * n + i]!;
      sumRe += re[i]!;
      sumIm += im[i]!;
      logAbsDet += Math.log(Math.hypot(re[i]!, im[i]!));
    }
    expect(Math.abs(sumRe - trace)).toBeLessThan(1e-12);
    expect(Math.abs(sumIm)).toBeLessThan(1e-12);
    expect(Math.abs(logAbsDet - Math.log(Math.abs(luDeterminant(luDecompose(a, n)))))).toBeLessThan(1e-11);
  });

  it('eigenvalue moduli of a product of k Ginibre matrices follow P(|λ| < r) = r^{2/k}', () => {
    const n = 120;
    const ks = (k: number, law: (r: number) => number): number => {
      const rng = new Rng(30 + k);
      let prod = rng.fillNormal(new Float64Array(n * n), 1 / Math.sqrt(n));
      for (let j = 1; j < k; j++) prod = matMul(prod, rng.fillNormal(new Float64Array(n * n), 1 / Math.sqrt(n)), n, n, n);
      const { re, im } = eigenvaluesGeneral(prod, n);
      const r = Array.from(re, (x, i) => Math.hypot(x, im[i]!)).sort((p, q) => p - q);
      let d = 0;
      r.forEach((x, i) => {
        const cdf = law(Math.min(1, x));
        d = Math.max(d, Math.abs(cdf - (i + 1) / n), Math.abs(cdf - i / n));
      });
      return d;
    };
    expect(ks(1, (r) => r * r)).toBeLessThan(0.08);
    expect(ks(3, (r) => r ** (2 / 3))).toBeLessThan(0.08);
    expect(ks(3, (r) => r * r)).toBeGreaterThan(0.2); // the single-matrix law does not fit k = 3
  });
});
