/**
 * Small dense linear algebra on row-major Float64Array matrices (entry (i, j) of an m×n matrix at
 * index i·n + j), for n up to a few hundred. Factorisations and solves live here; eigenvalue and
 * singular value algorithms in `eigen.ts`. Large kernels belong to `src/compute`.
 *
 * Every function leaves its inputs untouched and returns fresh arrays. Right-hand sides `b` are
 * n×k row-major (k = `nrhs` columns, default 1, so a plain vector of length n works).
 */
import { PlateauError } from '../core/errors.ts';
import type { Rng } from '../core/rng.ts';

function checkSize(name: string, a: Float64Array, expected: number): void {
  if (a.length !== expected) {
    throw new PlateauError('BAD_PARAM', `${name} has ${a.length} entries, expected ${expected}`, { length: a.length, expected });
  }
}

/** C = A·B for A m×k and B k×n (row-major). Cost 2mkn flops, i-k-j loop order (contiguous rows). */
export function matMul(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  checkSize('A', a, m * k);
  checkSize('B', b, k * n);
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p]!;
      if (aip === 0) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j]! += aip * b[bp + j]!;
    }
  }
  return c;
}

/** Aᵀ (n×m) of an m×n matrix A. Cost mn. */
export function transpose(a: Float64Array, m: number, n: number): Float64Array {
  checkSize('A', a, m * n);
  const t = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) t[j * m + i] = a[i * n + j]!;
  return t;
}

/**
 * Cholesky factor L (lower triangular, zeros above the diagonal) with A + jitter·I = L·Lᵀ, reading
 * only the lower triangle of the symmetric matrix A (n×n). Column by column:
 * L_jj = √(A_jj + jitter − Σ_{k<j} L_jk²), L_ij = (A_ij − Σ_{k<j} L_ik L_jk)/L_jj. Cost n³/3.
 *
 * Throws BAD_PARAM naming the pivot index and its value when A + jitter·I is not positive definite
 * (a pivot ≤ 0 or NaN); a small `jitter` (e.g. 1e-10·mean diag) repairs matrices that are positive
 * semi-definite up to rounding, such as kernel Gram matrices.
 */
export function cholesky(a: Float64Array, n: number, options: { jitter?: number } = {}): Float64Array {
  checkSize('A', a, n * n);
  const jitter = options.jitter ?? 0;
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let s = a[rj + j]! + jitter;
    for (let k = 0; k < j; k++) s -= l[rj + k]! * l[rj + k]!;
    if (!(s > 0)) {
      throw new PlateauError(
        'BAD_PARAM',
        `matrix is not positive definite: Cholesky pivot ${j} is ${s} (jitter ${jitter}); add jitter or check the matrix`,
        { pivot: j, value: s, jitter },
      );
    }
    const ljj = Math.sqrt(s);
    l[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let t = a[ri + j]!;
      for (let k = 0; k < j; k++) t -= l[ri + k]! * l[rj + k]!;
      l[ri + j] = t / ljj;
    }
  }
  return l;
}

function singularPivot(kind: string, i: number): PlateauError {
  return new PlateauError('BAD_PARAM', `${kind} matrix is singular: diagonal entry ${i} is 0`, { pivot: i });
}

/** Solve L·X = B by forward substitution, L n×n lower triangular, B n×nrhs. Cost n²·nrhs. */
export function solveLower(l: Float64Array, n: number, b: Float64Array, nrhs = 1): Float64Array {
  checkSize('L', l, n * n);
  checkSize('B', b, n * nrhs);
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    const lii = l[i * n + i]!;
    if (lii === 0) throw singularPivot('lower triangular', i);
    for (let c = 0; c < nrhs; c++) {
      let s = x[i * nrhs + c]!;
      for (let k = 0; k < i; k++) s -= l[i * n + k]! * x[k * nrhs + c]!;
      x[i * nrhs + c] = s / lii;
    }
  }
  return x;
}

