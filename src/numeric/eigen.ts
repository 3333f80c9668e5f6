/**
 * Eigenvalues and singular values of small dense row-major matrices (n up to a few hundred).
 *
 * - `symmetricEigen`: Householder tridiagonalisation + implicit QL with Wilkinson-type shifts
 *   (EISPACK tred2/tql2, as in JAMA); eigenvalues to within ε·‖A‖, orthonormal eigenvectors.
 * - `tridiagonalEigenvalues`: the QL step alone, for Jacobi matrices (Golub–Welsch quadrature).
 * - `svd`: one-sided Jacobi (Hestenes) on the columns; unlike eigenvalues of AᵀA it keeps the
 *   small singular values accurate (to ε·σ_max, and relatively for well-scaled columns).
 *
 * Eigenvalues of general (nonsymmetric) matrices are in `eigenGeneral.ts`.
 */
import { PlateauError } from '../core/errors.ts';

const EPS = 2.220446049250313e-16;

function checkSquare(a: Float64Array, n: number): void {
  if (!(Number.isInteger(n) && n >= 1) || a.length !== n * n) {
    throw new PlateauError('BAD_PARAM', `expected an n×n matrix with n = ${n}, got ${a.length} entries`, { n, length: a.length });
  }
}

/**
 * Implicit QL iteration on the symmetric tridiagonal matrix with diagonal d and off-diagonal e
 * (e[i] couples i and i+1, e[n−1] unused), overwriting d with the eigenvalues in ascending order.
 * When `v` (n×n) is given, the rotations are applied to its columns (eigenvectors of the original
 * matrix when v holds the tridiagonalising transformation). About two QL sweeps per eigenvalue:
 * O(n²) flops without vectors, about 6n³ with them.
 */
function tridiagonalQl(d: Float64Array, e: Float64Array, v: Float64Array | null): void {
  const n = d.length;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]!) > EPS * tst1) m++;
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 60) {
          throw new PlateauError('NOT_CONVERGED', `tridiagonal QL did not converge for eigenvalue ${l} in 60 iterations`, {
            index: l,
            residual: Math.abs(e[l]!),
          });
        }
        // Shift from the leading 2×2 block.
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i]! -= h;
        f += h;
        // Implicit QL sweep from m up to l.
        p = d[m]!;
        let c = 1;
        let c2 = 1;
        let c3 = 1;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          if (v !== null) {
            for (let k = 0; k < n; k++) {
              const vk = k * n;
              h = v[vk + i + 1]!;
              v[vk + i + 1] = s * v[vk + i]! + c * h;
              v[vk + i] = c * v[vk + i]! - s * h;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > EPS * tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
  // Selection sort into ascending order, moving eigenvector columns along.
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i]!;
    for (let j = i + 1; j < n; j++) {
      if (d[j]! < p) {
        k = j;
        p = d[j]!;
      }
    }
    if (k !== i) {
      d[k] = d[i]!;
      d[i] = p;
      if (v !== null) {
        for (let j = 0; j < n; j++) {
          const t = v[j * n + i]!;
          v[j * n + i] = v[j * n + k]!;
          v[j * n + k] = t;
        }
      }
    }
  }
}

/**
 * Eigenvalues (ascending) of the symmetric tridiagonal matrix with diagonal `diag` (length n) and
 * off-diagonal `off` (length n − 1). Cost O(n²) (implicit QL without vectors).
 */
export function tridiagonalEigenvalues(diag: Float64Array, off: Float64Array): Float64Array {
  const n = diag.length;
  if (n === 0 || off.length !== n - 1) {
    throw new PlateauError('BAD_PARAM', `tridiagonal matrix needs n ≥ 1 diagonal and n − 1 off-diagonal entries, got ${n} and ${off.length}`, {
      n,
      off: off.length,
    });
  }
  const d = Float64Array.from(diag);
  const e = new Float64Array(n);
  e.set(off);
  tridiagonalQl(d, e, null);
  return d;
}

export interface SymmetricEigen {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** n×n row-major; column j is the unit eigenvector of values[j]. */
  vectors: Float64Array;
}

/**
 * A = V·diag(λ)·Vᵀ for symmetric A (n×n; only the lower triangle is read). Householder reduction to tridiagonal form (tred2, accumulating the transformation),
 * then implicit QL (tql2). Eigenvalues are accurate to about ε·‖A‖₂; V is orthogonal to about ε·n.
 * Cost about 9n³ flops (tridiagonalisation and its accumulation 8n³/3, QL with vectors ≈ 6n³).
 */
