/**
 * The `gdStep` kernel: full-batch gradient descent on a deep linear chain, written once over a
 * small set of array operations (`ChainOps`) that each backend implements on its own buffers —
 * Float64Arrays on the CPU, device buffers on WebGPU — so that the weights stay on the backend
 * for the whole run and only the recorded losses come back.
 *
 * The chain: f(x) = M_D ⋯ M_1 x with M_l = s_l·W^l, or I + s_l·W^l for a residual layer; W^l is
 * n_l × n_{l−1} (`widths` = [n_0, …, n_D]), W_tot = M_D⋯M_1 is n_D × n_0. The loss (c = lossScale):
 *   data        E = c·½ Σ_μ ‖y^μ − W_tot x^μ‖²                 (X n_0×P, Y n_D×P, columns are examples)
 *   statistics  E = c·(½ tr Σ³³ − tr(W_totᵀ Σ³¹) + ½ tr(W_tot Σ¹¹ W_totᵀ))   (sums, Saxe eq. 13)
 * and one step is W^l ← W^l − λ_l ∂E/∂W^l for every l, all gradients at the old weights.
 *
 * Method (top-down, so the cost scales with the n_D outputs rather than the n_0 inputs or P
 * examples): T_{D+1} = I, T_l = T_{l+1} M_l (n_D × n_{l−1}), W_tot = T_1; the residual
 * R = Σ³¹ − W_tot Σ¹¹, or R = (Y − W_tot X) Xᵀ; then with P_0 = R and P_l = P_{l−1} M_lᵀ,
 *   −∂E/∂W^l = c·s_l·T_{l+1}ᵀ P_{l−1}     (a rank-n_D product: a rank-one update when n_D = 1).
 * Cost per step: 3·n_D·Σ_l n_l n_{l−1} multiply–adds, plus n_D·n_0² (statistics) or 2·n_D·n_0·P
 * (data). With n_D = 1 (a scalar readout) the step is O(L·N² + n_0·P): matrix–vector products
 * and rank-one updates; with n_D = n_0 = N (Saxe's square nets) it is 4·D·N³ for D = 2.
 *
 * Adopting it in a trainer, e.g. the deep linear net of Bordelon & Pehlevan (h¹ = W⁰x/√D,
 * h^{l+1} = W^l h^l/√N, f = (√D/(γ₀N)) w·h^L, loss (1/2P)Σ(f − y)², θ ← θ − ηγ₀²N ∂L/∂θ):
 * widths [D, N, …, N, 1], scales [1/√D, 1/√N, …, √D/(γ₀N)], lossScale 1/P, rates ηγ₀²N, the data
 * objective with X (D×P) and Y (1×P); residual blocks h + (β₀/√L)W h/√N are `residual` layers with
 * scale β₀/√(LN). Then E = ½·mean (f − y)², so the train loss mean (f − y)² is 2E; with
 * `target: β*` the test loss |β − β*|²/D + σ² is targetDistance/D + σ²; one-pass SGD calls
 * `setData` with each fresh batch. `run(k)` between records keeps the weights on the backend.
 */
import { PlateauError } from '../core/errors.ts';
import type { MatmulOptions } from './kernels.ts';

export type ChainObjective =
  | { kind: 'statistics'; sigma11: Float64Array; sigma31: Float64Array; traceSigma33: number }
  | { kind: 'data'; p: number; x: Float64Array; y: Float64Array };

export interface LinearChainSpec {
  /** n_0 (inputs), n_1, …, n_D (outputs). */
  widths: readonly number[];
  /** s_l, the factor of W^l in M_l (default 1 for every layer). */
  scales?: readonly number[];
  /** Layers with M_l = I + s_l W^l (square only); default none. */
  residual?: readonly boolean[];
  /** λ_l per layer, or one rate for all. */
  rates: number | readonly number[];
  /** c in E (default 1): e.g. 1/P for a mean over examples. */
  lossScale?: number;
  objective: ChainObjective;
  /** When given (n_D × n_0), ‖W_tot − target‖²_F is recorded before each step too. */
  target?: Float64Array;
}

/** What `run` records before each step. */
export interface GdStepRecord {
  loss: Float64Array;
  /** ‖W_tot − target‖²_F, when the spec has a target. */
  targetDistance?: Float64Array;
}

