/**
 * The infinite-depth limit of residual networks with β0/√L branches (digest §5, derived and
 * verified for Plateau). With s² = β0²/L the residual-stream DMFT is an Euler–Maruyama step of a
 * forward–backward SDE in depth τ = ℓ/L, so its curves converge with O(1/L) corrections (measured:
 * the gap between L and 2L halves per doubling once L ≳ 32). The limit is estimated by Richardson
 * extrapolation ℒ∞ ≈ 2ℒ(2L) − ℒ(L), with |ℒ(2L) − ℒ(L)| as its error scale.
 * Cost: two residual DMFT solves, O(L·T³) each.
 */
import { PlateauError } from '../../src/core/errors.ts';
import { solveDmft, type DmftOptions, type DmftSolution } from './dmft.ts';
import type { DeepLinearModel } from './params.ts';

export interface DepthLimit {
  testLoss: Float64Array;
  trainLoss: Float64Array;
  /** |ℒ(2L) − ℒ(L)| per step (test loss): the size of the remaining O(1/L) correction. */
  depthGap: Float64Array;
  depths: [number, number];
  solutions: [DmftSolution, DmftSolution];
}

/** Richardson-extrapolated L → ∞ curves from depths L and 2L (model.branchScale is recomputed). */
export function infiniteDepthLimit(model: DeepLinearModel, beta0: number, L: number, options: DmftOptions): DepthLimit {
  if (!(Number.isInteger(L) && L >= 1)) throw new PlateauError('BAD_INPUT', `the depth limit needs a base depth L ≥ 1, got ${L}`, { value: L });
  const solve = (depth: number) => solveDmft({ ...model, L: depth, branchScale: beta0 / Math.sqrt(depth) }, options);
  const a = solve(L);
  const b = solve(2 * L);
  const T = options.steps;
  const extrapolate = (x: Float64Array, y: Float64Array) => Float64Array.from({ length: T }, (_, t) => (Number.isFinite(x[t]!) && Number.isFinite(y[t]!) ? 2 * y[t]! - x[t]! : Infinity));
  return {
    testLoss: extrapolate(a.testLoss, b.testLoss),
    trainLoss: extrapolate(a.trainLoss, b.trainLoss),
    depthGap: Float64Array.from({ length: T }, (_, t) => (Number.isFinite(a.testLoss[t]!) && Number.isFinite(b.testLoss[t]!) ? Math.abs(b.testLoss[t]! - a.testLoss[t]!) : Infinity)),
    depths: [L, 2 * L],
    solutions: [a, b],
  };
}
