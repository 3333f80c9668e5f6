/**
 * Eigenvalues of a general real square matrix (row-major, n up to a few hundred): balancing,
 * Householder reduction to upper Hessenberg form, and Francis double-shift QR (EISPACK
 * balanc/orthes/hqr). Needed for products of random matrices, whose eigenvalues are complex.
 */
import { PlateauError } from '../core/errors.ts';

export interface ComplexEigenvalues {
  re: Float64Array;
  im: Float64Array;
}

/** Scale rows and columns by powers of 2 so their norms are comparable (EISPACK balanc). O(n²) per pass. */
function balance(a: Float64Array, n: number): void {
  const radix = 2;
  const sqrdx = radix * radix;
  let done = false;
  while (!done) {
    done = true;
    for (let i = 0; i < n; i++) {
      let r = 0;
      let c = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        c += Math.abs(a[j * n + i]!);
        r += Math.abs(a[i * n + j]!);
      }
      if (c === 0 || r === 0) continue;
      let g = r / radix;
      let f = 1;
      const s = c + r;
      while (c < g) {
        f *= radix;
        c *= sqrdx;
      }
      g = r * radix;
      while (c > g) {
        f /= radix;
        c /= sqrdx;
      }
      if ((c + r) / f < 0.95 * s) {
        done = false;
        const ginv = 1 / f;
        for (let j = 0; j < n; j++) a[i * n + j]! *= ginv;
        for (let j = 0; j < n; j++) a[j * n + i]! *= f;
      }
    }
  }
}

/** Householder similarity reduction to upper Hessenberg form, in place. Cost (10/3)n³. */
function hessenberg(a: Float64Array, n: number): void {
  const v = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) norm2 += a[i * n + k]! * a[i * n + k]!;
    if (norm2 === 0) continue;
    const x0 = a[(k + 1) * n + k]!;
    const alpha = x0 >= 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    const vnorm = Math.sqrt(2 * (norm2 + Math.abs(alpha * x0)));
    v[k + 1] = (x0 - alpha) / vnorm;
    for (let i = k + 2; i < n; i++) v[i] = a[i * n + k]! / vnorm;
    // A ← H·A on rows k+1.., then A ← A·H on columns k+1.. (H = I − 2vvᵀ).
    for (let j = k; j < n; j++) {
      let s = 0;
      for (let i = k + 1; i < n; i++) s += v[i]! * a[i * n + j]!;
      s *= 2;
      for (let i = k + 1; i < n; i++) a[i * n + j]! -= s * v[i]!;
    }
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = k + 1; j < n; j++) s += a[i * n + j]! * v[j]!;
      s *= 2;
      for (let j = k + 1; j < n; j++) a[i * n + j]! -= s * v[j]!;
    }
    a[(k + 1) * n + k] = alpha;
    for (let i = k + 2; i < n; i++) a[i * n + k] = 0;
  }
}

/**
 * All eigenvalues λ = re + i·im of a general real n×n matrix: balancing, Householder reduction to
 * Hessenberg form, then Francis double-shift QR with deflation (EISPACK hqr; Numerical Recipes
 * §11.6) and an exceptional shift every 10 iterations without deflation. Complex eigenvalues come in
 * conjugate pairs (positive imaginary part first). Backward stable: the eigenvalues of a matrix
 * within ε·‖A‖ of A, so well-conditioned eigenvalues are accurate to about ε·‖A‖. Cost about 10n³
 * for the reduction and QR together. NOT_CONVERGED if an eigenvalue needs more than 100 iterations.
 */
export function eigenvaluesGeneral(a: Float64Array, n: number): ComplexEigenvalues {
  if (!(Number.isInteger(n) && n >= 1) || a.length !== n * n) {
    throw new PlateauError('BAD_PARAM', `expected an n×n matrix with n = ${n}, got ${a.length} entries`, { n, length: a.length });
  }
  const h = Float64Array.from(a);
  balance(h, n);
  hessenberg(h, n);
  const wr = new Float64Array(n);
  const wi = new Float64Array(n);
  hessenbergQr(h, n, wr, wi);
  return { re: wr, im: wi };
}

