/**
 * Finite-width gradient descent on the deep linear network of Bordelon & Pehlevan (2025), using
 * the rank-one structure of its gradients (digest `bordelon-pehlevan-2025.md` §2.4, §2.7, §2.8).
 *
 * Model: x ~ N(0, I_D), teacher y = β*·x/√D + σε with |β*|² = D; h¹ = W⁰x/√D, then
 * h^{ℓ+1} = W^ℓh^ℓ/√N (plain, L − 1 square layers) or h^{ℓ+1} = h^ℓ + s·W^ℓh^ℓ/√N (residual,
 * L blocks); f = (√D/(γ0N)) w·h_top; all weights N(0, 1) at t = 0; loss (1/2P)Σ(f − y)²;
 * GD θ ← θ − ηγ0²N ∂L/∂θ.
 *
 * Because the backward vector of a linear net does not depend on the input, the sum over samples
 * collapses into one forward pass of ũ = (√D/P)XᵀΔ (Δ = f − y): with g_top = w and
 * g^ℓ = W^{ℓᵀ}g^{ℓ+1}/√N (residual: g^ℓ = g^{ℓ+1} + s·W^{ℓᵀ}g^{ℓ+1}/√N), the end-to-end map is
 * β = g⁰/(γ0√ν) with g⁰ = W^{0ᵀ}g¹/√N, and the exact GD step is
 *   w ← w − ηγ0 h_top,  W^ℓ ← W^ℓ − ηγ0·s·g^{ℓ+1}h^{ℓᵀ}/√N (s = 1 plain),  W⁰ ← W⁰ − ηγ0 g¹ũᵀ/√D.
 * Cost per step O(L·N² + N·D + P·D) — 2 mat-vecs and one rank-one update per square layer, three
 * N×D passes, two P×D passes — against O(P·(N·D + L·N²)) for per-sample backprop; memory
 * O(L·N² + N·D + P·D). Every heavy operation goes through the compute backend registry
 * (`kernels()`: matvec, rank1Update, reduce), so faster backends speed it up.
 *
 * Observables at step t are taken before update t (t = 0 is the initial network): test loss
 * |β − β*|²/D + σ² (exact over the data distribution), train loss (1/P)Σ(f − y)² (for one-pass SGD:
 * on the fresh batch of that step). A loss that is non-finite or above `OVERFLOW` marks the step at
 * which GD diverged; the losses are +∞ from there on.
 */
import { kernels } from '../compute/registry.ts';
import { PlateauError } from '../core/errors.ts';
import { Rng } from '../core/rng.ts';

/** Losses above this count as divergence (the DMFT solver uses the same threshold). */
export const OVERFLOW = 1e30;

export interface RankOneNetConfig {
  /** Input dimension D. */
  D: number;
  /** Width N. */
  N: number;
  /** Hidden layers (plain) or residual blocks (residual). */
  L: number;
  gamma0: number;
  eta: number;
  sigma: number;
  /** P: training samples reused at every step (full batch). Exactly one of samples/batch. */
  samples?: number;
  /** B: fresh samples drawn at every step (one-pass SGD). */
  batch?: number;
  /** Residual branch scale s; undefined = plain network. */
  branchScale?: number;
  steps: number;
  seed: number;
}

export interface RankOneRun {
  testLoss: Float64Array;
  trainLoss: Float64Array;
  /** First step whose loss overflowed, when GD diverged. */
  divergedAt?: number;
}

function check(config: RankOneNetConfig): void {
  const { D, N, L, samples, batch, steps } = config;
  const positiveInt = (x: number | undefined) => x !== undefined && Number.isInteger(x) && x > 0;
  if (!positiveInt(D) || !positiveInt(N) || !positiveInt(L) || !positiveInt(steps)) {
    throw new PlateauError('BAD_PARAM', `D, N, L and steps must be positive integers, got D=${D}, N=${N}, L=${L}, steps=${steps}`, { value: [D, N, L, steps] });
  }
  if ((samples === undefined) === (batch === undefined) || !positiveInt(samples ?? batch)) {
    throw new PlateauError('BAD_PARAM', `give exactly one positive integer of samples (full batch) or batch (one-pass SGD), got samples=${samples}, batch=${batch}`, {
      value: [samples, batch],
    });
  }
}

/** A teacher β* ~ N(0, I_D) rescaled to |β*|² = D. */
export function sampleTeacher(D: number, rng: Rng): Float64Array {
  const b = new Float64Array(D);
  rng.fillNormal(b, 1);
  let norm2 = 0;
  for (let i = 0; i < D; i++) norm2 += b[i]! * b[i]!;
  const scale = Math.sqrt(D / norm2);
  for (let i = 0; i < D; i++) b[i]! *= scale;
  return b;
}

/** P inputs (rows of x, P×D) and labels y = (Xβ*)·D^{−1/2} + σε. */
function sampleData(x: Float64Array, y: Float64Array, P: number, D: number, teacher: Float64Array, sigma: number, rng: Rng): void {
  rng.fillNormal(x.subarray(0, P * D), 1);
  kernels().matvec(P, D, x, teacher, y, { alpha: 1 / Math.sqrt(D) });
  for (let i = 0; i < P; i++) y[i]! += sigma * rng.normal();
}

