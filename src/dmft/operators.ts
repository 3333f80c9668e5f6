/**
 * T×T operators of discrete-time DMFT: correlation and response functions indexed by time steps
 * (t, s) ∈ {0,…,T−1}², stored row-major in Float64Array (entry (t, s) at t·T + s).
 *
 * Responses are causal (lower triangular), so every inverse (I − A)⁻¹ that appears is unit lower
 * triangular and is computed by forward substitution, never by a general solver, and products of
 * lower-triangular matrices skip the zero half. Functions write into caller-provided outputs; none
 * allocates except where the doc comment says so. Costs are for T×T inputs.
 */

/** A new zero T×T matrix. */
export function zeros(T: number): Float64Array {
  return new Float64Array(T * T);
}

/** The identity. */
export function identity(T: number): Float64Array {
  const out = new Float64Array(T * T);
  for (let i = 0; i < T; i++) out[i * T + i] = 1;
  return out;
}

/** The all-ones matrix 𝟙. */
export function ones(T: number): Float64Array {
  return new Float64Array(T * T).fill(1);
}

/** out ← [a]_< : the strictly lower part (s < t), scaled by `scale`. O(T²). */
export function strictLower(a: Float64Array, T: number, out: Float64Array, scale = 1): Float64Array {
  for (let t = 0; t < T; t++) {
    for (let s = 0; s < T; s++) out[t * T + s] = s < t ? scale * a[t * T + s]! : 0;
  }
  return out;
}

/** out ← a·b for general (dense) a, b. O(T³). `out` must not alias a or b. */
export function matmul(a: Float64Array, b: Float64Array, T: number, out: Float64Array): Float64Array {
  out.fill(0);
  for (let i = 0; i < T; i++) {
    const oi = i * T;
    for (let k = 0; k < T; k++) {
      const aik = a[oi + k]!;
      if (aik === 0) continue;
      const bk = k * T;
      for (let j = 0; j < T; j++) out[oi + j]! += aik * b[bk + j]!;
    }
  }
  return out;
}

/**
 * out ← a·b for lower-triangular a and b (the product is lower triangular):
 * (ab)[i,j] = Σ_{k=j..i} a[i,k] b[k,j]. T³/6 multiply-adds. `out` must not alias a or b.
 */
export function lowerTimesLower(a: Float64Array, b: Float64Array, T: number, out: Float64Array): Float64Array {
  out.fill(0);
  for (let i = 0; i < T; i++) {
    const oi = i * T;
    for (let k = 0; k <= i; k++) {
      const aik = a[oi + k]!;
      if (aik === 0) continue;
      const bk = k * T;
      for (let j = 0; j <= k; j++) out[oi + j]! += aik * b[bk + j]!;
    }
  }
  return out;
}

/**
 * out ← (I − a)⁻¹ for strictly lower-triangular a (the inverse is unit lower triangular), by
 * forward substitution on rows: X[i,j] = δ_ij + Σ_{k=j}^{i−1} a[i,k] X[k,j]. T³/6 multiply-adds.
 */
export function inverseIMinusStrictLower(a: Float64Array, T: number, out: Float64Array): Float64Array {
  out.fill(0);
  for (let i = 0; i < T; i++) {
    const oi = i * T;
    out[oi + i] = 1;
    for (let k = 0; k < i; k++) {
      const aik = a[oi + k]!;
      if (aik === 0) continue;
      const ok = k * T;
      for (let j = 0; j <= k; j++) out[oi + j]! += aik * out[ok + j]!;
    }
  }
  return out;
}

/**
 * out ← L⁻¹ for a lower-triangular L with nonzero diagonal, by forward substitution:
 * X[i,j] = (δ_ij − Σ_{k=j}^{i−1} L[i,k] X[k,j]) / L[i,i]. T³/6 multiply-adds.
 */
export function inverseLower(l: Float64Array, T: number, out: Float64Array): Float64Array {
  out.fill(0);
  for (let i = 0; i < T; i++) {
    const oi = i * T;
    const inv = 1 / l[oi + i]!;
    for (let j = 0; j <= i; j++) {
      let acc = i === j ? 1 : 0;
      for (let k = j; k < i; k++) acc -= l[oi + k]! * out[k * T + j]!;
      out[oi + j] = acc * inv;
    }
  }
  return out;
}

