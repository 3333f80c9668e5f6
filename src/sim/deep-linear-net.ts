/**
 * Finite-width deep linear networks y = W^D ⋯ W^1 x trained on squared error (Saxe, McClelland &
 * Ganguli, arXiv:1312.6120, §2 and eq. 13 of the digest `saxe-2013.md`). General: any depth and
 * widths; nothing here knows about a particular theory.
 *
 * Counting: `widths = [N_1, …, N_{N_l}]` lists the N_l neuron layers; there are D = N_l − 1 weight
 * matrices and `weights[l − 1]` is W^l, row-major, widths[l] × widths[l − 1].
 *
 * Loss convention (digest §2 table, first row): statistics are SUMS over the P examples,
 * Σ¹¹ = Σ_μ x^μ x^μᵀ, Σ³¹ = Σ_μ y^μ x^μᵀ, tr Σ³³ = Σ_μ ‖y^μ‖², and
 *
 *     E = ½ Σ_μ ‖y^μ − W_tot x^μ‖² = ½ tr Σ³³ − tr(W_totᵀ Σ³¹) + ½ tr(W_tot Σ¹¹ W_totᵀ),
 *
 * whose negative gradient is eq. 13's bracket, −∂E/∂W^l = (W^D⋯W^{l+1})ᵀ [Σ³¹ − W_tot Σ¹¹] (W^{l−1}⋯W^1)ᵀ.
 * A GD step with rate λ on this E is eq. 1 (τ = 1/λ, t/τ = kλ after k steps). Other conventions
 * map onto it: Σ_μ‖e‖² is λ = 2η; (1/2P)Σ_μ‖e‖² is λ = η/P with sums, or λ = η with mean
 * statistics Σ/P passed in place of the sums; (1/P)Σ_μ‖e‖² is 2η/P; a mean over examples and the
 * N₃ outputs is 2η/N₃ with mean statistics.
 */
import { PlateauError } from '../core/errors.ts';
import { kernels } from '../compute/registry.ts';
import type { OdeRhs } from '../numeric/ode.ts';

export interface DeepLinearNet {
  /** Neuron-layer widths N_1 … N_{N_l}. */
  readonly widths: readonly number[];
  /** W^1 … W^D; W^l is widths[l] × widths[l − 1], row-major. */
  readonly weights: Float64Array[];
}

/** Input–output statistics as sums over the examples (see the module comment). */
export interface Statistics {
  n1: number;
  n3: number;
  /** Σ¹¹, n1×n1. */
  sigma11: Float64Array;
  /** Σ³¹, n3×n1. */
  sigma31: Float64Array;
  /** tr Σ³³ = Σ_μ ‖y^μ‖²; it only shifts E. */
  traceSigma33: number;
}

/** Raw data: column μ of `x` (n1×p) is an input, column μ of `y` (n3×p) its target. */
export interface Dataset {
  n1: number;
  n3: number;
  p: number;
  x: Float64Array;
  y: Float64Array;
}

/** What E is computed from: the statistics (eq. 13, cost independent of P) or the raw data. */
export type Objective = { kind: 'statistics'; statistics: Statistics } | { kind: 'data'; data: Dataset };

function badParam(message: string, value: unknown): PlateauError {
  return new PlateauError('BAD_PARAM', message, { value });
}

/** Throws BAD_PARAM unless `widths` lists at least two positive integers. */
export function checkWidths(widths: readonly number[]): void {
  if (widths.length < 2 || !widths.every((w) => Number.isInteger(w) && w > 0)) {
    throw badParam(`widths must list at least two positive integers, got [${widths.join(', ')}]`, widths);
  }
}

/** Throws BAD_PARAM unless the widths are valid and every W^l has widths[l]·widths[l − 1] entries. */
export function checkNet(net: DeepLinearNet): void {
  const { widths, weights } = net;
  checkWidths(widths);
  if (weights.length !== widths.length - 1) {
    throw badParam(`${widths.length} layers of neurons need ${widths.length - 1} weight matrices, got ${weights.length}`, weights.length);
  }
  weights.forEach((w, i) => {
    if (w.length !== widths[i + 1]! * widths[i]!) {
      throw badParam(`W^${i + 1} must be ${widths[i + 1]}×${widths[i]} (${widths[i + 1]! * widths[i]!} entries), got ${w.length}`, w.length);
    }
  });
}

