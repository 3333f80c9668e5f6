/**
 * Row-block versions of the causal T×T operators (`operators.ts`), for time marching.
 *
 * Every equation of a discrete-time DMFT is row-causal: row t of a response or correlation needs
 * only rows ≤ t of the others, and only their columns ≤ t. When a march has accepted rows [0, r0)
 * and works on a window [r0, r1), each function below recomputes just the window's rows, in
 * O((r1 − r0)·t²) instead of the O(t³) of a full product; a whole march then costs O(T³) per
 * operator and sweep-per-row instead of O(T⁴/c).
 *
 * Storage is the full-horizon T×T row-major layout of `operators.ts` (entry (t, s) at t·T + s), so
 * no matrix is ever resized as the horizon grows. Row t of a lower-triangular result is written in
 * full (zeros above the diagonal); a symmetric result is written as row t up to the diagonal and
 * mirrored into column t. Rows are processed in increasing order, so a function whose row t needs
 * rows < t of its own output (inverse, Stein) sees the window's earlier rows already updated.
 * Outputs must not alias inputs. Nothing allocates.
 */

/** out[t, ·] ← scale·[a]_<[t, ·] for t ∈ [r0, r1): the strictly lower part, zeros elsewhere. */
export function strictLowerRows(a: Float64Array, T: number, r0: number, r1: number, out: Float64Array, scale = 1): void {
  for (let t = r0; t < r1; t++) {
    const o = t * T;
    for (let s = 0; s < t; s++) out[o + s] = scale * a[o + s]!;
    out.fill(0, o + t, o + T);
  }
}

/**
 * A memory kernel's rows: out = [r]_≤ − c·[m]_< (a causal response minus the strictly lower part
 * of a correlation, e.g. B = R^{gh} − ηγ0[C^g]_<). O((r1 − r0)·T).
 */
export function responseMinusMemoryRows(r: Float64Array, m: Float64Array, c: number, T: number, r0: number, r1: number, out: Float64Array): void {
  for (let t = r0; t < r1; t++) {
    const o = t * T;
    for (let s = 0; s < t; s++) out[o + s] = r[o + s]! - c * m[o + s]!;
    out[o + t] = r[o + t]!;
    out.fill(0, o + t + 1, o + T);
  }
}

/**
 * row[j] += Σ_{k<kEnd} c·coef[co + k]·src[k·T + j] over j ≤ k (rows of a lower-triangular `src`):
 * the saxpy form of a row times a lower-triangular matrix, four rows of `src` per pass so that
 * `row` is loaded and stored a quarter as often. `row` may be a row of `src` at or beyond kEnd.
 */
export function accumulateLowerRow(coef: Float64Array, co: number, kEnd: number, c: number, src: Float64Array, T: number, row: Float64Array, o: number): void {
  let k = 0;
  for (; k + 3 < kEnd; k += 4) {
    const a0 = c * coef[co + k]!;
    const a1 = c * coef[co + k + 1]!;
    const a2 = c * coef[co + k + 2]!;
    const a3 = c * coef[co + k + 3]!;
    const b0 = k * T;
    const b1 = b0 + T;
    const b2 = b1 + T;
    const b3 = b2 + T;
    for (let j = 0; j <= k; j++) row[o + j]! += a0 * src[b0 + j]! + a1 * src[b1 + j]! + a2 * src[b2 + j]! + a3 * src[b3 + j]!;
    row[o + k + 1]! += a1 * src[b1 + k + 1]! + a2 * src[b2 + k + 1]! + a3 * src[b3 + k + 1]!;
    row[o + k + 2]! += a2 * src[b2 + k + 2]! + a3 * src[b3 + k + 2]!;
    row[o + k + 3]! += a3 * src[b3 + k + 3]!;
  }
  for (; k < kEnd; k++) {
    const ak = c * coef[co + k]!;
    if (ak === 0) continue;
    const bk = k * T;
    for (let j = 0; j <= k; j++) row[o + j]! += ak * src[bk + j]!;
  }
}

/**
 * Rows of scale·a·b for lower-triangular a and b: out[t, j] = scale·Σ_{k=j..t} a[t,k] b[k,j].
 * Needs rows ≤ t of b. (r1 − r0)·t²/2 multiply-adds.
 */
export function lowerProductRows(a: Float64Array, b: Float64Array, T: number, r0: number, r1: number, out: Float64Array, scale = 1): void {
  for (let t = r0; t < r1; t++) {
    const o = t * T;
    out.fill(0, o, o + T);
    accumulateLowerRow(a, o, t + 1, scale, b, T, out, o);
  }
}

/**
 * Rows of (I − [a]_<)⁻¹ (unit lower triangular) by forward substitution:
 * X[t, ·] = e_t + Σ_{k<t} a[t,k] X[k, ·]. Only the strictly lower part of a is read. Needs rows < t
 * of the output (rows < r0 from earlier windows). (r1 − r0)·t²/2 multiply-adds.
 */
export function unitLowerInverseRows(a: Float64Array, T: number, r0: number, r1: number, out: Float64Array): void {
  for (let t = r0; t < r1; t++) {
    const o = t * T;
    out.fill(0, o, o + T);
    out[o + t] = 1;
    accumulateLowerRow(a, o, t, 1, out, T, out, o);
  }
}

/** Σ_{i<n} a[ia + i]·b[ib + i] (contiguous reads, no stores; two partial sums). */
function dot(a: Float64Array, ia: number, b: Float64Array, ib: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    s0 += a[ia + i]! * b[ib + i]!;
    s1 += a[ia + i + 1]! * b[ib + i + 1]!;
  }
  if (i < n) s0 += a[ia + i]! * b[ib + i]!;
  return s0 + s1;
}