/** Train one network (one seed) and record its losses. */
export function trainRankOne(config: RankOneNetConfig): RankOneRun {
  check(config);
  const { D, N, L, gamma0, eta, sigma, steps, seed } = config;
  const residual = config.branchScale !== undefined;
  const s = config.branchScale ?? 1;
  const online = config.batch !== undefined;
  const P = (config.batch ?? config.samples)!;
  const k = kernels();
  const sqD = Math.sqrt(D);
  const sqN = Math.sqrt(N);
  const teacher = sampleTeacher(D, Rng.derive(seed, 'teacher'));
  const dataRng = Rng.derive(seed, 'data');
  const x = new Float64Array(P * D);
  const y = new Float64Array(P);
  if (!online) sampleData(x, y, P, D, teacher, sigma, dataRng);
  const weightRng = Rng.derive(seed, 'weights');
  const W0 = new Float64Array(N * D);
  weightRng.fillNormal(W0, 1);
  const square = Array.from({ length: residual ? L : L - 1 }, () => {
    const W = new Float64Array(N * N);
    weightRng.fillNormal(W, 1);
    return W;
  });
  const w = new Float64Array(N);
  weightRng.fillNormal(w, 1);
  // Vectors on the residual stream / hidden layers: index 0 is the input layer h¹/g¹.
  const depth = residual ? L + 1 : L;
  const h = Array.from({ length: depth }, () => new Float64Array(N));
  const g = Array.from({ length: depth }, () => new Float64Array(N));
  const g0 = new Float64Array(D);
  const beta = new Float64Array(D);
  const error = new Float64Array(D);
  const delta = new Float64Array(P);
  const u = new Float64Array(D);
  const testLoss = new Float64Array(steps).fill(Infinity);
  const trainLoss = new Float64Array(steps).fill(Infinity);
  const lr = eta * gamma0;
  for (let t = 0; t < steps; t++) {
    // Backward pass of w: g_top = w, then down to g¹ and g⁰ = W^{0ᵀ}g¹/√N.
    g[depth - 1]!.set(w);
    for (let l = depth - 2; l >= 0; l--) {
      const W = square[l]!;
      if (residual) {
        g[l]!.set(g[l + 1]!);
        k.matvec(N, N, W, g[l + 1]!, g[l]!, { trans: true, alpha: s / sqN, beta: 1 });
      } else {
        k.matvec(N, N, W, g[l + 1]!, g[l]!, { trans: true, alpha: 1 / sqN });
      }
    }
    k.matvec(N, D, W0, g[0]!, g0, { trans: true, alpha: 1 / sqN });
    // β = g⁰/(γ0√ν) = g⁰·√D/(γ0√N); test loss |β − β*|²/D + σ².
    const toBeta = sqD / (gamma0 * sqN);
    for (let i = 0; i < D; i++) {
      beta[i] = toBeta * g0[i]!;
      error[i] = beta[i]! - teacher[i]!;
    }
    const test = k.reduce('sumsq', error) / D + sigma * sigma;
    if (online) sampleData(x, y, P, D, teacher, sigma, dataRng);
    k.matvec(P, D, x, beta, delta, { alpha: 1 / sqD });
    for (let i = 0; i < P; i++) delta[i]! -= y[i]!;
    const train = k.reduce('sumsq', delta) / P;
    if (!(test <= OVERFLOW && train <= OVERFLOW)) return { testLoss, trainLoss, divergedAt: t };
    testLoss[t] = test;
    trainLoss[t] = train;
    if (t === steps - 1) break;
    // Forward pass of ũ = (√D/P)XᵀΔ.
    k.matvec(P, D, x, delta, u, { trans: true, alpha: sqD / P });
    k.matvec(N, D, W0, u, h[0]!, { alpha: 1 / sqD });
    for (let l = 0; l + 1 < depth; l++) {
      const W = square[l]!;
      if (residual) {
        h[l + 1]!.set(h[l]!);
        k.matvec(N, N, W, h[l]!, h[l + 1]!, { alpha: s / sqN, beta: 1 });
      } else {
        k.matvec(N, N, W, h[l]!, h[l + 1]!, { alpha: 1 / sqN });
      }
    }
    // The rank-one GD step (all gradients from the weights before the step).
    const top = h[depth - 1]!;
    for (let i = 0; i < N; i++) w[i]! -= lr * top[i]!;
    for (let l = 0; l + 1 < depth; l++) k.rank1Update(N, N, square[l]!, g[l + 1]!, h[l]!, (-lr * s) / sqN);
    k.rank1Update(N, D, W0, g[0]!, u, -lr / sqD);
  }
  return { testLoss, trainLoss };
}

/**
 * Forward variances |h^ℓ|²/N, ℓ = 1..top, of a freshly initialised network on one input
 * x ~ N(0, I_D): (1 + s²)^{ℓ−1} in expectation for residual nets (digest §2.7), 1 for plain ones.
 * Cost O(L·N² + N·D).
 */
export function initialForwardVariances(config: Pick<RankOneNetConfig, 'D' | 'N' | 'L' | 'branchScale' | 'seed'>): number[] {
  const { D, N, L, seed } = config;
  const residual = config.branchScale !== undefined;
  const s = config.branchScale ?? 1;
  const k = kernels();
  const rng = Rng.derive(seed, 'forward-variance');
  const x = new Float64Array(D);
  rng.fillNormal(x, 1);
  const W = new Float64Array(N * Math.max(N, D));
  rng.fillNormal(W.subarray(0, N * D), 1);
  let h = new Float64Array(N);
  k.matvec(N, D, W, x, h, { alpha: 1 / Math.sqrt(D) });
  const out = [k.reduce('sumsq', h) / N];
  const layers = residual ? L : L - 1;
  for (let l = 0; l < layers; l++) {
    rng.fillNormal(W.subarray(0, N * N), 1);
    const next = residual ? Float64Array.from(h) : new Float64Array(N);
    k.matvec(N, N, W, h, next, { alpha: (residual ? s : 1) / Math.sqrt(N), beta: residual ? 1 : 0 });
    h = next;
    out.push(k.reduce('sumsq', h) / N);
  }
  return out;
}
