/**
 * The CPU backend: float64 kernels on typed arrays, always available, priority 0. It is the
 * reference the other backends are tested against and the fallback for any kernel they omit.
 *
 * `matmul` runs small products as plain loops ordered so the innermost one walks contiguous memory
 * (i-p-j for C = A·B), and large ones through the blocked, packed, register-tiled GEMM (gemm.ts):
 * WebAssembly SIMD on helper threads where available, JavaScript otherwise. Both give the same
 * result whatever the number of threads. `gram` is a product plus an exact mirror, so the result
 * is symmetric to the bit.
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
import { ChainStepper } from '../linear-chain.ts';
import { cpuChainOps } from './chain-ops.ts';
import { largeMatmulEngine } from './gemm.ts';

/** c[0..len) ← beta·c, with beta = 0 writing zeros without reading c. */
function scaleInto(c: Float64Array, len: number, beta: number): void {
  if (beta === 0) c.fill(0, 0, len);
  else if (beta !== 1) for (let i = 0; i < len; i++) c[i]! *= beta;
}

/**
 * Whether an m×n×k product goes to the blocked kernel: packing costs m·k + k·n + 2·m·n copies,
 * which pays once every dimension spans a few register tiles and the product is not tiny.
 */
function isLarge(m: number, n: number, k: number): boolean {
  return m >= 16 && n >= 16 && k >= 16 && m * n * k >= 48 * 48 * 48;
}

function matmul(m: number, n: number, k: number, a: Float64Array, b: Float64Array, c: Float64Array, opts: MatmulOptions = {}): void {
  const { transA = false, transB = false, alpha = 1, beta = 0 } = opts;
  requireLength('matmul', 'A', a, m * k);
  requireLength('matmul', 'B', b, k * n);
  requireLength('matmul', 'C', c, m * n);
  if (alpha !== 0 && isLarge(m, n, k)) {
    largeMatmulEngine(m, n, k).matmul(m, n, k, a, b, c, transA, transB, alpha, beta);
    return;
  }
  // A single row or column of C is a matrix–vector product (A k×1 and 1×k share one layout).
  if (m === 1 && k > 1) {
    if (transB) matvec(n, k, b, a, c, { alpha, beta });
    else matvec(k, n, b, a, c, { trans: true, alpha, beta });
    return;
  }
  if (n === 1 && k > 1) {
    if (transA) matvec(k, m, a, b, c, { trans: true, alpha, beta });
    else matvec(m, k, a, b, c, { alpha, beta });
    return;
  }
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

/** y ← α·op(A)·x + β·y, four rows of A per pass so each load of x (or of y) serves four rows. */
function matvec(m: number, n: number, a: Float64Array, x: Float64Array, y: Float64Array, opts: MatvecOptions = {}): void {
  const { trans = false, alpha = 1, beta = 0 } = opts;
  requireLength('matvec', 'A', a, m * n);
  requireLength('matvec', 'x', x, trans ? m : n);
  requireLength('matvec', 'y', y, trans ? n : m);
  if (!trans) {
    let i = 0;
    for (; i + 4 <= m; i += 4) {
      const r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let j = 0; j < n; j++) {
        const xj = x[j]!;
        s0 += a[r0 + j]! * xj;
        s1 += a[r1 + j]! * xj;
        s2 += a[r2 + j]! * xj;
        s3 += a[r3 + j]! * xj;
      }
      y[i] = beta === 0 ? alpha * s0 : alpha * s0 + beta * y[i]!;
      y[i + 1] = beta === 0 ? alpha * s1 : alpha * s1 + beta * y[i + 1]!;
      y[i + 2] = beta === 0 ? alpha * s2 : alpha * s2 + beta * y[i + 2]!;
      y[i + 3] = beta === 0 ? alpha * s3 : alpha * s3 + beta * y[i + 3]!;
    }
    for (; i < m; i++) {
      const ai = i * n;
      let sum = 0;
      for (let j = 0; j < n; j++) sum += a[ai + j]! * x[j]!;
      y[i] = beta === 0 ? alpha * sum : alpha * sum + beta * y[i]!;
    }
  } else {
    scaleInto(y, n, beta);
    let i = 0;
    for (; i + 4 <= m; i += 4) {
      const r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
      const x0 = alpha * x[i]!, x1 = alpha * x[i + 1]!, x2 = alpha * x[i + 2]!, x3 = alpha * x[i + 3]!;
      for (let j = 0; j < n; j++) y[j]! += a[r0 + j]! * x0 + a[r1 + j]! * x1 + a[r2 + j]! * x2 + a[r3 + j]! * x3;
    }
    for (; i < m; i++) {
      const axi = alpha * x[i]!;
      const ai = i * n;
      for (let j = 0; j < n; j++) y[j]! += a[ai + j]! * axi;
    }
  }
}

/** out ← α·AᵀA or α·AAᵀ as one product, then the upper triangle mirrored onto the lower. */
function gram(m: number, n: number, a: Float64Array, out: Float64Array, opts: GramOptions): void {
  const alpha = opts.alpha ?? 1;
  requireLength('gram', 'A', a, m * n);
  const size = opts.side === 'AtA' ? n : m;
  requireLength('gram', 'out', out, size * size);
  if (opts.side === 'AtA') matmul(n, n, m, a, a, out, { transA: true, alpha });
  else matmul(m, m, n, a, a, out, { transB: true, alpha });
  for (let p = 0; p < size; p++) for (let q = p + 1; q < size; q++) out[q * size + p] = out[p * size + q]!;
}

/** A ← A + α·x·yᵀ, one pass over A. */
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

const arrayKernels = { matmul, matvec, gram, rank1Update, reduce };

export const cpuKernels: Kernels = {
  ...arrayKernels,
  gdStep: (spec, weights) => new ChainStepper(cpuChainOps(arrayKernels), spec, weights),
};

export const cpuBackend: Backend = {
  name: 'cpu',
  priority: 0,
  precision: 'float64',
  init: () => Promise.resolve(true),
  kernels: cpuKernels,
};
