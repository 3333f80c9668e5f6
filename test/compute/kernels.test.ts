/**
 * Every kernel of every available backend against ml-matrix, on random rectangular sizes with
 * transposes and α/β. Written once: a backend added to the registry is covered here, with a
 * tolerance from its precision.
 */
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { PlateauError } from '../../src/core/errors.ts';
import { Rng } from '../../src/core/rng.ts';
import type { Backend } from '../../src/compute/backend.ts';
import { completeKernels, isAvailable, registeredBackends } from '../../src/compute/registry.ts';

const available: Backend[] = [];
for (const backend of registeredBackends()) if (await isAvailable(backend)) available.push(backend);

/** Relative tolerance from the arithmetic precision (scaled by the largest reference entry). */
function tolerance(backend: Backend): number {
  return backend.precision === 'float64' ? 1e-12 : 1e-4;
}

function random(rng: Rng, rows: number, cols: number): Float64Array {
  return rng.fillNormal(new Float64Array(rows * cols));
}

function toMatrix(rows: number, cols: number, data: Float64Array): Matrix {
  return Matrix.from1DArray(rows, cols, Array.from(data.subarray(0, rows * cols)));
}

/** max|got − ref| / max(1, max|ref|). */
function relativeGap(got: Float64Array, ref: number[]): number {
  let gap = 0;
  let scale = 1;
  for (let i = 0; i < ref.length; i++) {
    gap = Math.max(gap, Math.abs(got[i]! - ref[i]!));
    scale = Math.max(scale, Math.abs(ref[i]!));
  }
  return gap / scale;
}

/**
 * Small sizes run as loops (a single row or column as a matrix–vector product); the last two go
 * through the blocked kernel with ragged edges.
 */
const SIZES: Array<[number, number, number]> = [
  [1, 1, 1],
  [1, 7, 5],
  [8, 1, 6],
  [3, 5, 7],
  [7, 2, 4],
  [6, 9, 1],
  [13, 11, 17],
  [53, 61, 70],
  [130, 67, 129],
];

it('at least the CPU backend is available', () => {
  expect(available.map((b) => b.name)).toContain('cpu');
});

