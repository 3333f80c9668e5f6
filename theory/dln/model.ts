/**
 * The diagonal linear network of Nishiyama & Imaizumi (arXiv:2510.01930) in Plateau's convention
 * (digest §2–§3): w = (u⊙u − v⊙v)/2, u(0) = v(0) = α, du/dt = (g − λ)u, dv/dt = −(g + λ)v with
 * g = (1/δ)Xᵀ(y − Xw) (time rescaled by d), and the exact coordinate map given the integrated
 * gradient G = ∫g:  w = F(G, t) = α²e^{−2λt}·sinh 2G,  A = ∂F/∂G = 2α²e^{−2λt}·cosh 2G.
 *
 * The discrete "G-scheme" G_{k+1} = G_k + η_k·g_k, w_k = F(G_k, t_k), t_k = Σ_{j<k} η_j, is what
 * both the DMFT and the finite-d simulation describe; `timeGrid` gives Plateau's default η_k.
 */
import { PlateauError } from '../../src/core/errors.ts';

/** The model parameters (digest §2): α init scale, δ = n/d, ρ teacher density, σ noise, λ ridge. */
export interface DlnModel {
  alpha: number;
  delta: number;
  rho: number;
  sigma: number;
  lambda: number;
}

export interface TimeGrid {
  /** t_k, k = 0..T−1, t_0 = 0. */
  t: Float64Array;
  /** η_k = t_{k+1} − t_k (the last entry is the step that would follow t_{T−1}). */
  eta: Float64Array;
  /** The rule, in words, for results and figure captions. */
  rule: string;
}

export interface GridOptions {
  /** Horizon: the grid runs until t_k ≥ tEnd. */
  tEnd: number;
  /** The base step c of η_k = c / max(1, 2α²e^{−2λt_k}) (default 0.05). */
  step?: number;
  /** Refuse grids longer than this (default 20 000 points). */
  maxSteps?: number;
}

/**
 * Plateau's default grid (digest §5): η_k = c/max(1, 2α²e^{−2λt_k}), c = 0.05. At λ = 0 it is
 * uniform (η = 0.05 for α ≤ 1/√2: T = 250 points reach t = 12.45); with λ > 0 and large α it
 * shrinks the early steps to keep η·A·(1 + δ^{−1/2})² < 2 while α_eff² = α²e^{−2λt} is large.
 */
export function timeGrid(m: DlnModel, opts: GridOptions): TimeGrid {
  const c = opts.step ?? 0.05;
  const maxSteps = opts.maxSteps ?? 20000;
  if (!(c > 0) || !(opts.tEnd > 0)) throw new PlateauError('BAD_INPUT', `time grid needs tEnd > 0 and step > 0, got tEnd=${opts.tEnd}, step=${c}`, { tEnd: opts.tEnd, step: c });
  const eta = (t: number) => c / Math.max(1, 2 * m.alpha * m.alpha * Math.exp(-2 * m.lambda * t));
  const ts: number[] = [0];
  const etas: number[] = [];
  let t = 0;
  while (t < opts.tEnd * (1 - 1e-12)) {
    const h = eta(t);
    etas.push(h);
    t += h;
    ts.push(t);
    if (ts.length > maxSteps) {
      throw new PlateauError('REFUSED', `the time grid to t=${opts.tEnd} needs more than ${maxSteps} steps (η starts at ${eta(0).toExponential(2)}); shorten --t-end or raise --step`, { tEnd: opts.tEnd, maxSteps });
    }
  }
  etas.push(eta(t));
  const rule = m.lambda > 0 ? `η_k = ${c}/max(1, 2α²e^{−2λt_k})` : `uniform η = ${c}/max(1, 2α²) = ${Number(eta(0).toPrecision(6))}`;
  return { t: Float64Array.from(ts), eta: Float64Array.from(etas), rule };
}

/** A grid from explicit step sizes (for tests and replays): t_0 = 0, t_{k+1} = t_k + η_k. */
export function gridFromSteps(eta: ArrayLike<number>): TimeGrid {
  const T = eta.length;
  const t = new Float64Array(T);
  for (let k = 1; k < T; k++) t[k] = t[k - 1]! + eta[k - 1]!;
  return { t, eta: Float64Array.from(eta), rule: 'explicit steps' };
}
