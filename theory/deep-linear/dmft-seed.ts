/**
 * Initial guesses for a new window's rows of the quantities a Gauss–Seidel sweep reads from the
 * previous sweep. A good guess saves sweeps, never changes the converged answer. Row 0 takes the
 * t = 0 value of the model (digest §6: C^g = 1, responses 0); later rows extrapolate the last
 * accepted row: C(t, s) ≈ C(t−1, s), C(t, t) ≈ C(t−1, t−1), R(t, s) ≈ R(t−1, s−1).
 */

/** Seed rows [r0, r1) of a symmetric correlation (mirrored into the columns). */
export function seedCorrelationRows(c: Float64Array, T: number, r0: number, r1: number, initial: number): void {
  for (let t = r0; t < r1; t++) {
    const o = t * T;
    if (t === 0) {
      c[0] = initial;
      continue;
    }
    const p = (t - 1) * T;
    for (let s = 0; s < t; s++) {
      c[o + s] = c[p + s]!;
      c[s * T + t] = c[p + s]!;
    }
    c[o + t] = c[p + t - 1]!;
  }
}

/** Seed rows [r0, r1) of a causal response (lower triangular; row 0 is `diagonal` at (0, 0)). */
export function seedResponseRows(r: Float64Array, T: number, r0: number, r1: number, diagonal = 0): void {
  for (let t = r0; t < r1; t++) {
    const o = t * T;
    r.fill(0, o, o + T);
    r[o + t] = diagonal;
    if (t === 0) continue;
    const p = (t - 1) * T;
    for (let s = 1; s <= t; s++) r[o + s] = r[p + s - 1]!;
    r[o] = r[p]!;
  }
}
