/**
 * Basis pursuit  min ‖w‖₁ subject to Xw = y  (the α → 0 limit of the DLN's implicit bias, digest
 * §6.4): an independent solver that shares nothing with the DLN dynamics or the potential ψ_α.
 *
 * 1. ADMM on w = z (Boyd et al. 2011, §6.2) with penalty ρ = 1:
 *      w ← Π(z − u)  (projection on {Xw = y}: v − Xᵀ(XXᵀ)⁻¹(Xv − y), one n×n Cholesky up front),
 *      ŵ = a·w + (1 − a)·z (over-relaxation a = 1.6),  z ← S_{1/ρ}(ŵ + u),  u ← u + ŵ − z.
 * 2. Polish to the exact vertex on a support guessed from ADMM and certify it by LP duality
 *    (see `polish`). Polishing is tried after 50, 100, 200, … further ADMM iterations until certified.
 * Cost O(n·d) per ADMM iteration, O(n³) per polish.
 */
import { PlateauError } from '../../core/errors.ts';
import { kernels } from '../../compute/registry.ts';
import { cholesky, choleskySolve, luDecompose, luSolve } from '../../numeric/linalg.ts';
import type { DlnProblem } from '../diagonal-linear-net.ts';

/** ADMM iterations before the first polishing attempt; the interval doubles after each failure. */
const FIRST_POLISH = 50;

export interface BasisPursuitResult {
  w: Float64Array;
  /** ADMM iterations used. */
  iterations: number;
  /** max_i |x_iᵀν| − 1 over all coordinates (≤ 1e-9: the returned w is certified optimal). */
  dualInfeasibility: number;
}

/**
 * Exact vertex on a support guessed from ADMM, certified by LP duality, with a few simplex pivots
 * when the guess is off by a coordinate or two. The guess ranks coordinates by the dual estimate
 * |ρu_i| (= 1 on the active set, < 1 off it), ties by |z_i|, and keeps n of them. On a support S:
 * X_S·w_S = y and X_Sᵀν = sgn(w_S) by LU, so ‖w‖₁ = yᵀν; w is optimal when max_i |x_iᵀν| ≤ 1.
 * Otherwise the most violated j enters (w_j grows with the sign of x_jᵀν, which lowers ‖w‖₁) and
 * the first entry of w_S to reach zero leaves (ratio test). O(n³ + n·d) per pivot.
 */
function polish(problem: DlnProblem, z: Float64Array, dualEstimate: Float64Array, maxPivots = 12): { w: Float64Array; dualInfeasibility: number } | undefined {
  const { n, d, X, y } = problem;
  const K = kernels();
  const score = (i: number) => Math.abs(dualEstimate[i]!) + 1e-3 * Math.tanh(Math.abs(z[i]!));
  const S = Array.from({ length: d }, (_, i) => i).sort((a, b) => score(b) - score(a)).slice(0, n);
  const xs = new Float64Array(n * n);
  const xtnu = new Float64Array(d);
  const column = new Float64Array(n);
  let worst = Infinity;
  for (let pivot = 0; ; pivot++) {
    for (let mu = 0; mu < n; mu++) {
      for (let c = 0; c < n; c++) {
        xs[mu * n + c] = X[mu * d + S[c]!]!;
      }
    }
    let lu: ReturnType<typeof luDecompose>;
    let wS: Float64Array;
    try {
      lu = luDecompose(xs, n);
      wS = luSolve(lu, y);
      K.matvec(n, d, X, luSolveTransposed(lu, wS.map((v) => Math.sign(v))), xtnu, { trans: true });
    } catch {
      return undefined;
    }
    worst = -Infinity;
    let enter = -1;
    const inS = new Set(S);
    for (let i = 0; i < d; i++) {
      const v = Math.abs(xtnu[i]!) - 1;
      if (v > worst) worst = v;
      if (!inS.has(i) && (enter < 0 || v > Math.abs(xtnu[enter]!) - 1)) enter = i;
    }
    const out = new Float64Array(d);
    S.forEach((i, c) => (out[i] = wS[c]!));
    if (worst <= CERTIFIED || pivot === maxPivots || enter < 0) return { w: out, dualInfeasibility: worst };
    // Ratio test: w_S(θ) = w_S − θσ·X_S⁻¹x_j; the first entry to reach zero leaves.
    const sigma = Math.sign(xtnu[enter]!);
    for (let mu = 0; mu < n; mu++) column[mu] = X[mu * d + enter]!;
    const dir = luSolve(lu, column);
    let leave = -1;
    let best = Infinity;
    for (let c = 0; c < n; c++) {
      const rate = sigma * dir[c]!;
      if (rate * wS[c]! > 0) {
        const theta = wS[c]! / rate;
        if (theta < best) {
          best = theta;
          leave = c;
        }
      }
    }
    if (leave < 0) return { w: out, dualInfeasibility: worst };
    S[leave] = enter;
  }
}