/** out ← m·c·mᵀ (the covariance of m·x when x has covariance c). Uses `work` (T²). O(2T³). */
export function sandwich(m: Float64Array, c: Float64Array, T: number, out: Float64Array, work: Float64Array): Float64Array {
  matmul(m, c, T, work);
  out.fill(0);
  for (let i = 0; i < T; i++) {
    for (let j = 0; j <= i; j++) {
      let acc = 0;
      const wi = i * T;
      const mj = j * T;
      for (let k = 0; k < T; k++) acc += work[wi + k]! * m[mj + k]!;
      out[i * T + j] = acc;
      out[j * T + i] = acc;
    }
  }
  return out;
}

/**
 * Solve the Stein equation C = F + P·C·Pᵀ for strictly lower-triangular (hence nilpotent) P by
 * doubling: C ← C + P_k C P_kᵀ, P_{k+1} = P_k², starting from C = F, P_0 = P. Since P^T = 0 the
 * sum Σ_n Pⁿ F (Pⁿ)ᵀ terminates after ⌈log₂ T⌉ rounds. Allocates four T×T temporaries;
 * O(T³ log T). Returns C in `out`.
 */
export function steinDoubling(f: Float64Array, p: Float64Array, T: number, out: Float64Array): Float64Array {
  out.set(f);
  let pk = Float64Array.from(p);
  let next = new Float64Array(T * T);
  const tmp = new Float64Array(T * T);
  const work = new Float64Array(T * T);
  for (let span = 1; span < T; span *= 2) {
    sandwich(pk, out, T, tmp, work);
    for (let i = 0; i < out.length; i++) out[i]! += tmp[i]!;
    lowerTimesLower(pk, pk, T, next);
    [pk, next] = [next, pk];
  }
  return out;
}

/** Largest |a[i,j]| over the strict upper triangle: 0 for a lower-triangular (causal) matrix. */
export function upperMagnitude(a: Float64Array, T: number): number {
  let m = 0;
  for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) m = Math.max(m, Math.abs(a[i * T + j]!));
  return m;
}

/** The diagonal as a new array (e.g. equal-time correlations C(t, t)). */
export function diagonal(a: Float64Array, T: number): Float64Array {
  const out = new Float64Array(T);
  for (let i = 0; i < T; i++) out[i] = a[i * T + i]!;
  return out;
}

/**
 * Incremental Cholesky factor of a growing covariance K (row k known once rows < k are), for
 * sampling a Gaussian process causally: ζ_k = Σ_{j≤k} L[k,j] z_j reproduces N(0, K) jointly.
 *
 * Row k costs one triangular solve L[:k,:k]·x = K[k,:k], O(k²); the whole factor O(T³/3), never
 * a re-factorisation (O(T⁴)). Covariances of smooth processes lose rank within a few steps, so the
 * pivot is floored at `jitter` (the process gets white noise of variance ≤ jitter added): without
 * it the factor turns NaN after about a dozen steps.
 */
export class IncrementalCholesky {
  readonly L: Float64Array;
  private rows = 0;

  constructor(
    readonly T: number,
    readonly jitter = 1e-9,
  ) {
    this.L = new Float64Array(T * T);
  }

  get size(): number {
    return this.rows;
  }

  /**
   * Append row k = size given K[k, 0..k] (`row`, length ≥ k+1). Returns the pivot before
   * flooring, so callers can monitor how degenerate the process is.
   */
  addRow(row: ArrayLike<number>): number {
    const k = this.rows;
    const T = this.T;
    const L = this.L;
    const ok = k * T;
    let norm2 = 0;
    for (let j = 0; j < k; j++) {
      let acc = row[j]!;
      const oj = j * T;
      for (let m = 0; m < j; m++) acc -= L[ok + m]! * L[oj + m]!;
      const x = acc / L[oj + j]!;
      L[ok + j] = x;
      norm2 += x * x;
    }
    const pivot = row[k]! - norm2;
    L[ok + k] = Math.sqrt(Math.max(pivot, this.jitter));
    this.rows = k + 1;
    return pivot;
  }

  /** ζ_k = Σ_{j≤k} L[k,j] z_j for a path's standard normals z (stride 1). */
  sample(k: number, z: ArrayLike<number>): number {
    const ok = k * this.T;
    let acc = 0;
    for (let j = 0; j <= k; j++) acc += this.L[ok + j]! * z[j]!;
    return acc;
  }
}