/**
 * out[oi + q] ← Σ_{i<n} v[vo + i]·x[r + q·stride + i] for q = 0..3: four rows against one vector,
 * so each v load serves four products.
 */
function dotFourRows(v: Float64Array, vo: number, x: Float64Array, r: number, stride: number, n: number, out: Float64Array, oi: number): void {
  const r1 = r + stride;
  const r2 = r1 + stride;
  const r3 = r2 + stride;
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const vi = v[vo + i]!;
    a += vi * x[r + i]!;
    b += vi * x[r1 + i]!;
    c += vi * x[r2 + i]!;
    d += vi * x[r3 + i]!;
  }
  out[oi] = a;
  out[oi + 1] = b;
  out[oi + 2] = c;
  out[oi + 3] = d;
}

/** out[oi], out[oi + 1] ← v·x[r, r + n) and v·x[r + stride, r + stride + n). */
function dotTwoRows(v: Float64Array, vo: number, x: Float64Array, r: number, stride: number, n: number, out: Float64Array, oi: number): void {
  const r1 = r + stride;
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    const vi = v[vo + i]!;
    a += vi * x[r + i]!;
    b += vi * x[r1 + i]!;
  }
  out[oi] = a;
  out[oi + 1] = b;
}

/**
 * One row of m·x·mᵀ for lower-triangular m and symmetric x, summing k and l over [0, end) with
 * end = t + 1, or end = t for strictly lower m (then x is read only on (< t) × (< t)):
 * out[t, s] = Σ_{k<end} Σ_{l≤s, l<end} m[t,k] x[k,l] m[s,l] for s ≤ t, returned in `row[0..t]`.
 * `work` holds v[l] = Σ_k m[t,k] x[k,l] = Σ_k m[t,k] x[l,k] (by symmetry: a contiguous dot product
 * with row l of x). 2·t² multiply-adds.
 */
function sandwichRow(m: Float64Array, x: Float64Array, T: number, t: number, end: number, row: Float64Array, work: Float64Array): void {
  const o = t * T;
  let l = 0;
  for (; l + 3 < end; l += 4) dotFourRows(m, o, x, l * T, T, end, work, l);
  for (; l < end; l++) work[l] = dot(m, o, x, l * T, end);
  if (end <= t) work[t] = 0;
  // row[s] = v·m[s, 0..s]: two rows of m per pass (row s + 1 has one more term).
  let s = 0;
  for (; s + 1 <= t; s += 2) {
    const n = Math.min(s + 1, end);
    dotTwoRows(work, 0, m, s * T, T, n, row, s);
    if (s + 1 < end) row[s + 1]! += work[s + 1]! * m[(s + 1) * T + s + 1]!;
  }
  for (; s <= t; s++) row[s] = dot(work, 0, m, s * T, Math.min(s + 1, end));
}

/**
 * Rows of scale·m·x·mᵀ (the covariance of m·ζ for ζ ~ GP(x)), for lower-triangular m and
 * symmetric x (both triangles stored): row t up to the diagonal, mirrored into column t. Needs x
 * on the block (≤ t) × (≤ t). With `accumulate` the product is added to `out`. `work` holds 2T
 * doubles. About 2·(r1 − r0)·t² multiply-adds.
 */
export function sandwichRows(
  m: Float64Array,
  x: Float64Array,
  T: number,
  r0: number,
  r1: number,
  out: Float64Array,
  work: Float64Array,
  scale = 1,
  accumulate = false,
): void {
  const v = work.subarray(0, T);
  const row = work.subarray(T, 2 * T);
  for (let t = r0; t < r1; t++) {
    sandwichRow(m, x, T, t, t + 1, row, v);
    const o = t * T;
    for (let s = 0; s <= t; s++) {
      const value = accumulate ? out[o + s]! + scale * row[s]! : scale * row[s]!;
      out[o + s] = value;
      out[s * T + t] = value;
    }
  }
}

/**
 * Rows of the solution of the Stein equation C = F + p·C·pᵀ for strictly lower-triangular p, by
 * forward substitution: row t of p·C·pᵀ needs C only on (< t) × (< t), so rows are final as soon
 * as they are computed (no doubling, no iteration). F symmetric (lower triangle read). `work`
 * holds 2T doubles. About 2·(r1 − r0)·t² multiply-adds.
 */
export function steinRows(f: Float64Array, p: Float64Array, T: number, r0: number, r1: number, out: Float64Array, work: Float64Array): void {
  const v = work.subarray(0, T);
  const row = work.subarray(T, 2 * T);
  for (let t = r0; t < r1; t++) {
    sandwichRow(p, out, T, t, t, row, v);
    const o = t * T;
    for (let s = 0; s <= t; s++) {
      const value = f[o + s]! + row[s]!;
      out[o + s] = value;
      out[s * T + t] = value;
    }
  }
}

/**
 * True when every entry of rows [r0, r1) (columns ≤ the row, i.e. the causal part) is finite and
 * at most `limit` in magnitude; flushes subnormal-range entries (|x| < 1e−300) to zero on the way,
 * since long products of contractions otherwise slow typed-array loops. O((r1 − r0)·T).
 */
export function rowsHealthy(a: Float64Array, T: number, r0: number, r1: number, limit: number): boolean {
  for (let t = r0; t < r1; t++) {
    const o = t * T;
    for (let s = 0; s <= t; s++) {
      const v = a[o + s]!;
      const mag = Math.abs(v);
      if (!(mag <= limit)) return false;
      if (mag < 1e-300 && v !== 0) a[o + s] = 0;
    }
  }
  return true;
}
