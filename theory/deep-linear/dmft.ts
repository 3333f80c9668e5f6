/**
 * The DMFT solver of the deep linear network (digest §3, §5, §6): the input side
 * (`dmft-input.ts`) coupled to the hidden layers (`dmft-mlp.ts`) or to the residual stream
 * (`dmft-residual.ts`), marched causally in windows (`src/dmft/causal-march.ts`).
 *
 * Each sweep over a window's rows recomputes the input side from layer 1's R^{gh}_1 and C^g_1,
 * then the hidden layers from A_0 and C_u (Gauss–Seidel, newest values first); a window is
 * accepted when no entry of its rows of C_v or of the Gauss–Seidel state (the arrays a sweep reads
 * from the previous one) changes by more than tolerance·(1 + |x|). A window that overflows (an entry
 * non-finite or above 1e30) is retried one step at a time; an overflow at one step means gradient
 * descent itself diverges there: the losses are +∞ from that step on (`divergedAt`), never NaN.
 *
 * Cost: one sweep over a window of c rows is O(L·c·T²) (row-block updates, never full T×T
 * products), so a march costs O(L·T³) times the sweeps per row; memory (10L + 18)·T² doubles
 * for the plain network and about (18L + 36)·T² for the residual one. Time is the GD step itself:
 * there is no discretisation error.
 */
import { marchCausal, type MarchReport } from '../../src/dmft/causal-march.ts';
import { rowsHealthy } from '../../src/dmft/rows.ts';
import { InputSide } from './dmft-input.ts';
import { MlpStack } from './dmft-mlp.ts';
import type { DeepLinearModel } from './params.ts';
import { ResidualStream } from './dmft-residual.ts';

/** Entries above this magnitude count as overflow (digest §6; the simulator uses the same). */
const OVERFLOW_LIMIT = 1e30;

/**
 * Default window c. With row-block updates a sweep over c rows costs O(c·T²), and the sweeps per
 * window grow with c (about 4 per step at c = 1, 13 per 10 steps at c = 10 for T = 160, L = 2), so
 * c = 1 is the cheapest; larger windows remain available (`window`) and fall back to c = 1.
 */
export const DEFAULT_WINDOW = 1;

export interface DmftOptions {
  steps: number;
  /** Window length c (default `DEFAULT_WINDOW`). */
  window?: number;
  tolerance?: number;
  maxSweeps?: number;
  signal?: AbortSignal;
  onWindow?(accepted: number): void;
}

export interface DmftSolution {
  /** GD steps 0..T−1 (t = 0 is the initial network). */
  t: number[];
  testLoss: Float64Array;
  trainLoss: Float64Array;
  report: MarchReport;
  input: InputSide;
  stack: MlpStack | ResidualStream;
  seconds: number;
}

interface HiddenStack {
  readonly rgh1: Float64Array;
  readonly cg1: Float64Array;
  /** The arrays a sweep reads from the previous sweep; their window rows are monitored too. */
  readonly state: Float64Array[];
  seed(r0: number, r1: number): void;
  update(r0: number, r1: number, a0: Float64Array, cu: Float64Array): void;
}

/** Solve the DMFT for `options.steps` GD steps. */
export function solveDmft(model: DeepLinearModel, options: DmftOptions): DmftSolution {
  const began = Date.now();
  const T = options.steps;
  const input = new InputSide(model, T);
  const stack = model.branchScale === undefined ? new MlpStack(model, T) : new ResidualStream(model, T);
  const hidden: HiddenStack = stack;
  // Convergence monitor: the window's rows of C_v and of every Gauss–Seidel state array (rows of
  // a state array can matter for later steps without moving C_v(t,t), e.g. equal-time responses).
  const monitored = [input.Cv, ...hidden.state];
  const previous = monitored.map(() => new Float64Array(T * T));
  let firstSweep = true;
  const report = marchCausal(
    {
      horizon: T,
      seed(r0, r1) {
        hidden.seed(r0, r1);
        firstSweep = true;
      },
      sweep(r0, r1) {
        input.update(r0, r1, hidden.rgh1, hidden.cg1);
        hidden.update(r0, r1, input.A0, input.Cu);
        let change = 0;
        for (let k = 0; k < monitored.length; k++) {
          const a = monitored[k]!;
          const b = previous[k]!;
          for (let t = r0; t < r1; t++) {
            for (let i = t * T, end = t * T + t + 1; i < end; i++) {
              const v = a[i]!;
              if (!Number.isFinite(v)) return NaN;
              const d = Math.abs(v - b[i]!) / (1 + Math.abs(v));
              if (d > change) change = d;
              b[i] = v;
            }
          }
        }
        const result = firstSweep ? Number.MAX_VALUE : change;
        firstSweep = false;
        return result;
      },
      healthy(r0, r1) {
        return (
          rowsHealthy(input.Cv, T, r0, r1, OVERFLOW_LIMIT) &&
          rowsHealthy(input.Cd, T, r0, r1, OVERFLOW_LIMIT) &&
          rowsHealthy(input.Cu, T, r0, r1, OVERFLOW_LIMIT) &&
          rowsHealthy(hidden.cg1, T, r0, r1, OVERFLOW_LIMIT)
        );
      },
    },
    { window: options.window ?? DEFAULT_WINDOW, tolerance: options.tolerance ?? 1e-10, maxSweeps: options.maxSweeps ?? 500, signal: options.signal, onWindow: options.onWindow },
  );
  const testLoss = new Float64Array(T).fill(Infinity);
  const trainLoss = new Float64Array(T).fill(Infinity);
  const s2 = model.sigma * model.sigma;
  for (let t = 0; t < report.accepted; t++) {
    testLoss[t] = input.Cv[t * T + t]! + s2;
    trainLoss[t] = input.Cd[t * T + t]!;
  }
  return { t: Array.from({ length: T }, (_, i) => i), testLoss, trainLoss, report, input, stack, seconds: (Date.now() - began) / 1000 };
}
