/**
 * Finite-d diagonal linear networks on sparse linear regression (Nishiyama & Imaizumi,
 * arXiv:2510.01930, in the convention of the Plateau digest §2):
 *   x_μ ~ N(0, I_d/d), μ = 1..n = round(δd);  y = Xw* + ξ, ξ ~ N(0, σ²);
 *   w* with exactly round(ρd) entries ±1 at random positions (random signs), the rest 0;
 *   w = (u⊙u − v⊙v)/2, u(0) = v(0) = α;  L = (1/2n)‖y − Xw‖² + (λ/2d)(‖u‖² + ‖v‖²);
 *   time rescaled by d: du/dt = (g − λ)u, dv/dt = −(g + λ)v, g = (1/δ)Xᵀ(y − Xw).
 * Test error ‖w − w*‖²/d, train error ‖y − Xw‖²/(2n).
 *
 * Two trainers on a given step sequence η_k:
 * - the G-scheme G_{k+1} = G_k + η_k·g_k, w_k = α²e^{−2λt_k}·sinh 2G_k (the exact flow with g frozen
 *   over each step; the algorithm the DMFT describes exactly);
 * - plain gradient descent on (u, v): u ← u + η(g − λ)u, v ← v − η(g + λ)v (differs by O(η)).
 * Cost O(n·d) per step (two matrix–vector products through `kernels()`); deterministic per seed.
 */
import { PlateauError } from '../core/errors.ts';
import { Rng } from '../core/rng.ts';
import { kernels } from '../compute/registry.ts';

/**
 * F and A at one point, overflow-safe: with c = 2 ln α − 2λt (the log of α_eff²),
 * F = e^{c}·sinh 2G and A = 2e^{c}·cosh 2G, evaluated as ½(e^{2|G|+c} ∓ e^{c−2|G|}) in log space
 * when e^{c} or sinh 2G would leave the float range (tiny α, large |G|).
 */
export class CoordinateMap {
  /** e^{c} = α²e^{−2λt} at the current time. */
  private scale = 0;
  private logScale = 0;
  private logSpace = false;
  /** A(G, t) of the last `value` call. */
  slope = 0;

  constructor(readonly model: { alpha: number; lambda: number }) {
    this.at(0);
  }

  /** Set the time t. */
  at(t: number): this {
    this.logScale = 2 * Math.log(this.model.alpha) - 2 * this.model.lambda * t;
    this.scale = Math.exp(this.logScale);
    this.logSpace = !(this.scale > 1e-300 && this.scale < 1e300);
    return this;
  }

  /**
   * w = F(G, t); sets `slope` = A(G, t). One expm1 per call: with e = e^{2|G|} − 1,
   * sinh 2|G| = e(e + 2)/(2(e + 1)) and cosh 2G = 1 + e²/(2(e + 1)), accurate for small |G| too.
   */
  value(G: number): number {
    const a = Math.abs(2 * G);
    // e² must stay finite: 2|G| < 340.
    if (!this.logSpace && a < 340) {
      const e = Math.expm1(a);
      const inv = 1 / (2 * (e + 1));
      this.slope = 2 * this.scale * (1 + e * e * inv);
      const w = this.scale * e * (e + 2) * inv;
      return G < 0 ? -w : w;
    }
    const up = Math.exp(a + this.logScale);
    const down = Math.exp(this.logScale - a);
    this.slope = up + down;
    const w = 0.5 * (up - down);
    return G < 0 ? -w : w;
  }
}

export interface DlnProblemSpec {
  d: number;
  delta: number;
  rho: number;
  sigma: number;
  seed: number;
}

/** One data set: X (n×d, row-major), y, the teacher w* and the noise level. */
export interface DlnProblem {
  d: number;
  n: number;
  delta: number;
  X: Float64Array;
  y: Float64Array;
  wStar: Float64Array;
  seed: number;
}

/** Draw a data set (independent streams for X, the teacher and the noise). O(n·d). */
export function dlnProblem(spec: DlnProblemSpec): DlnProblem {
  const { d, delta, rho, sigma, seed } = spec;
  const n = Math.round(delta * d);
  if (!(Number.isInteger(d) && d >= 2 && n >= 1)) throw new PlateauError('BAD_PARAM', `need an integer d ≥ 2 with n = round(δd) ≥ 1, got d=${d}, δ=${delta}`, { param: 'd', value: d });
  const X = new Float64Array(n * d);
  Rng.derive(seed, 'dln', 'X').fillNormal(X, 1 / Math.sqrt(d));
  const wStar = new Float64Array(d);
  const teacher = Rng.derive(seed, 'dln', 'teacher');
  const order = Array.from({ length: d }, (_, i) => i);
  teacher.shuffle(order);
  const support = Math.round(rho * d);
  for (let i = 0; i < support; i++) wStar[order[i]!] = teacher.sign();
  const y = new Float64Array(n);
  kernels().matvec(n, d, X, wStar, y);
  const noise = Rng.derive(seed, 'dln', 'noise');
  for (let i = 0; i < n; i++) y[i]! += sigma * noise.normal();
  return { d, n, delta: n / d, X, y, wStar, seed };
}

