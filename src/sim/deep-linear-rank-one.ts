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
const OVERFLOW = 1e30;

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
function sampleTeacher(D: number, rng: Rng): Float64Array {
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

/**
 * One network with its data, weights and buffers, all allocated once. `observe()` evaluates the
 * losses at the current weights, `step()` takes one exact GD step (all gradients from the current
 * weights), `objective()` is L̂ = (1/2P)Σ(f − y)² for gradient checks.
 */
export class RankOneNet {
  readonly D: number;
  readonly N: number;
  readonly L: number;
  readonly P: number;
  readonly residual: boolean;
  /** W⁰ (N×D), the square layers (N×N) and the readout w (N), all N(0, 1) at t = 0. */
  readonly W0: Float64Array;
  readonly square: Float64Array[];
  readonly w: Float64Array;
  readonly teacher: Float64Array;
  /** Inputs (rows, P×D) and labels of the current data. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  private readonly s: number;
  private readonly h: Float64Array[];
  private readonly g: Float64Array[];
  private readonly g0: Float64Array;
  private readonly beta: Float64Array;
  private readonly error: Float64Array;
  private readonly delta: Float64Array;
  private readonly u: Float64Array;
  private readonly dataRng: Rng;

  constructor(private readonly config: RankOneNetConfig) {
    check(config);
    const { D, N, L, seed } = config;
    this.D = D;
    this.N = N;
    this.L = L;
    this.residual = config.branchScale !== undefined;
    this.s = config.branchScale ?? 1;
    this.P = (config.batch ?? config.samples)!;
    this.teacher = sampleTeacher(D, Rng.derive(seed, 'teacher'));
    this.dataRng = Rng.derive(seed, 'data');
    this.x = new Float64Array(this.P * D);
    this.y = new Float64Array(this.P);
    if (config.batch === undefined) this.drawData();
    const weightRng = Rng.derive(seed, 'weights');
    this.W0 = weightRng.fillNormal(new Float64Array(N * D), 1);
    this.square = Array.from({ length: this.residual ? L : L - 1 }, () => weightRng.fillNormal(new Float64Array(N * N), 1));
    this.w = weightRng.fillNormal(new Float64Array(N), 1);
    // Vectors on the layers (residual stream): index 0 is h¹/g¹, the last is the top.
    const depth = this.residual ? L + 1 : L;
    this.h = Array.from({ length: depth }, () => new Float64Array(N));
    this.g = Array.from({ length: depth }, () => new Float64Array(N));
    this.g0 = new Float64Array(D);
    this.beta = new Float64Array(D);
    this.error = new Float64Array(D);
    this.delta = new Float64Array(this.P);
    this.u = new Float64Array(D);
  }

  /** Fresh inputs and labels (one-pass SGD draws them at every step). */
  drawData(): void {
    sampleData(this.x, this.y, this.P, this.D, this.teacher, this.config.sigma, this.dataRng);
  }

  /** Backward pass of w and the end-to-end vector β = g⁰/(γ0√ν); O(L·N² + N·D). */
  private backward(): void {
    const { N, D, g, square } = this;
    const k = kernels();
    const sqN = Math.sqrt(N);
    g[g.length - 1]!.set(this.w);
    for (let l = g.length - 2; l >= 0; l--) {
      if (this.residual) {
        g[l]!.set(g[l + 1]!);
        k.matvec(N, N, square[l]!, g[l + 1]!, g[l]!, { trans: true, alpha: this.s / sqN, beta: 1 });
      } else {
        k.matvec(N, N, square[l]!, g[l + 1]!, g[l]!, { trans: true, alpha: 1 / sqN });
      }
    }
    k.matvec(N, D, this.W0, g[0]!, this.g0, { trans: true, alpha: 1 / sqN });
    const toBeta = Math.sqrt(D) / (this.config.gamma0 * sqN);
    for (let i = 0; i < D; i++) this.beta[i] = toBeta * this.g0[i]!;
  }

  /** Test loss |β − β*|²/D + σ² and train loss (1/P)Σ(f − y)² at the current weights (leaves Δ). */
  observe(): { test: number; train: number } {
    const { D, P, beta, error, delta } = this;
    const k = kernels();
    this.backward();
    for (let i = 0; i < D; i++) error[i] = beta[i]! - this.teacher[i]!;
    const test = k.reduce('sumsq', error) / D + this.config.sigma ** 2;
    k.matvec(P, D, this.x, beta, delta, { alpha: 1 / Math.sqrt(D) });
    for (let i = 0; i < P; i++) delta[i]! -= this.y[i]!;
    return { test, train: k.reduce('sumsq', delta) / P };
  }

  /** L̂ = (1/2P)Σ(f − y)², the objective GD descends. */
  objective(): number {
    return this.observe().train / 2;
  }

  /**
   * One GD step θ ← θ − ηγ0²N ∂L̂/∂θ by the rank-one structure: ũ = (√D/P)XᵀΔ pushed forward,
   * then w −= ηγ0 h_top, W^ℓ −= ηγ0·s·g^{ℓ+1}h^{ℓᵀ}/√N, W⁰ −= ηγ0 g¹ũᵀ/√D. Calls `observe()`
   * first (for Δ and the backward pass). O(L·N² + N·D + P·D).
   */
  step(): void {
    this.observe();
    this.update();
  }

  /** The update from the backward pass and Δ left by the last `observe()`. */
  private update(): void {
    const { N, D, P, h, g, square, u } = this;
    const k = kernels();
    const sqN = Math.sqrt(N);
    const sqD = Math.sqrt(D);
    k.matvec(P, D, this.x, this.delta, u, { trans: true, alpha: sqD / P });
    k.matvec(N, D, this.W0, u, h[0]!, { alpha: 1 / sqD });
    for (let l = 0; l + 1 < h.length; l++) {
      if (this.residual) {
        h[l + 1]!.set(h[l]!);
        k.matvec(N, N, square[l]!, h[l]!, h[l + 1]!, { alpha: this.s / sqN, beta: 1 });
      } else {
        k.matvec(N, N, square[l]!, h[l]!, h[l + 1]!, { alpha: 1 / sqN });
      }
    }
    const lr = this.config.eta * this.config.gamma0;
    const top = h[h.length - 1]!;
    for (let i = 0; i < N; i++) this.w[i]! -= lr * top[i]!;
    for (let l = 0; l + 1 < h.length; l++) k.rank1Update(N, N, square[l]!, g[l + 1]!, h[l]!, (-lr * this.s) / sqN);
    k.rank1Update(N, D, this.W0, g[0]!, u, -lr / sqD);
  }

  /** Observe, record and step for `steps` steps (fresh data each step for one-pass SGD). */
  train(): RankOneRun {
    const { steps } = this.config;
    const online = this.config.batch !== undefined;
    const testLoss = new Float64Array(steps).fill(Infinity);
    const trainLoss = new Float64Array(steps).fill(Infinity);
    for (let t = 0; t < steps; t++) {
      if (online) this.drawData();
      const { test, train } = this.observe();
      if (!(test <= OVERFLOW && train <= OVERFLOW)) return { testLoss, trainLoss, divergedAt: t };
      testLoss[t] = test;
      trainLoss[t] = train;
      if (t < steps - 1) this.update();
    }
    return { testLoss, trainLoss };
  }
}

/** Train one network (one seed) and record its losses. */
export function trainRankOne(config: RankOneNetConfig): RankOneRun {
  return new RankOneNet(config).train();
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