/** Francis double-shift QR on the upper Hessenberg matrix `a` (destroyed). */
function hessenbergQr(a: Float64Array, n: number, wr: Float64Array, wi: Float64Array): void {
  const A = (i: number, j: number): number => a[i * n + j]!;
  let anorm = 0;
  for (let i = 0; i < n; i++) for (let j = Math.max(i - 1, 0); j < n; j++) anorm += Math.abs(A(i, j));
  let nn = n - 1;
  let t = 0; // accumulated exceptional shifts
  let p = 0;
  let q = 0;
  let r = 0;
  let z = 0;
  while (nn >= 0) {
    let its = 0;
    let l: number;
    do {
      // Look for a single small subdiagonal element.
      for (l = nn; l >= 1; l--) {
        let s = Math.abs(A(l - 1, l - 1)) + Math.abs(A(l, l));
        if (s === 0) s = anorm;
        if (Math.abs(A(l, l - 1)) + s === s) {
          a[l * n + l - 1] = 0;
          break;
        }
      }
      let x = A(nn, nn);
      if (l === nn) {
        wr[nn] = x + t;
        wi[nn] = 0;
        nn--;
      } else {
        let y = A(nn - 1, nn - 1);
        let w = A(nn, nn - 1) * A(nn - 1, nn);
        if (l === nn - 1) {
          // A 2×2 block deflates: its two eigenvalues.
          p = 0.5 * (y - x);
          q = p * p + w;
          z = Math.sqrt(Math.abs(q));
          x += t;
          if (q >= 0) {
            z = p + (p >= 0 ? z : -z);
            wr[nn - 1] = wr[nn] = x + z;
            if (z !== 0) wr[nn] = x - w / z;
            wi[nn - 1] = wi[nn] = 0;
          } else {
            wr[nn - 1] = wr[nn] = x + p;
            wi[nn - 1] = z;
            wi[nn] = -z;
          }
          nn -= 2;
        } else {
          if (its >= 100) {
            throw new PlateauError('NOT_CONVERGED', `Hessenberg QR: eigenvalue ${nn} not found in 100 iterations`, {
              index: nn,
              residual: Math.abs(A(nn, nn - 1)),
            });
          }
          if (its > 0 && its % 10 === 0) {
            // Exceptional shift, to break cycles (e.g. of orthogonal matrices).
            t += x;
            for (let i = 0; i <= nn; i++) a[i * n + i] = A(i, i) - x;
            const s = Math.abs(A(nn, nn - 1)) + Math.abs(A(nn - 1, nn - 2));
            y = x = 0.75 * s;
            w = -0.4375 * s * s;
          }
          its++;
          // Look for two consecutive small subdiagonal elements.
          let m: number;
          for (m = nn - 2; m >= l; m--) {
            z = A(m, m);
            r = x - z;
            const s0 = y - z;
            p = (r * s0 - w) / A(m + 1, m) + A(m, m + 1);
            q = A(m + 1, m + 1) - z - r - s0;
            r = A(m + 2, m + 1);
            const s = Math.abs(p) + Math.abs(q) + Math.abs(r);
            p /= s;
            q /= s;
            r /= s;
            if (m === l) break;
            const u = Math.abs(A(m, m - 1)) * (Math.abs(q) + Math.abs(r));
            const v = Math.abs(p) * (Math.abs(A(m - 1, m - 1)) + Math.abs(z) + Math.abs(A(m + 1, m + 1)));
            if (u + v === v) break;
          }
          for (let i = m + 2; i <= nn; i++) {
            a[i * n + i - 2] = 0;
            if (i !== m + 2) a[i * n + i - 3] = 0;
          }
          // Double QR step on rows l..nn and columns m..nn.
          for (let k = m; k <= nn - 1; k++) {
            if (k !== m) {
              p = A(k, k - 1);
              q = A(k + 1, k - 1);
              r = k !== nn - 1 ? A(k + 2, k - 1) : 0;
              x = Math.abs(p) + Math.abs(q) + Math.abs(r);
              if (x !== 0) {
                p /= x;
                q /= x;
                r /= x;
              }
            }
            const sNorm = Math.sqrt(p * p + q * q + r * r);
            const s = p >= 0 ? sNorm : -sNorm;
            if (s !== 0) {
              if (k === m) {
                if (l !== m) a[k * n + k - 1] = -A(k, k - 1);
              } else {
                a[k * n + k - 1] = -s * x;
              }
              p += s;
              x = p / s;
              y = q / s;
              z = r / s;
              q /= p;
              r /= p;
              for (let j = k; j <= nn; j++) {
                p = A(k, j) + q * A(k + 1, j);
                if (k !== nn - 1) {
                  p += r * A(k + 2, j);
                  a[(k + 2) * n + j] = A(k + 2, j) - p * z;
                }
                a[(k + 1) * n + j] = A(k + 1, j) - p * y;
                a[k * n + j] = A(k, j) - p * x;
              }
              const mmin = nn < k + 3 ? nn : k + 3;
              for (let i = l; i <= mmin; i++) {
                p = x * A(i, k) + y * A(i, k + 1);
                if (k !== nn - 1) {
                  p += z * A(i, k + 2);
                  a[i * n + k + 2] = A(i, k + 2) - p * r;
                }
                a[i * n + k + 1] = A(i, k + 1) - p * q;
                a[i * n + k] = A(i, k) - p;
              }
            }
          }
        }
      }
    } while (l < nn - 1);
  }
}
