/**
 * Power-law data (digest C9, §7.5): x ~ N(0, Λ) with λ_k = k^{−b}, teacher power
 * λ_k(β*_k)² = D·k^{−a*}/Z (Z = Σ_{k≤D} k^{−a*}, so the initial loss is 1), source exponent
 * β = (a* − 1)/b. Loss ℒ = (β − β*)ᵀΛ(β − β*)/D (no label noise).
 *
 * Rich (μP, two layers, infinite width, population gradient): track Q = W⁰ᵀW⁰/N, a = |w|²/N and
 * β with ũ = Λ(β − β*); the exact step is (all right-hand sides use old values)
 *   β' = β − η(Q + aI)ũ + (η²γ0²/D)(β·ũ)ũ,
 *   Q' = Q − (ηγ0²/D)(βũᵀ + ũβᵀ) + (η²γ0²a/D)ũũᵀ,
 *   a' = a − (2ηγ0²/D)(β·ũ) + (η²γ0²/D)ũᵀQũ,
 * from Q = I, a = 1, β = 0. Cost O(D²) per step (one mat-vec through `kernels()` and one fused
 * rank-2 update), memory D² doubles.
 * Lazy counterpart (kernel frozen at Q + aI = 2I): v_k(t) = −β*_k(1 − 2ηλ_k)^t, O(D) per step.
 */
import { kernels } from '../../src/compute/registry.ts';
import { PlateauError } from '../../src/core/errors.ts';

export interface PowerLawSpec {
  /** Number of modes D. */
  modes: number;
  /** Covariance exponent b (λ_k = k^{−b}). */
  b: number;
  /** Teacher power exponent a* (λ_k β*_k² ∝ k^{−a*}). */
  a: number;
  eta: number;
  gamma0: number;
  steps: number;
}

export interface PowerLawCurves {
  t: number[];
  lazy: Float64Array;
  rich: Float64Array;
  /** β = (a* − 1)/b. */
  source: number;
}

function spectrum(spec: PowerLawSpec): { lambda: Float64Array; teacher: Float64Array } {
  const D = spec.modes;
  const lambda = new Float64Array(D);
  const teacher = new Float64Array(D);
  let Z = 0;
  for (let k = 1; k <= D; k++) Z += Math.pow(k, -spec.a);
  for (let k = 1; k <= D; k++) {
    lambda[k - 1] = Math.pow(k, -spec.b);
    teacher[k - 1] = Math.sqrt((D * Math.pow(k, spec.b - spec.a)) / Z);
  }
  return { lambda, teacher };
}

/** Lazy loss ℒ(t) = Σ_k λ_k β*_k² (1 − 2ηλ_k)^{2t}/D, t = 0..steps−1. */
function lazyPowerLaw(spec: PowerLawSpec): Float64Array {
  const { lambda, teacher } = spectrum(spec);
  const out = new Float64Array(spec.steps);
  const D = spec.modes;
  const factor = new Float64Array(D).fill(1);
  for (let t = 0; t < spec.steps; t++) {
    let loss = 0;
    for (let k = 0; k < D; k++) {
      loss += lambda[k]! * teacher[k]! * teacher[k]! * factor[k]! * factor[k]!;
      factor[k]! *= 1 - 2 * spec.eta * lambda[k]!;
    }
    out[t] = loss / D;
  }
  return out;
}

/** State of the C9 recursion: Q = W⁰ᵀW⁰/N (D×D), a = |w|²/N, and the end-to-end vector β. */
export interface C9State {
  Q: Float64Array;
  a: number;
  beta: Float64Array;
}

/**
 * Run the C9 recursion (module comment) from `state` (updated in place) for x ~ N(0, diag λ) and
 * teacher β*; returns ℒ(t) = (β − β*)ᵀΛ(β − β*)/D before each step. Throws DIVERGED naming the
 * step on overflow. O(D²) per step.
 */
