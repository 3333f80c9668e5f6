/**
 * The finite-d implicit-bias interpolator of a diagonal linear network (digest §6.1):
 *   w∞ = argmin Σ_i ψ_α(w_i)  subject to  Xw = y,
 * ψ_α(w) = ½[w·asinh(w/α²) − √(w² + α⁴) + α²] (hyperbolic entropy), the λ = 0 end point of
 * gradient flow from u = v = α. Solved on the dual, independently of any training run:
 *   maximise Φ(ν) = νᵀy − Σ_i ψ*_α([Xᵀν]_i),  ψ*_α(G) = (α²/2)(cosh 2G − 1),
 * ∇Φ = y − Xw(ν) with w(ν) = α²sinh(2Xᵀν), ∇²Φ = −X·diag(2α²cosh 2Xᵀν)·Xᵀ: Newton steps with
 * backtracking (Armijo on Φ), each an n×n Cholesky solve. Cost per step O(n²d/2 + n³/3).
 */
import { PlateauError } from '../../core/errors.ts';
import { kernels } from '../../compute/registry.ts';
import { cholesky, choleskySolve } from '../../numeric/linalg.ts';
import { CoordinateMap, type DlnProblem } from '../diagonal-linear-net.ts';

/** A solve that stalls in round-off above the tolerance is still accepted below this residual. */
const STALL_TOLERANCE = 1e-7;

export interface InterpolatorResult {
  w: Float64Array;
  /** ‖y − Xw‖/‖y‖ at the end. */
  residual: number;
  iterations: number;
}

/**
 * Cholesky factor of the Newton matrix X·diag(D)·Xᵀ, which loses definiteness to round-off when D
 * spans many decades: retry with a diagonal shift growing from 1e-13 to 1e-3 of the largest
 * diagonal entry (a Levenberg damping that keeps the step an ascent direction).
 */
function dampedCholesky(h: Float64Array, n: number): Float64Array {
  let top = 0;
  for (let i = 0; i < n; i++) top = Math.max(top, h[i * n + i]!);
  for (let shift = 1e-13; ; shift *= 100) {
    try {
      return cholesky(h, n, { jitter: shift * top });
    } catch (e) {
      if (shift > 1e-3) throw e;
    }
  }
}

/** Solve to relative residual `tolerance` (default 1e-9). NOT_CONVERGED names the residual. */
export function minPotentialInterpolator(problem: DlnProblem, alpha: number, opts: { tolerance?: number; maxIter?: number } = {}): InterpolatorResult {
  const { n, d, X, y } = problem;
  const tol = opts.tolerance ?? 1e-9;
  const maxIter = opts.maxIter ?? 100;
  const K = kernels();
  const map = new CoordinateMap({ alpha, lambda: 0 });
  const nu = new Float64Array(n);
  const trial = new Float64Array(n);
  const G = new Float64Array(d);
  const w = new Float64Array(d);
  const D = new Float64Array(d);
  const r = new Float64Array(n);
  const scaled = new Float64Array(n * d);
  const hess = new Float64Array(n * n);
  let yNorm = 0;
  for (let i = 0; i < n; i++) yNorm += y[i]! * y[i]!;
  yNorm = Math.sqrt(yNorm);
  // Φ(ν), filling G, w, D and the residual r = y − Xw(ν) as side effects.
  const evaluate = (v: Float64Array): number => {
    K.matvec(n, d, X, v, G, { trans: true });
    let conj = 0;
    for (let i = 0; i < d; i++) {
      w[i] = map.value(G[i]!);
      D[i] = map.slope;
      conj += 0.25 * D[i]! - 0.5 * alpha * alpha; // ψ* = (α²/2)(cosh 2G − 1) = D/4 − α²/2
    }
    K.matvec(n, d, X, w, r);
    let vy = 0;
    for (let i = 0; i < n; i++) {
      vy += v[i]! * y[i]!;
      r[i] = y[i]! - r[i]!;
    }
    return vy - conj;
  };
  let phi = evaluate(nu);
  for (let it = 0; it < maxIter; it++) {
    let rn = 0;
    for (let i = 0; i < n; i++) rn += r[i]! * r[i]!;
    const residual = Math.sqrt(rn) / yNorm;
    if (residual <= tol) return { w: Float64Array.from(w), residual, iterations: it };
    // Newton direction: (X diag(D) Xᵀ) Δν = r.
    for (let i = 0; i < n; i++) {
      const o = i * d;
      for (let j = 0; j < d; j++) scaled[o + j] = X[o + j]! * Math.sqrt(D[j]!);
    }
    kernels().gram(n, d, scaled, hess, { side: 'AAt' });
    const step = choleskySolve(dampedCholesky(hess, n), n, r);
    let slope = 0;
    for (let i = 0; i < n; i++) slope += step[i]! * r[i]!;
    // Backtracking: accept when Φ rises by the Armijo fraction, or, once Φ's change is lost in
    // round-off near the optimum, when the residual norm falls.
    // Trust region in the mirror coordinate: G = Xᵀν moves by at most 2 per step (w changes by at
    // most a factor e⁴), which keeps the first steps from tiny α finite.
    K.matvec(n, d, X, step, G, { trans: true });
    let dG = 0;
    for (let i = 0; i < d; i++) dG = Math.max(dG, Math.abs(G[i]!));
    let s = Math.min(1, 2 / dG);
    const saved = Float64Array.from(nu);
    for (let halvings = 0; ; halvings++) {
      for (let i = 0; i < n; i++) trial[i] = saved[i]! + s * step[i]!;
      const next = evaluate(trial);
      let rt = 0;
      for (let i = 0; i < n; i++) rt += r[i]! * r[i]!;
      if (Number.isFinite(next) && (next >= phi + 1e-4 * s * slope || Math.sqrt(rt) / yNorm < (1 - 1e-4 * s) * residual)) {
        phi = next;
        nu.set(trial);
        break;
      }
      s *= 0.5;
      if (halvings === 40) {
        evaluate(saved);
        if (residual <= STALL_TOLERANCE) return { w: Float64Array.from(w), residual, iterations: it };
        throw new PlateauError('NOT_CONVERGED', `dual Newton for the min-ψ interpolator: line search failed at step ${it} (relative residual ${residual.toExponential(2)})`, { residual });
      }
    }
  }
  const resid = Math.sqrt(r.reduce((a, v) => a + v * v, 0)) / yNorm;
  if (resid <= STALL_TOLERANCE) return { w: Float64Array.from(w), residual: resid, iterations: maxIter };
  throw new PlateauError('NOT_CONVERGED', `dual Newton for the min-ψ interpolator stopped after ${maxIter} steps at relative residual ${resid.toExponential(2)}`, { residual: resid });
}
