/**
 * The named compute kernels of Plateau (DESIGN.md §4). Every backend implements some of them; the
 * registry fills the rest from the CPU backend.
 *
 * Conventions shared by all kernels:
 * - matrices are row-major `Float64Array`s and their sizes are passed explicitly; an array may be
 *   longer than its matrix (a preallocated scratch buffer), only the leading entries are touched;
 * - results are written into caller-provided outputs, which must not alias an input; kernels
 *   allocate nothing per call;
 * - `beta = 0` overwrites the output without reading it (BLAS convention: NaN in a fresh buffer
 *   does not leak into the result);
 * - sizes are checked (BAD_PARAM) in O(1); values are not.
 *
 * Costs below count multiply–adds; m, n, k are the sizes named in each signature.
 */
import { PlateauError } from '../core/errors.ts';
import type { GdStepper, LinearChainSpec } from './linear-chain.ts';

export interface MatmulOptions {
  /** Use Aᵀ, with A stored k×m. */
  transA?: boolean;
  /** Use Bᵀ, with B stored n×k. */
  transB?: boolean;
  /** Default 1. */
  alpha?: number;
  /** Default 0. */
  beta?: number;
}

export interface MatvecOptions {
  /** Use Aᵀ: x has length m and y length n. */
  trans?: boolean;
  /** Default 1. */
  alpha?: number;
  /** Default 0. */
  beta?: number;
}

export interface GramOptions {
  /** `AtA`: out ← α·AᵀA (n×n); `AAt`: out ← α·AAᵀ (m×m). */
  side: 'AtA' | 'AAt';
  /** Default 1. */
  alpha?: number;
}

/** `dot` needs a second vector of the same length; `maxabs` is NaN when any entry is NaN. */
export type ReduceOp = 'sum' | 'sumsq' | 'dot' | 'maxabs';

export interface Kernels {
  /**
   * C ← α·op(A)·op(B) + β·C with C m×n, op(A) m×k, op(B) k×n. Cost m·n·k.
   */
  matmul(m: number, n: number, k: number, a: Float64Array, b: Float64Array, c: Float64Array, opts?: MatmulOptions): void;
  /**
   * y ← α·op(A)·x + β·y with A stored m×n. Cost m·n.
   */
  matvec(m: number, n: number, a: Float64Array, x: Float64Array, y: Float64Array, opts?: MatvecOptions): void;
  /**
   * out ← α·AᵀA (n×n) or α·AAᵀ (m×m) with A stored m×n; the full symmetric matrix is written.
   * Cost m·n²/2 (AtA) or m²·n/2 (AAt).
   */
  gram(m: number, n: number, a: Float64Array, out: Float64Array, opts: GramOptions): void;
  /**
   * A ← A + α·x·yᵀ with A m×n, x of length m, y of length n. Cost m·n.
   */
  rank1Update(m: number, n: number, a: Float64Array, x: Float64Array, y: Float64Array, alpha: number): void;
  /**
   * Σx, Σx², Σxy or max|x| over the whole array `x`. Cost x.length.
   */
  reduce(op: ReduceOp, x: Float64Array, y?: Float64Array): number;
  /**
   * A full-batch gradient-descent run of a deep linear chain whose weights stay on the backend
   * between steps (contract and cost in `linear-chain.ts`): `run(steps)` takes the steps and
   * returns the losses, `readWeights()` copies the weights out. The weights are copied in.
   */
  gdStep(spec: LinearChainSpec, weights: readonly Float64Array[]): GdStepper;
}

/** The kernel names, for registries and tests that iterate over them. */
export const KERNEL_NAMES: readonly (keyof Kernels)[] = ['matmul', 'matvec', 'gram', 'rank1Update', 'reduce', 'gdStep'];

/**
 * Size check shared by every backend's kernels: `array` must hold at least `length` entries and
 * every size must be a non-negative integer. Throws BAD_PARAM naming the kernel and the argument.
 */
export function requireLength(kernel: keyof Kernels, name: string, array: Float64Array, length: number): void {
  if (!Number.isInteger(length) || length < 0) {
    throw new PlateauError('BAD_PARAM', `${kernel}: size of ${name} must be a non-negative integer, got ${length}`, {
      kernel,
      argument: name,
      value: length,
    });
  }
  if (array.length < length) {
    throw new PlateauError('BAD_PARAM', `${kernel}: ${name} holds ${array.length} entries, needs ${length}`, {
      kernel,
      argument: name,
      value: array.length,
      needed: length,
    });
  }
}