/** Solve U·X = B by back substitution, U n×n upper triangular, B n×nrhs. Cost n²·nrhs. */
export function solveUpper(u: Float64Array, n: number, b: Float64Array, nrhs = 1): Float64Array {
  checkSize('U', u, n * n);
  checkSize('B', b, n * nrhs);
  const x = Float64Array.from(b);
  for (let i = n - 1; i >= 0; i--) {
    const uii = u[i * n + i]!;
    if (uii === 0) throw singularPivot('upper triangular', i);
    for (let c = 0; c < nrhs; c++) {
      let s = x[i * nrhs + c]!;
      for (let k = i + 1; k < n; k++) s -= u[i * n + k]! * x[k * nrhs + c]!;
      x[i * nrhs + c] = s / uii;
    }
  }
  return x;
}

/**
 * Solve A·X = B from the Cholesky factor L of A: L·Y = B forward, then Lᵀ·X = Y backward (Lᵀ read
 * from L's columns, never formed). Cost 2n²·nrhs.
 */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array, nrhs = 1): Float64Array {
  const x = solveLower(l, n, b, nrhs);
  for (let i = n - 1; i >= 0; i--) {
    const lii = l[i * n + i]!;
    for (let c = 0; c < nrhs; c++) {
      let s = x[i * nrhs + c]!;
      for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k * nrhs + c]!;
      x[i * nrhs + c] = s / lii;
    }
  }
  return x;
}

export interface LuFactors {
  n: number;
  /** Unit lower L (below the diagonal) and U (on and above it) packed in one n×n array. */
  lu: Float64Array;
  /** Row i of P·A is row `pivots[i]` of A. */
  pivots: Int32Array;
  /** det(P) = ±1, so det(A) = sign·Π U_ii. */
  sign: number;
}

/**
 * P·A = L·U with partial pivoting (Doolittle, the largest |entry| of each column is the pivot).
 * Cost 2n³/3. Throws BAD_PARAM naming the column when A is exactly singular.
 */
export function luDecompose(a: Float64Array, n: number): LuFactors {
  checkSize('A', a, n * n);
  const lu = Float64Array.from(a);
  const pivots = new Int32Array(n);
  for (let i = 0; i < n; i++) pivots[i] = i;
  let sign = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(lu[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k]!);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (!(best > 0)) throw new PlateauError('BAD_PARAM', `matrix is singular: no nonzero pivot in column ${k}`, { pivot: k });
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = lu[k * n + j]!;
        lu[k * n + j] = lu[p * n + j]!;
        lu[p * n + j] = t;
      }
      const t = pivots[k]!;
      pivots[k] = pivots[p]!;
      pivots[p] = t;
      sign = -sign;
    }
    const ukk = lu[k * n + k]!;
    for (let i = k + 1; i < n; i++) {
      const lik = lu[i * n + k]! / ukk;
      lu[i * n + k] = lik;
      if (lik === 0) continue;
      for (let j = k + 1; j < n; j++) lu[i * n + j]! -= lik * lu[k * n + j]!;
    }
  }
  return { n, lu, pivots, sign };
}

/** Solve A·X = B from P·A = L·U: permute B, forward with unit L, back with U. Cost 2n²·nrhs. */
export function luSolve(factors: LuFactors, b: Float64Array, nrhs = 1): Float64Array {
  const { n, lu, pivots } = factors;
  checkSize('B', b, n * nrhs);
  const x = new Float64Array(n * nrhs);
  for (let i = 0; i < n; i++) for (let c = 0; c < nrhs; c++) x[i * nrhs + c] = b[pivots[i]! * nrhs + c]!;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < nrhs; c++) {
      let s = x[i * nrhs + c]!;
      for (let k = 0; k < i; k++) s -= lu[i * n + k]! * x[k * nrhs + c]!;
      x[i * nrhs + c] = s;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let c = 0; c < nrhs; c++) {
      let s = x[i * nrhs + c]!;
      for (let k = i + 1; k < n; k++) s -= lu[i * n + k]! * x[k * nrhs + c]!;
      x[i * nrhs + c] = s / lu[i * n + i]!;
    }
  }
  return x;
}

