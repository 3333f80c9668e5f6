/**
 * The CPU backend: float64 loops on typed arrays, always available, priority 0. It is the
 * reference the other backends are tested against and the fallback for any kernel they omit.
 * Loops are ordered so the innermost one runs over contiguous memory (i-k-j for C = A·B).
 */
import { PlateauError } from '../../core/errors.ts';
import type { Backend } from '../backend.ts';
import {
  requireLength,
  type GramOptions,
  type Kernels,
  type MatmulOptions,
  type MatvecOptions,
  type ReduceOp,
} from '../kernels.ts';

/** c[0..len) ← beta·c, with beta = 0 writing zeros without reading c. */
function scaleInto(c: Float64Array, len: number, beta: number): void {
  if (beta === 0) c.fill(0, 0, len);
  else if (beta !== 1) for (let i = 0; i < len; i++) c[i]! *= beta;
}

function matmul(m: number, n: number, k: number, a: Float64Array, b: Float64Array, c: Float64Array, opts: MatmulOptions = {}): void {
  const { transA = false, transB = false, alpha = 1, beta = 0 } = opts;
  requireLength('matmul', 'A', a, m * k);
  requireLength('matmul', 'B', b, k * n);
  requireLength('matmul', 'C', c, m * n);
  scaleInto(c, m * n, beta);
  if (alpha === 0) return;
  if (!transA && !transB) {
    // A m×k, B k×n: i-p-j, rows of B and C contiguous.
    for (let i = 0; i < m; i++) {
      const ci = i * n;
      for (let p = 0; p < k; p++) {
        const aip = alpha * a[i * k + p]!;
        const bp = p * n;
        for (let j = 0; j < n; j++) c[ci + j]! += aip * b[bp + j]!;
      }
    }
  } else if (transA && !transB) {
    // A k×m: p-i-j, rows of B and C contiguous.
    for (let p = 0; p < k; p++) {
      const ap = p * m;
      const bp = p * n;
      for (let i = 0; i < m; i++) {
        const aip = alpha * a[ap + i]!;
        const ci = i * n;
        for (let j = 0; j < n; j++) c[ci + j]! += aip * b[bp + j]!;
      }
    }
  } else if (!transA && transB) {
    // B n×k: C_ij is the dot product of row i of A and row j of B.
    for (let i = 0; i < m; i++) {
      const ai = i * k;
      for (let j = 0; j < n; j++) {
        const bj = j * k;
        let sum = 0;
        for (let p = 0; p < k; p++) sum += a[ai + p]! * b[bj + p]!;
        c[i * n + j]! += alpha * sum;
      }
    }
  } else {
    // A k×m, B n×k: C_ij = Σ_p A_pi B_jp.
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const bj = j * k;
        let sum = 0;
        for (let p = 0; p < k; p++) sum += a[p * m + i]! * b[bj + p]!;
        c[i * n + j]! += alpha * sum;
      }
    }
  }
}

function matvec(m: number, n: number, a: Float64Array, x: Float64Array, y: Float64Array, opts: MatvecOptions = {}): void {
  const { trans = false, alpha = 1, beta = 0 } = opts;
  requireLength('matvec', 'A', a, m * n);
  requireLength('matvec', 'x', x, trans ? m : n);
  requireLength('matvec', 'y', y, trans ? n : m);
  if (!trans) {
    for (let i = 0; i < m; i++) {
      const ai = i * n;
      let sum = 0;
      for (let j = 0; j < n; j++) sum += a[ai + j]! * x[j]!;
      y[i] = beta === 0 ? alpha * sum : alpha * sum + beta * y[i]!;
    }
  } else {
    scaleInto(y, n, beta);
    for (let i = 0; i < m; i++) {
      const axi = alpha * x[i]!;
      const ai = i * n;
      for (let j = 0; j < n; j++) y[j]! += a[ai + j]! * axi;
    }
  }
}

function gram(m: number, n: number, a: Float64Array, out: Float64Array, opts: GramOptions): void {
  const alpha = opts.alpha ?? 1;
  requireLength('gram', 'A', a, m * n);
  if (opts.side === 'AtA') {
    requireLength('gram', 'out', out, n * n);
    out.fill(0, 0, n * n);
    // Upper triangle by rank-1 updates with the rows of A, then mirror.
    for (let i = 0; i < m; i++) {
      const ai = i * n;
      for (let p = 0; p < n; p++) {
        const aip = alpha * a[ai + p]!;
        const op = p * n;
        for (let q = p; q < n; q++) out[op + q]! += aip * a[ai + q]!;
      }
    }
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) out[q * n + p] = out[p * n + q]!;
  } else {
    requireLength('gram', 'out', out, m * m);
    for (let i = 0; i < m; i++) {
      const ai = i * n;
      for (let j = i; j < m; j++) {
        const aj = j * n;
        let sum = 0;
        for (let p = 0; p < n; p++) sum += a[ai + p]! * a[aj + p]!;
        out[i * m + j] = alpha * sum;
        out[j * m + i] = alpha * sum;
      }
    }
  }
}

function rank1Update(m: number, n: number, a: Float64Array, x: Float64Array, y: Float64Array, alpha: number): void {
  requireLength('rank1Update', 'A', a, m * n);
  requireLength('rank1Update', 'x', x, m);
  requireLength('rank1Update', 'y', y, n);
  for (let i = 0; i < m; i++) {
    const axi = alpha * x[i]!;
    const ai = i * n;
    for (let j = 0; j < n; j++) a[ai + j]! += axi * y[j]!;
  }
}

function reduce(op: ReduceOp, x: Float64Array, y?: Float64Array): number {
  const len = x.length;
  switch (op) {
    case 'sum': {
      let s = 0;
      for (let i = 0; i < len; i++) s += x[i]!;
      return s;
    }
    case 'sumsq': {
      let s = 0;
      for (let i = 0; i < len; i++) s += x[i]! * x[i]!;
      return s;
    }
    case 'dot': {
      if (y === undefined || y.length !== len) {
        throw new PlateauError('BAD_PARAM', `reduce('dot') needs a second vector of length ${len}, got ${y?.length ?? 'none'}`, {
          kernel: 'reduce',
          value: y?.length ?? null,
        });
      }
      let s = 0;
      for (let i = 0; i < len; i++) s += x[i]! * y[i]!;
      return s;
    }
    case 'maxabs': {
      let s = 0;
      for (let i = 0; i < len; i++) {
        const v = Math.abs(x[i]!);
        if (Number.isNaN(v)) return NaN;
        if (v > s) s = v;
      }
      return s;
    }
    default:
      throw new PlateauError('BAD_PARAM', `reduce: unknown operation ${String(op)}`, { kernel: 'reduce', value: String(op) });
  }
}

export const cpuKernels: Kernels = { matmul, matvec, gram, rank1Update, reduce };

export const cpuBackend: Backend = {
  name: 'cpu',
  priority: 0,
  precision: 'float64',
  init: () => Promise.resolve(true),
  kernels: cpuKernels,
};