export function symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
  checkSquare(a, n);
  const v = Float64Array.from(a);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) d[j] = v[(n - 1) * n + j]!;
  // tred2: Householder reduction, row i = n−1 … 1.
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = v[(i - 1) * n + j]!;
        v[i * n + j] = 0;
        v[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k]! /= scale;
        h += d[k]! * d[k]!;
      }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        v[j * n + i] = f;
        g = e[j]! + v[j * n + j]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += v[k * n + j]! * d[k]!;
          e[k]! += v[k * n + j]! * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j]! /= h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j]! -= hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        for (let k = j; k <= i - 1; k++) v[k * n + j]! -= f * e[k]! + g * d[k]!;
        d[j] = v[(i - 1) * n + j]!;
        v[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  // Accumulate the transformations into v.
  for (let i = 0; i < n - 1; i++) {
    v[(n - 1) * n + i] = v[i * n + i]!;
    v[i * n + i] = 1;
    const h = d[i + 1]!;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = v[k * n + i + 1]! / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += v[k * n + i + 1]! * v[k * n + j]!;
        for (let k = 0; k <= i; k++) v[k * n + j]! -= g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) v[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = v[(n - 1) * n + j]!;
    v[(n - 1) * n + j] = 0;
  }
  v[(n - 1) * n + n - 1] = 1;
  // tred2 leaves e[i] coupling i−1 and i; the QL step wants e[i] coupling i and i+1.
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  tridiagonalQl(d, e, v);
  return { values: d, vectors: v };
}

export interface SingularValueDecomposition {
  /** Singular values, descending, length p = min(m, n). */
  s: Float64Array;
  /** m×p, orthonormal columns (columns for σ = 0 are zero). */
  u: Float64Array;
  /** n×p, orthonormal columns. */
  v: Float64Array;
}

/**
 * Singular value decomposition A = U·diag(σ)·Vᵀ of an m×n matrix by one-sided Jacobi (Hestenes):
 * plane rotations of column pairs (i, j) with angle tan 2θ = 2⟨aᵢ,aⱼ⟩/(‖aⱼ‖² − ‖aᵢ‖²) until all
 * columns are orthogonal to relative precision √max(m,n)·ε; then σ_k = ‖a_k‖. Works on Aᵀ when m < n. Each
 * sweep costs about 3p²·max(m, n) flops (p = min(m, n)); 6–10 sweeps are typical.
 * NOT_CONVERGED after 60 sweeps.
 */
export function svd(a: Float64Array, m: number, n: number): SingularValueDecomposition {
  if (!(m >= 1 && n >= 1) || a.length !== m * n) {
    throw new PlateauError('BAD_PARAM', `expected an m×n matrix with m = ${m}, n = ${n}, got ${a.length} entries`, { m, n, length: a.length });
  }
  const wide = m < n;
  // Work on columns of B = A (m ≥ n) or B = Aᵀ (m < n), stored as rows of w: p rows of length len.
  const p = wide ? m : n;
  const len = wide ? n : m;
  const w = new Float64Array(p * len);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      if (wide) w[i * len + j] = a[i * n + j]!;
      else w[j * len + i] = a[i * n + j]!;
    }
  }
  const vt = new Float64Array(p * p); // rows are the right singular vectors of B
  for (let i = 0; i < p; i++) vt[i * p + i] = 1;
  const tol = EPS * Math.sqrt(len); // LAPACK dgesvj's column-orthogonality tolerance
  let converged = false;
  for (let sweep = 0; sweep < 60 && !converged; sweep++) {
    converged = true;
    for (let i = 0; i < p - 1; i++) {
      const ri = i * len;
      for (let j = i + 1; j < p; j++) {
        const rj = j * len;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let k = 0; k < len; k++) {
          const x = w[ri + k]!;
          const y = w[rj + k]!;
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        converged = false;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let k = 0; k < len; k++) {
          const x = w[ri + k]!;
          const y = w[rj + k]!;
          w[ri + k] = c * x - s * y;
          w[rj + k] = s * x + c * y;
        }
        for (let k = 0; k < p; k++) {
          const x = vt[i * p + k]!;
          const y = vt[j * p + k]!;
          vt[i * p + k] = c * x - s * y;
          vt[j * p + k] = s * x + c * y;
        }
      }
    }
  }
  if (!converged) throw new PlateauError('NOT_CONVERGED', `one-sided Jacobi SVD did not converge in 60 sweeps (${m}×${n})`, { m, n });
  const norms = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s2 = 0;
    for (let k = 0; k < len; k++) s2 += w[i * len + k]! * w[i * len + k]!;
    norms[i] = Math.sqrt(s2);
  }
  const order = Array.from({ length: p }, (_, i) => i).sort((x, y) => norms[y]! - norms[x]!);
  // B·v_i = w_i for the accumulated rotations, so B = Σ_i w_i v_iᵀ = Σ_i σ_i (w_i/σ_i) v_iᵀ.
  const s = new Float64Array(p);
  const left = new Float64Array(len * p); // len×p: normalised w_i
  const right = new Float64Array(p * p); // p×p: v_i as columns
  for (let c = 0; c < p; c++) {
    const i = order[c]!;
    const sigma = norms[i]!;
    s[c] = sigma;
    if (sigma > 0) for (let k = 0; k < len; k++) left[k * p + c] = w[i * len + k]! / sigma;
    for (let k = 0; k < p; k++) right[k * p + c] = vt[i * p + k]!;
  }
  // For A = B (m ≥ n): U = left (m×p), V = right (n×p). For A = Bᵀ: U = right (m×p), V = left (n×p).
  return wide ? { s, u: right, v: left } : { s, u: left, v: right };
}

/** Singular values (descending) of an m×n matrix: `svd(a, m, n).s`. Same cost. */
export function singularValues(a: Float64Array, m: number, n: number): Float64Array {
  return svd(a, m, n).s;
}