/**
 * A training run of a linear chain on one backend; create it with `kernels().gdStep(spec, weights)`.
 * The weights are copied in and stay on the backend until read.
 */
export interface GdStepper {
  readonly backend: string;
  readonly precision: 'float64' | 'float32';
  /** Take `steps` GD steps; the record holds E (and the target distance) before each of them. */
  run(steps: number): Promise<GdStepRecord>;
  /** The current weights W^1 … W^D (fresh arrays). */
  readWeights(): Promise<Float64Array[]>;
  /** The current W_tot = M_D ⋯ M_1, n_D × n_0. */
  endToEnd(): Promise<Float64Array>;
  /** Replace the data (same P), e.g. a fresh batch for one-pass SGD; only for the data objective. */
  setData(x: Float64Array, y: Float64Array): void;
  /** Free the backend's buffers. */
  dispose(): void;
}

/** The array operations `gdStep` is written in; B is the backend's buffer type. */
export interface ChainOps<B> {
  readonly backend: string;
  readonly precision: 'float64' | 'float32';
  /** A zeroed buffer of `length` entries. */
  alloc(length: number): B;
  write(buffer: B, data: Float64Array): void;
  read(buffer: B, length: number): Promise<Float64Array>;
  /** As `Kernels.matmul`, on buffers. */
  matmul(m: number, n: number, k: number, a: B, b: B, c: B, opts: MatmulOptions): void;
  /** y ← α·x + β·y over `length` entries (β = 0 overwrites). */
  axpby(length: number, alpha: number, x: B, beta: number, y: B): void;
  /** The diagonal of the n×n matrix in `a` += α. */
  addDiagonal(n: number, alpha: number, a: B): void;
  /** Start a recording of `steps` steps × `slots` values. */
  beginRecord(steps: number, slots: number): void;
  /** Value `slot` of the current step ← Σ x·y, or Σ (x − y)² for `sqdist`. */
  record(slot: number, op: 'dot' | 'sqdist', length: number, x: B, y: B): void;
  /** The current step is complete. */
  endStep(): void;
  /** The recorded values, steps × slots, row-major. */
  endRecord(): Promise<Float64Array>;
  free(buffer: B): void;
}

function bad(message: string, value: unknown): PlateauError {
  return new PlateauError('BAD_PARAM', `gdStep: ${message}`, { kernel: 'gdStep', value });
}

function checkLength(name: string, array: Float64Array, length: number): void {
  if (array.length !== length) throw bad(`${name} must have ${length} entries, got ${array.length}`, array.length);
}

/** Throws BAD_PARAM unless the spec and the weights are consistent. */
function checkChainSpec(spec: LinearChainSpec, weights: readonly Float64Array[]): void {
  const { widths, objective } = spec;
  const D = widths.length - 1;
  if (D < 1 || !widths.every((w) => Number.isInteger(w) && w > 0)) throw bad(`widths must list at least two positive integers, got [${widths.join(', ')}]`, widths);
  if (weights.length !== D) throw bad(`${D} layers need ${D} weight matrices, got ${weights.length}`, weights.length);
  weights.forEach((w, i) => checkLength(`W^${i + 1}`, w, widths[i + 1]! * widths[i]!));
  for (const [name, list] of [['scales', spec.scales], ['residual', spec.residual], ['rates', typeof spec.rates === 'number' ? undefined : spec.rates]] as const) {
    if (list !== undefined && list.length !== D) throw bad(`${name} must have one entry per layer (${D}), got ${list.length}`, list.length);
  }
  spec.residual?.forEach((r, i) => {
    if (r && widths[i] !== widths[i + 1]) throw bad(`residual layer ${i + 1} must be square, got ${widths[i + 1]}×${widths[i]}`, i + 1);
  });
  const [n0, nD] = [widths[0]!, widths[D]!];
  if (objective.kind === 'statistics') {
    checkLength('Σ¹¹', objective.sigma11, n0 * n0);
    checkLength('Σ³¹', objective.sigma31, nD * n0);
  } else {
    if (!Number.isInteger(objective.p) || objective.p < 1) throw bad(`P must be a positive integer, got ${objective.p}`, objective.p);
    checkLength('X', objective.x, n0 * objective.p);
    checkLength('Y', objective.y, nD * objective.p);
  }
  if (spec.target !== undefined) checkLength('target', spec.target, nD * n0);
}