/** A deep copy (the weights are copied, the widths shared). */
export function cloneNet(net: DeepLinearNet): DeepLinearNet {
  return { widths: [...net.widths], weights: net.weights.map((w) => w.slice()) };
}

/** Σ¹¹ = XXᵀ, Σ³¹ = YXᵀ, tr Σ³³ = ‖Y‖²_F as sums over the columns. Cost P·(N₁² /2 + N₁N₃). */
export function statisticsFromData(data: Dataset): Statistics {
  const { n1, n3, p, x, y } = data;
  const k = kernels();
  const sigma11 = new Float64Array(n1 * n1);
  const sigma31 = new Float64Array(n3 * n1);
  k.gram(n1, p, x, sigma11, { side: 'AAt' });
  k.matmul(n3, n1, p, y, x, sigma31, { transB: true });
  return { n1, n3, sigma11, sigma31, traceSigma33: k.reduce('sumsq', y.subarray(0, n3 * p)) };
}

function checkObjective(widths: readonly number[], objective: Objective): void {
  const n1 = widths[0]!;
  const n3 = widths[widths.length - 1]!;
  const src = objective.kind === 'statistics' ? objective.statistics : objective.data;
  if (src.n1 !== n1 || src.n3 !== n3) {
    throw badParam(`the net maps ${n1} → ${n3} but the ${objective.kind} are ${src.n1} → ${src.n3}`, [src.n1, src.n3]);
  }
  if (objective.kind === 'statistics') {
    const s = objective.statistics;
    if (s.sigma11.length !== n1 * n1 || s.sigma31.length !== n3 * n1) {
      throw badParam(`Σ¹¹ must be ${n1}×${n1} and Σ³¹ ${n3}×${n1}`, [s.sigma11.length, s.sigma31.length]);
    }
  } else {
    const d = objective.data;
    if (!Number.isInteger(d.p) || d.p < 1 || d.x.length !== n1 * d.p || d.y.length !== n3 * d.p) {
      throw badParam(`X must be ${n1}×P and Y ${n3}×P with the same P ≥ 1`, [d.x.length, d.y.length, d.p]);
    }
  }
}

/**
 * Loss, gradient and GD step of a deep linear net for one objective, with every buffer allocated
 * once by the constructor (create one per run).
 *
 * Method: a forward pass stores F_l = W^l ⋯ W^1 F_0 (F_0 = I_{N₁} for statistics, X for data), the
 * top residual is R = Σ³¹ − F_D Σ¹¹ (or Y − F_D), and a backward pass G_D = R, G_{l−1} = W^lᵀ G_l
 * gives −∂E/∂W^l = G_l F_{l−1}ᵀ. With q = N₁ (statistics) or P (data) and N the widest layer, the
 * cost is 3·Σ_l N_{l+1}N_l·q ≤ 3·D·N²q multiply–adds, i.e. O(D·N³) on statistics, for loss and
 * gradient together; memory Σ_l N_{l+1}·q.
 */
export class DeepLinearGradient {
  readonly widths: readonly number[];
  readonly objective: Objective;
  /** Inner dimension: N₁ on statistics, P on data. */
  private readonly q: number;
  /** F_0 … F_D; F_0 is I or X. */
  private readonly forward: Float64Array[];
  private readonly gradA: Float64Array;
  private readonly gradB: Float64Array;
  /** The first N₃·q entries of gradA, where the residual lives. */
  private readonly residual: Float64Array;
  private readonly chainA: Float64Array;
  private readonly chainB: Float64Array;
  private readonly product: Float64Array;

  constructor(widths: readonly number[], objective: Objective) {
    checkWidths(widths);
    checkObjective(widths, objective);
    this.widths = [...widths];
    this.objective = objective;
    const n1 = widths[0]!;
    const D = widths.length - 1;
    this.q = objective.kind === 'statistics' ? n1 : objective.data.p;
    const first = objective.kind === 'statistics' ? identityMatrix(n1) : objective.data.x;
    this.forward = [first];
    for (let l = 1; l <= D; l++) this.forward.push(new Float64Array(widths[l]! * this.q));
    const widest = Math.max(...widths);
    this.gradA = new Float64Array(widest * this.q);
    this.gradB = new Float64Array(widest * this.q);
    this.residual = this.gradA.subarray(0, widths[D]! * this.q);
    this.chainA = new Float64Array(widest * n1);
    this.chainB = new Float64Array(widest * n1);
    this.product = new Float64Array(widths[D]! * n1);
  }

