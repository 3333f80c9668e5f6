/**
 * Claim `curves`: the DMFT gives the whole train and test curves of finite-width GD at D = 256
 * (digest C8; main demo parameters α = 3, ν = 1, L = 3, γ0 = 1, η = 0.05, σ = 0.2, T = 60).
 * Error: max over t and both curves of |sim − DMFT| / (4·s.e. + 2 %·DMFT) — within the seed noise
 * plus a finite-size allowance; passes at ≤ 1.
 */
import type { Validator } from '../src/core/validator.ts';
import { normalisedGap, sweep } from '../theory/deep-linear/experiments/common.ts';
import { deepLinear } from '../theory/deep-linear/index.ts';

const PARAMS = { alpha: 3, nu: 1, L: 3, gamma0: 1, eta: 0.05, sigma: 0.2 } as const;
const STEPS = 60;

export const deepLinearCurves: Validator = {
  id: 'deep-linear-curves',
  theory: 'deep-linear',
  claim: 'curves',
  title: 'DMFT against finite-width GD: whole train and test curves at D = 256',
  async run(ctx) {
    const seeds = ctx.size === 'test' ? 8 : 64;
    const [theory] = await sweep(deepLinear, [{ kind: 'solve', params: PARAMS, steps: STEPS }], ctx, 'DMFT');
    const [sim] = await sweep(deepLinear, [{ kind: 'simulate', params: { ...PARAMS, D: 256, seeds }, steps: STEPS }], ctx, `simulate D = 256, ${seeds} seeds`);
    const testGap = normalisedGap(theory!.testLoss, sim!.testLoss, sim!.testLossSe!);
    const trainGap = normalisedGap(theory!.trainLoss, sim!.trainLoss, sim!.trainLossSe!);
    const rel = (a: number[], b: number[]) => Math.max(...a.map((v, t) => Math.abs(b[t]! / v - 1)));
    return {
      id: 'curves',
      passed: Math.max(testGap, trainGap) <= 1,
      theory: theory!.testLoss,
      simulation: sim!.testLoss,
      error: Math.max(testGap, trainGap),
      tolerance: 1,
      measure: 'max over t and {test, train} of |sim − DMFT| / (4·s.e. + 0.02·DMFT)',
      details: { D: 256, seeds, steps: STEPS, params: PARAMS, testGap, trainGap, maxRelativeGapTest: rel(theory!.testLoss, sim!.testLoss), maxRelativeGapTrain: rel(theory!.trainLoss, sim!.trainLoss), theoryTrain: theory!.trainLoss, simulationTrain: sim!.trainLoss, simulationTestSe: sim!.testLossSe },
    };
  },
};
