/**
 * Exact limits of the deep-linear DMFT, used as checks (digest §4):
 * - lazy full batch (NTK, ν → ∞): linear-regression GD with step e = κη from a random start of
 *   variance 1/γ̄², averaged over the Marchenko–Pastur law of Σ̂ (§4.1);
 * - lazy one-pass SGD: a scalar recursion (§4.2, declared `onlineRecursion`);
 * - rich mean field (μP, L = 1, ν = α → ∞): a three-variable recursion (§4.3, declared `richM`,
 *   `richA`, `richQ`).
 */
import { compileDeclared } from './declared.ts';

/** Continuous part of the Marchenko–Pastur law of Σ̂ = XᵀX/P (q = D/P = 1/α) as quadrature nodes. */
export interface MpRule {
  lambda: Float64Array;
  weight: Float64Array;
  /** Mass 1 − α of the atom at λ = 0 (α < 1), else 0. */
  atom: number;
}

/**
 * Nodes and weights of the MP density √((λ₊−λ)(λ−λ₋))/(2πqλ) on [λ₋, λ₊], λ± = (1 ± √q)²: with
 * λ = λ₋ + (λ₊−λ₋)(1 − cos θ)/2 the integrand becomes smooth and periodic in θ ∈ [0, π], so the
 * midpoint rule converges spectrally (digest §4.1). Cost O(points).
 */
function marchenkoPastur(alpha: number, points = 4000): MpRule {
  const q = 1 / alpha;
  const lo = (1 - Math.sqrt(q)) ** 2;
  const hi = (1 + Math.sqrt(q)) ** 2;
  const half = (hi - lo) / 2;
  const lambda = new Float64Array(points);
  const weight = new Float64Array(points);
  for (let j = 0; j < points; j++) {
    const theta = ((j + 0.5) * Math.PI) / points;
    const l = lo + half * (1 - Math.cos(theta));
    const sin = Math.sin(theta);
    lambda[j] = l;
    weight[j] = ((Math.PI / points) * half * half * sin * sin) / (2 * Math.PI * q * l);
  }
  return { lambda, weight, atom: Math.max(0, 1 - alpha) };
}

export interface LazyParams {
  alpha: number;
  /** The lazy kernel multiplier κ (L + 1 for the plain network). */
  kappa: number;
  /** γ̄: the initial function has variance 1/γ̄². */
  gbar: number;
  eta: number;
  sigma: number;
}

/**
 * Lazy full-batch losses (digest §4.1), e = κη:
 *   L_test(t)  = (1+γ̄⁻²) E_ρ[(1−eλ)^{2t}] + (σ²/α) E_ρ[(1 − (1−eλ)^t)²/λ; λ>0] + σ²,
 *   L_train(t) = (1+γ̄⁻²) E_ρ[λ(1−eλ)^{2t}] + σ²{(1/α) E_ρ[(1−eλ)^{2t}; λ>0] + max(0, 1 − 1/α)}.
 * Cost O(T·points).
 */
export function lazyFullBatch(p: LazyParams, T: number, points = 4000): { testLoss: Float64Array; trainLoss: Float64Array } {
  const { lambda, weight, atom } = marchenkoPastur(p.alpha, points);
  const e = p.kappa * p.eta;
  const start = 1 + 1 / (p.gbar * p.gbar);
  const s2 = p.sigma * p.sigma;
  const testLoss = new Float64Array(T);
  const trainLoss = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let decay = atom;
    let decayPositive = 0;
    let trainDecay = 0;
    let noise = 0;
    for (let j = 0; j < lambda.length; j++) {
      const l = lambda[j]!;
      const r = Math.pow(1 - e * l, t);
      const w = weight[j]!;
      decay += w * r * r;
      decayPositive += w * r * r;
      trainDecay += w * l * r * r;
      noise += (w * (1 - r) * (1 - r)) / l;
    }
    testLoss[t] = start * decay + (s2 / p.alpha) * noise + s2;
    trainLoss[t] = start * trainDecay + s2 * (decayPositive / p.alpha + Math.max(0, 1 - 1 / p.alpha));
  }
  return { testLoss, trainLoss };
}

/** Lazy one-pass SGD (digest §4.2): the declared recursion from c(0) = 1 + γ̄⁻²; L_test = c + σ². */
export function lazyOnePass(p: Omit<LazyParams, 'alpha'> & { batch: number }, T: number): Float64Array {
  const next = compileDeclared('onlineRecursion', ['c', 'estep', 'batch', 'sigma']);
  const e = p.kappa * p.eta;
  const out = new Float64Array(T);
  let c = 1 + 1 / (p.gbar * p.gbar);
  for (let t = 0; t < T; t++) {
    out[t] = c + p.sigma * p.sigma;
    c = next(c, e, p.batch, p.sigma);
  }
  return out;
}

/**
 * Rich mean-field recursion (digest §4.3; μP, L = 1, ν = α → ∞) from m = 0, a = q = 1:
 * L_test = (m − 1)² + σ². The declared right-hand sides all use the old values.
 */
export function richMeanField(p: { gamma0: number; eta: number; sigma: number }, T: number): Float64Array {
  const args = ['m', 'a', 'q', 'eta', 'gamma0'];
  const fm = compileDeclared('richM', args);
  const fa = compileDeclared('richA', args);
  const fq = compileDeclared('richQ', args);
  const out = new Float64Array(T);
  let m = 0;
  let a = 1;
  let q = 1;
  for (let t = 0; t < T; t++) {
    out[t] = (m - 1) ** 2 + p.sigma * p.sigma;
    [m, a, q] = [fm(m, a, q, p.eta, p.gamma0), fa(m, a, q, p.eta, p.gamma0), fq(m, a, q, p.eta, p.gamma0)];
  }
  return out;
}