/** The stepper of `gdStep`, on any backend's `ChainOps`. */
export class ChainStepper<B> implements GdStepper {
  readonly backend: string;
  readonly precision: 'float64' | 'float32';
  private readonly ops: ChainOps<B>;
  private readonly widths: readonly number[];
  private readonly scales: number[];
  private readonly residual: boolean[];
  private readonly rates: number[];
  private readonly lossScale: number;
  private readonly objective: ChainObjective;
  private readonly weights: B[];
  /** T_1 … T_D (T_1 = W_tot). */
  private readonly tops: B[];
  private readonly r: B;
  private readonly pA: B;
  private readonly pB: B;
  private readonly inputs: { sigma11?: B; sigma31?: B; x?: B; y?: B; rData?: B };
  private readonly target?: B;
  private disposed = false;

  constructor(ops: ChainOps<B>, spec: LinearChainSpec, weights: readonly Float64Array[]) {
    checkChainSpec(spec, weights);
    const { widths } = spec;
    const D = widths.length - 1;
    this.ops = ops;
    this.backend = ops.backend;
    this.precision = ops.precision;
    this.widths = [...widths];
    this.scales = spec.scales ? [...spec.scales] : new Array<number>(D).fill(1);
    this.residual = spec.residual ? [...spec.residual] : new Array<boolean>(D).fill(false);
    this.rates = typeof spec.rates === 'number' ? new Array<number>(D).fill(spec.rates) : [...spec.rates];
    this.lossScale = spec.lossScale ?? 1;
    this.objective = spec.objective;
    const upload = (data: Float64Array) => {
      const buffer = ops.alloc(data.length);
      ops.write(buffer, data);
      return buffer;
    };
    this.weights = weights.map(upload);
    const nD = widths[D]!;
    this.tops = widths.slice(0, D).map((n) => ops.alloc(nD * n));
    const widest = Math.max(...widths);
    this.r = ops.alloc(nD * widths[0]!);
    this.pA = ops.alloc(nD * widest);
    this.pB = ops.alloc(nD * widest);
    const o = spec.objective;
    this.inputs =
      o.kind === 'statistics'
        ? { sigma11: upload(o.sigma11), sigma31: upload(o.sigma31) }
        : { x: upload(o.x), y: upload(o.y), rData: ops.alloc(nD * o.p) };
    if (spec.target) this.target = upload(spec.target);
  }

  private get slots(): number {
    return (this.objective.kind === 'statistics' ? 2 : 1) + (this.target ? 1 : 0);
  }

  /** T_l = T_{l+1} M_l for l = D … 1 (T_{D+1} = I): T_1 = W_tot. */
  private forwardTops(): void {
    const { ops, widths, scales, residual, weights, tops } = this;
    const D = widths.length - 1;
    const nD = widths[D]!;
    ops.axpby(nD * widths[D - 1]!, scales[D - 1]!, weights[D - 1]!, 0, tops[D - 1]!);
    if (residual[D - 1]) ops.addDiagonal(nD, 1, tops[D - 1]!);
    for (let l = D - 1; l >= 1; l--) {
      const into = tops[l - 1]!;
      if (residual[l - 1]) ops.axpby(nD * widths[l]!, 1, tops[l]!, 0, into);
      ops.matmul(nD, widths[l - 1]!, widths[l]!, tops[l]!, weights[l - 1]!, into, { alpha: scales[l - 1]!, beta: residual[l - 1] ? 1 : 0 });
    }
  }

  /** R from W_tot, and the loss terms recorded into slots 0 (and 1). */
  private residualAndLoss(): void {
    const { ops, widths, r, inputs, objective } = this;
    const n0 = widths[0]!;
    const nD = widths.at(-1)!;
    const wTot = this.tops[0]!;
    if (objective.kind === 'statistics') {
      ops.axpby(nD * n0, 1, inputs.sigma31!, 0, r);
      ops.matmul(nD, n0, n0, wTot, inputs.sigma11!, r, { alpha: -1, beta: 1 });
      ops.record(0, 'dot', nD * n0, wTot, inputs.sigma31!);
      ops.record(1, 'dot', nD * n0, wTot, r);
    } else {
      const { p } = objective;
      ops.axpby(nD * p, 1, inputs.y!, 0, inputs.rData!);
      ops.matmul(nD, p, n0, wTot, inputs.x!, inputs.rData!, { alpha: -1, beta: 1 });
      ops.record(0, 'dot', nD * p, inputs.rData!, inputs.rData!);
      ops.matmul(nD, n0, p, inputs.rData!, inputs.x!, r, { transB: true });
    }
    if (this.target) ops.record(this.slots - 1, 'sqdist', nD * n0, wTot, this.target);
  }