describe.each(available.map((b) => [b.name, b] as const))('backend %s', (_name, backend) => {
  const k = completeKernels(backend);
  const tol = tolerance(backend);

  it('matmul matches ml-matrix for every transpose combination and α, β', () => {
    const rng = new Rng(11);
    for (const [m, n, p] of SIZES) {
      for (const transA of [false, true]) {
        for (const transB of [false, true]) {
          for (const [alpha, beta] of [[1, 0], [-0.7, 1.3], [2.5, 1]] as const) {
            const a = random(rng, m, p);
            const b = random(rng, p, n);
            const c = random(rng, m, n);
            const A = transA ? toMatrix(p, m, a).transpose() : toMatrix(m, p, a);
            const B = transB ? toMatrix(n, p, b).transpose() : toMatrix(p, n, b);
            const ref = A.mmul(B).mul(alpha).add(toMatrix(m, n, c).mul(beta)).to1DArray();
            k.matmul(m, n, p, a, b, c, { transA, transB, alpha, beta });
            expect(relativeGap(c, ref)).toBeLessThanOrEqual(tol);
          }
        }
      }
    }
  });

  it('matmul with β = 0 ignores NaN in the output buffer, and accepts longer buffers', () => {
    const rng = new Rng(12);
    const a = random(rng, 4, 3);
    const b = random(rng, 3, 5);
    const c = new Float64Array(4 * 5 + 7).fill(NaN);
    k.matmul(4, 5, 3, a, b, c);
    expect(relativeGap(c, toMatrix(4, 3, a).mmul(toMatrix(3, 5, b)).to1DArray())).toBeLessThanOrEqual(tol);
    expect(Number.isNaN(c[20]!)).toBe(true);
  });

  it('matvec matches ml-matrix with and without transpose', () => {
    const rng = new Rng(13);
    for (const [m, n] of SIZES) {
      for (const trans of [false, true]) {
        for (const [alpha, beta] of [[1, 0], [0.3, -2]] as const) {
          const a = random(rng, m, n);
          const x = random(rng, trans ? m : n, 1);
          const y = random(rng, trans ? n : m, 1);
          const A = trans ? toMatrix(m, n, a).transpose() : toMatrix(m, n, a);
          const ref = A.mmul(toMatrix(x.length, 1, x)).mul(alpha).add(toMatrix(y.length, 1, y).mul(beta)).to1DArray();
          k.matvec(m, n, a, x, y, { trans, alpha, beta });
          expect(relativeGap(y, ref)).toBeLessThanOrEqual(tol);
        }
      }
    }
  });

  it('gram is exactly symmetric', () => {
    const rng = new Rng(17);
    const a = random(rng, 90, 70);
    const out = new Float64Array(70 * 70);
    k.gram(90, 70, a, out, { side: 'AtA', alpha: 0.3 });
    for (let p = 0; p < 70; p++) for (let q = 0; q < p; q++) expect(out[p * 70 + q]).toBe(out[q * 70 + p]);
  });

  it('gram matches AᵀA and AAᵀ from ml-matrix', () => {
    const rng = new Rng(14);
    for (const [m, n] of SIZES) {
      const a = random(rng, m, n);
      const A = toMatrix(m, n, a);
      const ata = new Float64Array(n * n);
      k.gram(m, n, a, ata, { side: 'AtA', alpha: -1.5 });
      expect(relativeGap(ata, A.transpose().mmul(A).mul(-1.5).to1DArray())).toBeLessThanOrEqual(tol);
      const aat = new Float64Array(m * m);
      k.gram(m, n, a, aat, { side: 'AAt' });
      expect(relativeGap(aat, A.mmul(A.transpose()).to1DArray())).toBeLessThanOrEqual(tol);
    }
  });

  it('rank1Update matches A + α x yᵀ', () => {
    const rng = new Rng(15);
    for (const [m, n] of SIZES) {
      const a = random(rng, m, n);
      const x = random(rng, m, 1);
      const y = random(rng, n, 1);
      const ref = toMatrix(m, n, a).add(toMatrix(m, 1, x).mmul(toMatrix(1, n, y)).mul(0.8)).to1DArray();
      k.rank1Update(m, n, a, x, y, 0.8);
      expect(relativeGap(a, ref)).toBeLessThanOrEqual(tol);
    }
  });

  it('reduce computes sum, sum of squares, dot product and max |x|', () => {
    const rng = new Rng(16);
    const x = random(rng, 37, 1);
    const y = random(rng, 37, 1);
    const X = toMatrix(37, 1, x);
    const Y = toMatrix(37, 1, y);
    const scale = Math.max(1, X.norm() ** 2);
    expect(Math.abs(k.reduce('sum', x) - X.sum()) / scale).toBeLessThanOrEqual(tol);
    expect(Math.abs(k.reduce('sumsq', x) - X.norm() ** 2) / scale).toBeLessThanOrEqual(tol);
    expect(Math.abs(k.reduce('dot', x, y) - X.dot(Y)) / scale).toBeLessThanOrEqual(tol);
    expect(k.reduce('maxabs', x)).toBe(X.abs().max());
    x[5] = NaN;
    expect(Number.isNaN(k.reduce('maxabs', x))).toBe(true);
  });

  it('size errors are BAD_PARAM naming the kernel and argument', () => {
    const small = new Float64Array(5);
    expect(() => k.matmul(2, 3, 2, small, small, small)).toThrow(PlateauError);
    try {
      k.matvec(3, 3, new Float64Array(9), new Float64Array(2), new Float64Array(3));
      expect.unreachable();
    } catch (e) {
      expect((e as PlateauError).code).toBe('BAD_PARAM');
      expect((e as PlateauError).message).toMatch(/matvec: x/);
    }
    expect(() => k.reduce('dot', small, new Float64Array(4))).toThrow(/dot/);
  });
});