  /** out[l − 1] ← −∂E/∂W^l for every layer (eq. 13 without τ); returns E. */
  negativeGradient(weights: readonly Float64Array[], out: Float64Array[]): number {
    const e = this.loss(weights);
    this.runBackward(weights, out, 1, 0);
    return e;
  }

  /**
   * One batch GD step W^l ← W^l − λ ∂E/∂W^l for all l at once (eq. 1; eq. 13 with dt = τ·λ):
   * every gradient is taken at the old weights although the update is done in place. Returns E
   * before the step.
   */
  step(weights: Float64Array[], rate: number): number {
    const e = this.loss(weights);
    this.updateAfterForward(weights, rate);
    return e;
  }

  /**
   * E at `weights`: a forward pass, a third of the cost of a gradient. It stores F_1 … F_D and the
   * top residual R, so that `updateAfterForward` can then take the step without recomputing them
   * (the trainer looks at E before it steps).
   */
  loss(weights: readonly Float64Array[]): number {
    const { widths, q, forward } = this;
    const k = kernels();
    const D = widths.length - 1;
    for (let l = 1; l <= D; l++) k.matmul(widths[l]!, q, widths[l - 1]!, weights[l - 1]!, forward[l - 1]!, forward[l]!);
    const top = forward[D]!;
    const r = this.residual;
    if (this.objective.kind === 'statistics') {
      const s = this.objective.statistics;
      r.set(s.sigma31);
      k.matmul(widths[D]!, q, q, top, s.sigma11, r, { alpha: -1, beta: 1 });
      // E = ½ tr Σ³³ − ½⟨W_tot, Σ³¹ + R⟩, since W_tot Σ¹¹ = Σ³¹ − R.
      return 0.5 * (s.traceSigma33 - k.reduce('dot', top, s.sigma31) - k.reduce('dot', top, r));
    }
    const y = this.objective.data.y;
    for (let i = 0; i < r.length; i++) r[i] = y[i]! - top[i]!;
    return 0.5 * k.reduce('sumsq', r);
  }

  /**
   * The GD step W^l ← W^l + λ G_l F_{l−1}ᵀ from the products stored by the last `loss(weights)`;
   * call it at most once per `loss` call, with the same weights.
   */
  updateAfterForward(weights: Float64Array[], rate: number): void {
    this.runBackward(weights, weights, rate, 1);
  }

  /** target[l − 1] ← α·G_l F_{l−1}ᵀ + β·target[l − 1], walking l = D … 1. */
  private runBackward(weights: readonly Float64Array[], target: Float64Array[], alpha: number, beta: number): void {
    const { widths, q, forward } = this;
    const k = kernels();
    let g = this.gradA;
    let next = this.gradB;
    for (let l = widths.length - 1; l >= 1; l--) {
      // G_{l−1} first: it needs W^l before W^l is overwritten (target may be `weights`).
      if (l > 1) k.matmul(widths[l - 1]!, q, widths[l]!, weights[l - 1]!, g, next, { transA: true });
      k.matmul(widths[l]!, widths[l - 1]!, q, g, forward[l - 1]!, target[l - 1]!, { transB: true, alpha, beta });
      [g, next] = [next, g];
    }
  }

  /** W_tot = W^D ⋯ W^1 (N_{N_l} × N₁) in a buffer owned by this object. Cost Σ_l N_{l+1}N_lN₁. */
  endToEnd(weights: readonly Float64Array[]): Float64Array {
    return chainProduct(this.widths, weights, this.chainA, this.chainB, this.product);
  }
}