  /** W^l += λ_l c s_l T_{l+1}ᵀ P_{l−1}, with P_0 = R and P_l = P_{l−1} M_lᵀ taken before W^l changes. */
  private update(): void {
    const { ops, widths, scales, residual, rates, weights, tops, lossScale } = this;
    const D = widths.length - 1;
    const nD = widths[D]!;
    let prev = this.r;
    let next = this.pA;
    for (let l = 1; l <= D; l++) {
      const [rows, cols] = [widths[l]!, widths[l - 1]!];
      const w = weights[l - 1]!;
      if (l < D) {
        if (residual[l - 1]) ops.axpby(nD * rows, 1, prev, 0, next);
        ops.matmul(nD, rows, cols, prev, w, next, { transB: true, alpha: scales[l - 1]!, beta: residual[l - 1] ? 1 : 0 });
      }
      const step = rates[l - 1]! * lossScale * scales[l - 1]!;
      if (l < D) ops.matmul(rows, cols, nD, tops[l]!, prev, w, { transA: true, alpha: step, beta: 1 });
      else ops.axpby(rows * cols, step, prev, 1, w);
      [prev, next] = [next, next === this.pA ? this.pB : this.pA];
    }
  }

  private live(): void {
    if (this.disposed) throw new PlateauError('BAD_PARAM', 'gdStep: this stepper has been disposed', { kernel: 'gdStep' });
  }

  async run(steps: number): Promise<GdStepRecord> {
    this.live();
    if (!Number.isInteger(steps) || steps < 0) throw bad(`steps must be a non-negative integer, got ${steps}`, steps);
    const slots = this.slots;
    this.ops.beginRecord(steps, slots);
    for (let t = 0; t < steps; t++) {
      this.forwardTops();
      this.residualAndLoss();
      this.update();
      this.ops.endStep();
    }
    const values = await this.ops.endRecord();
    const c = this.lossScale;
    const loss = new Float64Array(steps);
    const o = this.objective;
    for (let t = 0; t < steps; t++) {
      const v = values.subarray(t * slots, (t + 1) * slots);
      // Statistics: ½trΣ³³ − tr(WᵀΣ³¹) + ½tr(WΣ¹¹Wᵀ) = ½trΣ³³ − ½⟨W, Σ³¹ + R⟩ since WΣ¹¹ = Σ³¹ − R.
      loss[t] = c * (o.kind === 'statistics' ? 0.5 * (o.traceSigma33 - v[0]! - v[1]!) : 0.5 * v[0]!);
    }
    if (!this.target) return { loss };
    return { loss, targetDistance: Float64Array.from({ length: steps }, (_, t) => values[t * slots + slots - 1]!) };
  }

  async readWeights(): Promise<Float64Array[]> {
    this.live();
    return Promise.all(this.weights.map((w, i) => this.ops.read(w, this.widths[i + 1]! * this.widths[i]!)));
  }

  async endToEnd(): Promise<Float64Array> {
    this.live();
    this.forwardTops();
    return this.ops.read(this.tops[0]!, this.widths.at(-1)! * this.widths[0]!);
  }

  setData(x: Float64Array, y: Float64Array): void {
    this.live();
    const o = this.objective;
    if (o.kind !== 'data') throw bad('setData needs the data objective', o.kind);
    checkLength('X', x, this.widths[0]! * o.p);
    checkLength('Y', y, this.widths.at(-1)! * o.p);
    this.ops.write(this.inputs.x!, x);
    this.ops.write(this.inputs.y!, y);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const { sigma11, sigma31, x, y, rData } = this.inputs;
    for (const b of [...this.weights, ...this.tops, this.r, this.pA, this.pB, sigma11, sigma31, x, y, rData, this.target]) {
      if (b !== undefined) this.ops.free(b);
    }
  }
}