export function c9Recursion(state: C9State, lambda: Float64Array, teacher: Float64Array, eta: number, gamma0: number, steps: number, onStep?: (t: number) => void): Float64Array {
  const D = lambda.length;
  const { Q, beta } = state;
  const k = kernels();
  const u = new Float64Array(D);
  const Qu = new Float64Array(D);
  const out = new Float64Array(steps);
  const g2 = gamma0 * gamma0;
  for (let t = 0; t < steps; t++) {
    let loss = 0;
    for (let i = 0; i < D; i++) {
      const v = beta[i]! - teacher[i]!;
      u[i] = lambda[i]! * v;
      loss += v * u[i]!;
    }
    out[t] = loss / D;
    if (!(out[t]! < 1e30)) throw new PlateauError('DIVERGED', `power-law recursion diverged at step ${t} (loss ${out[t]})`, { step: t, value: String(out[t]) });
    onStep?.(t);
    if (t === steps - 1) break;
    const a = state.a;
    k.matvec(D, D, Q, u, Qu);
    const bu = k.reduce('dot', beta, u);
    const uQu = k.reduce('dot', u, Qu);
    const cSym = (-eta * g2) / D;
    const cUU = (eta * eta * g2 * a) / D;
    // Q ← Q − (ηγ0²/D)(βuᵀ + uβᵀ) + (η²γ0²a/D)uuᵀ, row by row (contiguous memory).
    for (let i = 0; i < D; i++) {
      const bi = cSym * beta[i]!;
      const uiS = cSym * u[i]!;
      const uiU = cUU * u[i]!;
      const row = i * D;
      for (let j = 0; j < D; j++) Q[row + j]! += bi * u[j]! + uiS * beta[j]! + uiU * u[j]!;
    }
    const cb = (eta * eta * g2 * bu) / D;
    for (let i = 0; i < D; i++) beta[i] = beta[i]! - eta * (Qu[i]! + a * u[i]!) + cb * u[i]!;
    state.a = a - (2 * eta * g2 * bu) / D + (eta * eta * g2 * uQu) / D;
  }
  return out;
}

/** Rich loss of the power-law setting from the μP infinite-width start Q = I, a = 1, β = 0. */
function richPowerLaw(spec: PowerLawSpec, onStep?: (t: number) => void): Float64Array {
  const { lambda, teacher } = spectrum(spec);
  const D = spec.modes;
  const Q = new Float64Array(D * D);
  for (let i = 0; i < D; i++) Q[i * D + i] = 1;
  return c9Recursion({ Q, a: 1, beta: new Float64Array(D) }, lambda, teacher, spec.eta, spec.gamma0, spec.steps, onStep);
}

/**
 * Least-squares slope of ln ℒ against ln t over steps in [t1, t2] (sampled geometrically, 40
 * points): the fitted power-law exponent.
 */
export function fittedExponent(loss: ArrayLike<number>, t1: number, t2: number, points = 40): number {
  const xs: number[] = [];
  const ys: number[] = [];
  let last = -1;
  for (let i = 0; i < points; i++) {
    const t = Math.round(t1 * Math.pow(t2 / t1, i / (points - 1)));
    if (t === last || t >= loss.length) continue;
    last = t;
    xs.push(Math.log(t));
    ys.push(Math.log(loss[t]!));
  }
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxy / sxx;
}

/** Lazy and rich curves of one power-law setting. */
export function powerLawCurves(spec: PowerLawSpec, onStep?: (t: number) => void): PowerLawCurves {
  if (!(spec.a > 1 && spec.b > 0)) {
    throw new PlateauError('BAD_PARAM', `power-law data need a* > 1 and b > 0 (finite teacher norm), got a*=${spec.a}, b=${spec.b}`, { value: [spec.a, spec.b] });
  }
  return {
    t: Array.from({ length: spec.steps }, (_, i) => i),
    lazy: lazyPowerLaw(spec),
    rich: richPowerLaw(spec, onStep),
    source: (spec.a - 1) / spec.b,
  };
}