export interface DlnTrainSpec {
  alpha: number;
  lambda: number;
  /** Step sizes η_k (length ≥ steps); times are t_k = Σ_{j<k} η_j. */
  eta: ArrayLike<number>;
  /** Points recorded: t_0 … t_{steps} (steps + 1 records). Default eta.length − 1. */
  steps?: number;
  algorithm?: 'g-scheme' | 'gd';
  signal?: AbortSignal;
}

export interface DlnTrajectory {
  t: Float64Array;
  testError: Float64Array;
  trainError: Float64Array;
  /** Full objective: train error + (λ/2d)(‖u‖² + ‖v‖²). */
  loss: Float64Array;
  /** Weights at the last record. */
  w: Float64Array;
  /** Integrated gradient G at the last record (G-scheme), or ½ln(u/v) (GD). */
  G: Float64Array;
}

/**
 * Train on `problem` and record errors at t_0 … t_steps. The G-scheme evaluates
 * w = α²e^{−2λt}sinh 2G in log space (no overflow at tiny α). DIVERGED names the step on blow-up.
 */
export function trainDln(problem: DlnProblem, spec: DlnTrainSpec): DlnTrajectory {
  const { d, n, delta, X, y, wStar } = problem;
  const { alpha, lambda } = spec;
  const steps = spec.steps ?? spec.eta.length - 1;
  if (spec.eta.length < steps) throw new PlateauError('BAD_INPUT', `need ${steps} step sizes, got ${spec.eta.length}`);
  const K = kernels();
  const gd = spec.algorithm === 'gd';
  const G = new Float64Array(d);
  const u = new Float64Array(d).fill(alpha);
  const v = new Float64Array(d).fill(alpha);
  const w = new Float64Array(d);
  const r = new Float64Array(n);
  const g = new Float64Array(d);
  const out: DlnTrajectory = {
    t: new Float64Array(steps + 1),
    testError: new Float64Array(steps + 1),
    trainError: new Float64Array(steps + 1),
    loss: new Float64Array(steps + 1),
    w,
    G,
  };
  const map = new CoordinateMap({ alpha, lambda });
  let t = 0;
  for (let k = 0; ; k++) {
    // w_k from the state at t_k.
    let penalty = 0;
    if (gd) {
      for (let i = 0; i < d; i++) {
        w[i] = 0.5 * (u[i]! * u[i]! - v[i]! * v[i]!);
        penalty += u[i]! * u[i]! + v[i]! * v[i]!;
      }
    } else {
      map.at(t);
      for (let i = 0; i < d; i++) {
        w[i] = map.value(G[i]!);
        penalty += map.slope;
      }
    }
    // r = y − Xw, errors at t_k.
    K.matvec(n, d, X, w, r);
    let rr = 0;
    for (let i = 0; i < n; i++) {
      const ri = y[i]! - r[i]!;
      r[i] = ri;
      rr += ri * ri;
    }
    let ee = 0;
    for (let i = 0; i < d; i++) ee += (w[i]! - wStar[i]!) ** 2;
    out.t[k] = t;
    out.trainError[k] = rr / (2 * n);
    out.testError[k] = ee / d;
    out.loss[k] = out.trainError[k]! + (lambda / (2 * d)) * penalty;
    if (!Number.isFinite(out.trainError[k]!) || !Number.isFinite(out.testError[k]!)) {
      throw new PlateauError('DIVERGED', `DLN training diverged: train error ${out.trainError[k]} at step ${k}, t=${t}`, { step: k, t, value: String(out.trainError[k]) });
    }
    if (k === steps) break;
    if (spec.signal?.aborted) throw new PlateauError('IO', `training cancelled at step ${k}`, { step: k });
    // g = Xᵀr/δ, then one step.
    K.matvec(n, d, X, r, g, { trans: true, alpha: 1 / delta });
    const eta = spec.eta[k]!;
    if (gd) {
      for (let i = 0; i < d; i++) {
        u[i]! += eta * (g[i]! - lambda) * u[i]!;
        v[i]! -= eta * (g[i]! + lambda) * v[i]!;
      }
    } else {
      for (let i = 0; i < d; i++) G[i]! += eta * g[i]!;
    }
    t += eta;
  }
  if (gd) for (let i = 0; i < d; i++) G[i] = 0.5 * Math.log(Math.abs(u[i]! / v[i]!));
  return out;
}

