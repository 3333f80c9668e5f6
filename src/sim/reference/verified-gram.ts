/**
 * A·Aᵀ for the reference solvers, verified: the backend's `gram` is checked by Freivalds' test
 * (compare (AAᵀ)v with A(Aᵀv) for a random v, O(n·d + n²) instead of O(n²·d)), and recomputed
 * with plain loops when it fails. Reference solutions must not inherit a backend's fault.
 */
import { kernels } from '../../compute/registry.ts';
import { Rng } from '../../core/rng.ts';

/** out (m×m) ← A·Aᵀ for A m×n row-major. Returns whether the backend's product passed the check. */
export function verifiedGram(m: number, n: number, a: Float64Array, out: Float64Array): boolean {
  const K = kernels();
  K.gram(m, n, a, out, { side: 'AAt' });
  const v = new Rng(m * 7919 + n).fillNormal(new Float64Array(m));
  const atv = new Float64Array(n);
  const direct = new Float64Array(m);
  const viaProduct = new Float64Array(m);
  K.matvec(m, n, a, v, atv, { trans: true });
  K.matvec(m, n, a, atv, direct);
  K.matvec(m, m, out, v, viaProduct);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < m; i++) {
    diff = Math.max(diff, Math.abs(direct[i]! - viaProduct[i]!));
    scale = Math.max(scale, Math.abs(direct[i]!));
  }
  if (diff <= 1e-9 * scale) return true;
  // Plain product (upper triangle, mirrored), O(m²n/2).
  for (let i = 0; i < m; i++) {
    const ai = i * n;
    for (let j = i; j < m; j++) {
      const aj = j * n;
      let s = 0;
      for (let p = 0; p < n; p++) s += a[ai + p]! * a[aj + p]!;
      out[i * m + j] = s;
      out[j * m + i] = s;
    }
  }
  return false;
}
