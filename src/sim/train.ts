/**
 * Batch gradient descent of a deep linear net (eq. 1 / eq. 13 discretised, loss convention in
 * `deep-linear-net.ts`), with recorded loss and observables, an early stop on a loss threshold
 * and a DIVERGED error on blow-up. Deterministic: the same start gives bit-identical weights on the
 * CPU backend.
 */
import { PlateauError, assertFinite } from '../core/errors.ts';
import { activeBackend } from '../compute/registry.ts';
import { DeepLinearGradient, checkNet, cloneNet, type DeepLinearNet, type Objective } from './deep-linear-net.ts';
import type { TaskSvd } from './tasks.ts';

/** What an observable sees at a recorded iteration. Read only; valid during the call. */
export interface TrainState {
  /** Iterations done so far (t/τ = step·λ). */
  step: number;
  loss: number;
  net: DeepLinearNet;
  /** W_tot = W^D⋯W^1, N_{N_l} × N₁. */
  endToEnd: Float64Array;
}

export type Observable = (state: TrainState) => number;

export interface TrainOptions {
  /** λ of eq. 1. */
  rate: number;
  /** Maximum number of GD steps K. */
  steps: number;
  /** Record loss and observables at every multiple of this (default 1); the last iterate is always recorded. */
  recordEvery?: number;
  /** Stop at the first iterate whose loss is below this. */
  lossThreshold?: number;
  /** A loss above this counts as blow-up (default: only a non-finite loss does). */
  divergeAbove?: number;
  /** Named scalar observables recorded alongside the loss (e.g. `modeStrengths`). */
  observables?: Record<string, Observable>;
  /** Called after each record with the recorded values. */
  onProgress?: (point: { step: number; steps: number; loss: number; values: Record<string, number> }) => void;
}

export interface TrainResult {
  /** `threshold`: stopped at the first iterate below `lossThreshold`; `completed`: ran all steps. */
  status: 'completed' | 'threshold';
  method: string;
  objective: Objective['kind'];
  backend: string;
  rate: number;
  /** GD steps performed. */
  steps: number;
  /** The first iterate below `lossThreshold`, or null. */
  thresholdStep: number | null;
  finalLoss: number;
  /** Iterates, their losses and the observables, all of the same length. */
  record: { step: number[]; loss: number[]; series: Record<string, number[]> };
  /** Weights after the last step (the input net is not modified). */
  net: DeepLinearNet;
  counts: { gradientEvaluations: number; lossEvaluations: number };
}

/** What `TrainState.endToEnd` holds when no observable needs the product. */
const NO_PRODUCT = new Float64Array(0);

function requirePositiveInteger(name: string, value: number, allowZero: boolean): void {
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new PlateauError('BAD_PARAM', `${name} must be an integer ≥ ${allowZero ? 0 : 1}, got ${value}`, { name, value });
  }
}

/**
 * Run up to `steps` GD steps from `start`. Buffers are allocated once; each step costs one
 * gradient (see `DeepLinearGradient`), each record one end-to-end product when there are
 * observables. Throws DIVERGED naming the step and the loss when the loss is not finite or passes
 * `divergeAbove`.
 */
export function train(start: DeepLinearNet, objective: Objective, options: TrainOptions): TrainResult {
  checkNet(start);
  const { rate, steps, recordEvery = 1, lossThreshold = -Infinity, divergeAbove = Infinity, observables = {}, onProgress } = options;
  if (!(rate > 0) || !Number.isFinite(rate)) throw new PlateauError('BAD_PARAM', `rate must be a positive number, got ${rate}`, { name: 'rate', value: rate });
  requirePositiveInteger('steps', steps, true);
  requirePositiveInteger('recordEvery', recordEvery, false);

  const net = cloneNet(start);
  const engine = new DeepLinearGradient(net.widths, objective);
  const names = Object.keys(observables);
  const record: TrainResult['record'] = { step: [], loss: [], series: Object.fromEntries(names.map((n) => [n, []])) };
  const values: Record<string, number> = {};
  let lossEvaluations = 0;
  let gradientEvaluations = 0;
  let status: TrainResult['status'] = 'completed';
  let thresholdStep: number | null = null;
  let loss = NaN;
  let k = 0;
  for (; ; k++) {
    loss = engine.loss(net.weights);
    lossEvaluations++;
    assertFinite(loss, 'loss', { step: k });
    if (loss > divergeAbove) {
      throw new PlateauError('DIVERGED', `loss ${loss} passed ${divergeAbove} at step=${k}`, { step: k, value: loss, limit: divergeAbove });
    }
    const reached = loss < lossThreshold;
    if (k % recordEvery === 0 || reached || k === steps) {
      const state: TrainState = { step: k, loss, net, endToEnd: names.length > 0 ? engine.endToEnd(net.weights) : NO_PRODUCT };
      record.step.push(k);
      record.loss.push(loss);
      for (const name of names) {
        const value = observables[name]!(state);
        values[name] = value;
        record.series[name]!.push(value);
      }
      onProgress?.({ step: k, steps, loss, values: { ...values } });
    }
    if (reached) {
      status = 'threshold';
      thresholdStep = k;
      break;
    }
    if (k === steps) break;
    engine.updateAfterForward(net.weights, rate);
    gradientEvaluations++;
  }
  return {
    status,
    method: `batch gradient descent on ${objective.kind} (eq. 1/13, E = ½Σ_μ‖y − W_tot x‖²)`,
    objective: objective.kind,
    backend: activeBackend().name,
    rate,
    steps: k,
    thresholdStep,
    finalLoss: loss,
    record,
    net,
    counts: { gradientEvaluations, lossEvaluations },
  };
}

/**
 * Observables `u1, u2, …`: the mode strengths u_α = u_αᵀ W_tot v_α (digest §2) for the task's
 * singular vectors, 0-based `modes` (default all). The sign ambiguity of (u_α, v_α) cancels.
 * Cost N₃·N₁ per mode per record.
 */
export function modeStrengths(svd: TaskSvd, modes?: readonly number[]): Record<string, Observable> {
  const { n1, n3, rank, u, v } = svd;
  const chosen = modes ?? Array.from({ length: rank }, (_, i) => i);
  const out: Record<string, Observable> = {};
  for (const alpha of chosen) {
    if (!Number.isInteger(alpha) || alpha < 0 || alpha >= rank) {
      throw new PlateauError('BAD_PARAM', `mode index must be in 0…${rank - 1}, got ${alpha}`, { value: alpha });
    }
    out[`u${alpha + 1}`] = ({ endToEnd: w }) => {
      let sum = 0;
      for (let i = 0; i < n3; i++) {
        let row = 0;
        for (let j = 0; j < n1; j++) row += w[i * n1 + j]! * v[j * rank + alpha]!;
        sum += u[i * rank + alpha]! * row;
      }
      return sum;
    };
  }
  return out;
}
