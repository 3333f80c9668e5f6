/**
 * Row-by-row causal marching of T×T operators (row-major, entry (k, j) at k·T + j): when row k of
 * a response is known, row k of its resolvent and of the correlations built from it follow in
 * O(k²), so a forward sweep over k = 0…T−1 costs O(T³) in all.
 */

/**
 * Row k of M = (I + R)⁻¹ for strictly lower-triangular R, by forward substitution:
 * M[k, j] = δ_kj − Σ_{i=j}^{k−1} R[k, i]·M[i, j]. Needs rows < k of M. O(k²).
 */
export function resolventRow(r: Float64Array, T: number, k: number, out: Float64Array): void {
  const ok = k * T;
  out.fill(0, ok, ok + T);
  out[ok + k] = 1;
  for (let i = 0; i < k; i++) {
    const rki = r[ok + i]!;
    if (rki === 0) continue;
    const oi = i * T;
    for (let j = 0; j <= i; j++) out[ok + j]! -= rki * out[oi + j]!;
  }
}

/** max_j |a[k, j]| over the causal part j ≤ k of row k (NaN when an entry is NaN). O(k). */
export function rowMagnitude(a: Float64Array, T: number, k: number): number {
  const ok = k * T;
  let m = 0;
  for (let j = 0; j <= k; j++) {
    const v = Math.abs(a[ok + j]!);
    if (Number.isNaN(v)) return NaN;
    if (v > m) m = v;
  }
  return m;
}

/**
 * Row k of C = M·P·Mᵀ for lower-triangular M and symmetric P (needs P on (≤ k) × (≤ k)):
 * C[k, j] = Σ_{i≤k} Σ_{l≤j} M[k,i]·P[i,l]·M[j,l] for j ≤ k, mirrored into column k. `work` holds
 * T doubles. O(k²).
 */
export function sandwichRow(m: Float64Array, p: Float64Array, T: number, k: number, out: Float64Array, work: Float64Array): void {
  const ok = k * T;
  work.fill(0, 0, k + 1);
  for (let i = 0; i <= k; i++) {
    const mki = m[ok + i]!;
    if (mki === 0) continue;
    const oi = i * T;
    for (let l = 0; l <= k; l++) work[l]! += mki * p[oi + l]!;
  }
  for (let j = 0; j <= k; j++) {
    const oj = j * T;
    let acc = 0;
    for (let l = 0; l <= j; l++) acc += work[l]! * m[oj + l]!;
    out[ok + j] = acc;
    out[oj + k] = acc;
  }
}