/**
 * Solve Aᵀx = b from P·A = L·U (so Aᵀ = UᵀLᵀP): Uᵀy = b forward, Lᵀq = y backward (unit), x = Pᵀq.
 * Cost 2n².
 */
function luSolveTransposed(f: ReturnType<typeof luDecompose>, b: Float64Array): Float64Array {
  const { n, lu, pivots } = f;
  const q = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = q[i]!;
    for (let k = 0; k < i; k++) s -= lu[k * n + i]! * q[k]!;
    q[i] = s / lu[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = q[i]!;
    for (let k = i + 1; k < n; k++) s -= lu[k * n + i]! * q[k]!;
    q[i] = s;
  }
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[pivots[i]!] = q[i]!;
  return x;
}

/** Largest dual infeasibility max_i |x_iᵀν| − 1 accepted as a certificate of optimality. */
const CERTIFIED = 1e-9;

export function basisPursuit(problem: DlnProblem, opts: { maxIter?: number } = {}): BasisPursuitResult {
  const { n, d, X, y } = problem;
  const maxIter = opts.maxIter ?? 50000;
  const K = kernels();
  const gram = new Float64Array(n * n);
  K.gram(n, d, X, gram, { side: 'AAt' });
  const chol = cholesky(gram, n);
  const w = new Float64Array(d);
  const z = new Float64Array(d);
  const u = new Float64Array(d);
  const v = new Float64Array(d);
  const xv = new Float64Array(n);
  const corr = new Float64Array(d);
  const zOld = new Float64Array(d);
  const relax = 1.6;
  const project = (src: Float64Array, out: Float64Array) => {
    K.matvec(n, d, X, src, xv);
    for (let i = 0; i < n; i++) xv[i] = xv[i]! - y[i]!;
    const lam = choleskySolve(chol, n, xv);
    K.matvec(n, d, X, lam, corr, { trans: true });
    for (let i = 0; i < d; i++) out[i] = src[i]! - corr[i]!;
  };
  const rho = 1;
  let best: { dualInfeasibility: number; w: Float64Array } = { dualInfeasibility: Infinity, w };
  const dualEstimate = new Float64Array(d);
  let nextPolish = FIRST_POLISH;
  let interval = FIRST_POLISH;
  for (let it = 1; it <= maxIter; it++) {
    for (let i = 0; i < d; i++) v[i] = z[i]! - u[i]!;
    project(v, w);
    zOld.set(z);
    let primal = 0;
    let dual = 0;
    let scale = 1;
    const thr = 1 / rho;
    for (let i = 0; i < d; i++) {
      const a = relax * w[i]! + (1 - relax) * zOld[i]! + u[i]!;
      const zi = a > thr ? a - thr : a < -thr ? a + thr : 0;
      z[i] = zi;
      u[i] = a - zi;
      primal = Math.max(primal, Math.abs(w[i]! - zi));
      dual = Math.max(dual, Math.abs(zi - zOld[i]!));
      scale = Math.max(scale, Math.abs(w[i]!));
    }
    if (it >= nextPolish && Math.max(primal, rho * dual) / scale <= 1e-2) {
      nextPolish = it + interval;
      interval *= 2;
      for (let i = 0; i < d; i++) dualEstimate[i] = rho * u[i]!;
      const p = polish(problem, z, dualEstimate);
      if (p && p.dualInfeasibility <= CERTIFIED) return { w: p.w, iterations: it, dualInfeasibility: p.dualInfeasibility };
      if (p && p.dualInfeasibility < best.dualInfeasibility) best = p;
    }
  }
  throw new PlateauError('NOT_CONVERGED', `basis pursuit: no certified vertex after ${maxIter} ADMM iterations (best dual infeasibility ${best.dualInfeasibility.toExponential(2)})`, { residual: best.dualInfeasibility });
}
