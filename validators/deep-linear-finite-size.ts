/**
 * Claim `finite-size`: the gap between finite-width GD and the DMFT shrinks as D grows (digest C8:
 * ν = 0.5, L = 2, the narrow, strongly rich setting where convergence is slowest). Error: the
 * per-seed RMS relative deviation of the test curve from the DMFT at the largest D over that at
 * the smallest; it must also fall at every doubling (seed noise alone gives D^{−1/2}, bias D^{−1}).
 */
import type { Validator } from '../src/core/validator.ts';
import { sweep } from '../theory/deep-linear/experiments/common.ts';
import { deepLinear } from '../theory/deep-linear/index.ts';

const PARAMS = { alpha: 3, nu: 0.5, L: 2, gamma0: 1, eta: 0.05, sigma: 0.2 } as const;
const STEPS = 30;

export const deepLinearFiniteSize: Validator = {
  id: 'deep-linear-finite-size',
  theory: 'deep-linear',
  claim: 'finite-size',
  title: 'The DMFT–simulation gap shrinks as D grows (ν = 0.5, L = 2)',
  async run(ctx) {
    const sizes = ctx.size === 'test' ? [64, 128, 256] : [64, 128, 256, 512];
    const seeds = ctx.size === 'test' ? 16 : 32;
    const [theory] = await sweep(deepLinear, [{ kind: 'solve', params: PARAMS, steps: STEPS }], ctx, 'DMFT');
    const th = theory!.testLoss;
    const deviations: number[] = [];
    const meanGaps: number[] = [];
    for (const D of sizes) {
      const runs = await sweep(deepLinear, Array.from({ length: seeds }, (_, i) => ({ kind: 'simulate' as const, params: { ...PARAMS, D, seeds: 1 }, steps: STEPS, seed: ctx.seed + 1000 * i })), ctx, `simulate D = ${D}, ${seeds} single seeds`);
      let sq = 0;
      const mean = new Array<number>(STEPS).fill(0);
      for (const run of runs) {
        run.testLoss.forEach((v, t) => {
          sq += (v / th[t]! - 1) ** 2;
          mean[t]! += v / seeds;
        });
      }
      deviations.push(Math.sqrt(sq / (seeds * STEPS)));
      meanGaps.push(Math.max(...mean.map((v, t) => Math.abs(v / th[t]! - 1))));
    }
    const decreasing = deviations.every((d, i) => i === 0 || d < deviations[i - 1]!);
    const ratio = deviations[deviations.length - 1]! / deviations[0]!;
    return {
      id: 'finite-size',
      passed: decreasing && ratio <= 0.75,
      theory: th,
      simulation: deviations,
      error: ratio,
      tolerance: 0.75,
      measure: `per-seed RMS relative deviation from the DMFT at D = ${sizes[sizes.length - 1]} over that at D = ${sizes[0]} (it must also fall at every doubling)`,
      details: { sizes, seeds, perSeedRmsDeviation: deviations, meanCurveMaxRelativeGap: meanGaps, decreasing, params: PARAMS, steps: STEPS },
    };
  },
};