/** The n×n identity matrix, row-major. */
export function identityMatrix(n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

/** out ← W^D⋯W^1 through two scratch buffers of at least max(widths)·N₁ entries. */
function chainProduct(widths: readonly number[], weights: readonly Float64Array[], bufA: Float64Array, bufB: Float64Array, out: Float64Array): Float64Array {
  const k = kernels();
  const n1 = widths[0]!;
  const D = widths.length - 1;
  let prev: Float64Array = weights[0]!;
  for (let l = 2; l <= D; l++) {
    const dest = l === D ? out : l % 2 === 0 ? bufA : bufB;
    k.matmul(widths[l]!, n1, widths[l - 1]!, weights[l - 1]!, prev, dest);
    prev = dest;
  }
  if (D === 1) out.set(weights[0]!);
  return out;
}

/** W_tot = W^D ⋯ W^1 of `net`, freshly allocated (N_{N_l} × N₁). */
export function endToEnd(net: DeepLinearNet): Float64Array {
  checkNet(net);
  const widest = Math.max(...net.widths);
  const n1 = net.widths[0]!;
  return chainProduct(net.widths, net.weights, new Float64Array(widest * n1), new Float64Array(widest * n1), new Float64Array(net.widths.at(-1)! * n1));
}

/**
 * The matrices W^{l+1}ᵀW^{l+1} − W^l W^lᵀ (N_{l+1}×N_{l+1}, l = 1…D−1), exactly conserved by the
 * gradient flow of eq. 13 for any Σ¹¹ and any widths; discrete GD changes them by O(λ²) per step.
 * Cost Σ_l N_{l+1}²(N_l + N_{l+2})/2.
 */
export function conservedMatrices(net: DeepLinearNet): Float64Array[] {
  checkNet(net);
  const { widths, weights } = net;
  const k = kernels();
  const out: Float64Array[] = [];
  for (let l = 1; l < widths.length - 1; l++) {
    const n = widths[l]!;
    const q = new Float64Array(n * n);
    const outer = new Float64Array(n * n);
    k.gram(widths[l + 1]!, n, weights[l]!, q, { side: 'AtA' });
    k.gram(n, widths[l - 1]!, weights[l - 1]!, outer, { side: 'AAt' });
    for (let i = 0; i < q.length; i++) q[i]! -= outer[i]!;
    out.push(q);
  }
  return out;
}

/** All weights concatenated W^1, W^2, …, the state vector of the gradient-flow ODE. */
export function flattenWeights(net: DeepLinearNet): Float64Array {
  const flat = new Float64Array(net.weights.reduce((n, w) => n + w.length, 0));
  let offset = 0;
  for (const w of net.weights) {
    flat.set(w, offset);
    offset += w.length;
  }
  return flat;
}

/** The inverse of `flattenWeights`: copies the state vector into a new net with these widths. */
export function unflattenWeights(widths: readonly number[], flat: ArrayLike<number>): DeepLinearNet {
  const weights: Float64Array[] = [];
  let offset = 0;
  for (let l = 1; l < widths.length; l++) {
    const size = widths[l]! * widths[l - 1]!;
    weights.push(Float64Array.from({ length: size }, (_, i) => flat[offset + i]!));
    offset += size;
  }
  if (offset !== flat.length) throw badParam(`a state vector for widths [${widths.join(', ')}] has ${offset} entries, got ${flat.length}`, flat.length);
  return { widths: [...widths], weights };
}

/**
 * The right-hand side of eq. 13, τ dW^l/dt = (W^D⋯W^{l+1})ᵀ[Σ³¹ − W_tot Σ¹¹](W^{l−1}⋯W^1)ᵀ, on the
 * flattened state (`flattenWeights`), in the form `integrateOde` (numeric/ode.ts) takes. Buffers are
 * allocated once here; each call costs one gradient (see `DeepLinearGradient`) plus O(#weights).
 */
export function gradientFlowRhs(widths: readonly number[], objective: Objective, tau: number): OdeRhs {
  if (!(tau > 0) || !Number.isFinite(tau)) throw badParam(`τ must be a positive number, got ${tau}`, tau);
  const engine = new DeepLinearGradient(widths, objective);
  const weights = widths.slice(1).map((w, i) => new Float64Array(w * widths[i]!));
  const grads = weights.map((w) => new Float64Array(w.length));
  const total = weights.reduce((n, w) => n + w.length, 0);
  return (dydt, y) => {
    if (y.length !== total || dydt.length !== total) throw badParam(`the state vector must have ${total} entries, got ${y.length}`, y.length);
    let offset = 0;
    for (const w of weights) {
      for (let i = 0; i < w.length; i++) w[i] = y[offset + i]!;
      offset += w.length;
    }
    engine.negativeGradient(weights, grads);
    offset = 0;
    for (const g of grads) {
      for (let i = 0; i < g.length; i++) dydt[offset + i] = g[i]! / tau;
      offset += g.length;
    }
  };
}