/** det(A) = sign(P)·Π U_ii from an LU factorisation. Cost n. */
export function luDeterminant(factors: LuFactors): number {
  let d = factors.sign;
  for (let i = 0; i < factors.n; i++) d *= factors.lu[i * factors.n + i]!;
  return d;
}

export interface QrFactors {
  /** m×p with orthonormal columns, p = min(m, n). */
  q: Float64Array;
  /** p×n upper triangular (upper trapezoidal when n > m). */
  r: Float64Array;
  p: number;
}

/**
 * Thin Householder QR, A = Q·R for A m×n: reflectors H_k = I − 2v_k v_kᵀ zero column k below the
 * diagonal (R_kk = −sign(x_0)·‖x‖, so no cancellation forming v), then Q = H_0 ⋯ H_{p−1}·[I_p; 0] is
 * accumulated explicitly. Cost 2mn² − 2n³/3 for R plus about the same for Q (m ≥ n).
 */
export function qrDecompose(a: Float64Array, m: number, n: number): QrFactors {
  checkSize('A', a, m * n);
  const p = Math.min(m, n);
  const r = Float64Array.from(a);
  const vs = new Float64Array(m * p); // v_k stored in column k, rows k..m−1
  const active = new Uint8Array(p);
  for (let k = 0; k < p; k++) {
    let norm2 = 0;
    for (let i = k; i < m; i++) norm2 += r[i * n + k]! * r[i * n + k]!;
    const norm = Math.sqrt(norm2);
    if (norm === 0) continue;
    const x0 = r[k * n + k]!;
    const alpha = x0 >= 0 ? -norm : norm;
    // v = x − α e₁, normalised; ‖v‖² = 2‖x‖² − 2αx₀ = 2(norm2 + |α x₀|)
    const vnorm = Math.sqrt(2 * (norm2 + Math.abs(alpha * x0)));
    if (vnorm === 0) continue;
    active[k] = 1;
    vs[k * p + k] = (x0 - alpha) / vnorm;
    for (let i = k + 1; i < m; i++) vs[i * p + k] = r[i * n + k]! / vnorm;
    for (let j = k; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += vs[i * p + k]! * r[i * n + j]!;
      s *= 2;
      for (let i = k; i < m; i++) r[i * n + j]! -= s * vs[i * p + k]!;
    }
    r[k * n + k] = alpha;
    for (let i = k + 1; i < m; i++) r[i * n + k] = 0;
  }
  const q = new Float64Array(m * p);
  for (let i = 0; i < p; i++) q[i * p + i] = 1;
  for (let k = p - 1; k >= 0; k--) {
    if (!active[k]) continue;
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += vs[i * p + k]! * q[i * p + j]!;
      s *= 2;
      for (let i = k; i < m; i++) q[i * p + j]! -= s * vs[i * p + k]!;
    }
  }
  return { q, r: r.slice(0, p * n), p };
}

/**
 * A Haar-distributed random orthogonal n×n matrix: Q from the QR factorisation of a matrix of
 * i.i.d. N(0, 1) entries, with column j multiplied by sign(R_jj) so that the factorisation is the
 * unique one with R_jj > 0 and Q is exactly Haar (Mezzadri, Notices AMS 54 (2007) 592). Draws n²
 * normals from `rng`. Cost about (8/3)n³.
 */
export function haarOrthogonal(n: number, rng: Rng): Float64Array {
  if (!(Number.isInteger(n) && n >= 1)) throw new PlateauError('BAD_PARAM', `matrix size n must be a positive integer, got ${n}`, { n });
  const g = rng.fillNormal(new Float64Array(n * n));
  const { q, r } = qrDecompose(g, n, n);
  for (let j = 0; j < n; j++) {
    if (r[j * n + j]! < 0) for (let i = 0; i < n; i++) q[i * n + j] = -q[i * n + j]!;
  }
  return q;
}
