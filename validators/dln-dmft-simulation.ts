/**
 * Claim: the DMFT test-error curve equals finite-d simulation of the same G-scheme on the same
 * grid over the whole curve, for small α (rich), large α (lazy) and with weight decay (digest §9
 * check 1). Passes when, in every case, max_t |DMFT − sim|/√(se_sim² + se_DMFT²) ≤ 3.5 (a curve of
 * ~100–300 correlated points) for the test error, and ≤ 4 for the train error while it is above
 * 1 % of its start (digest §5: the late train loss is set by cancellations and is fragile).
 */
import type { Validator } from '../src/core/validator.ts';
import { compareCurves, CURVE_CASES, CURVE_SIZES } from '../theory/dln/experiments/curves.ts';

export const dlnDmftSimulation: Validator = {
  id: 'dln-dmft-simulation',
  theory: 'dln',
  claim: 'dmft-matches-simulation',
  title: 'DMFT vs finite-d simulation over the whole curve (rich, lazy, weight decay)',
  async run(ctx) {
    const sizes = CURVE_SIZES[ctx.size];
    ctx.progress.info(`DMFT (${sizes.runs} runs × ${sizes.paths} paths) vs simulation (d = ${sizes.d}, ${sizes.seeds} seeds), ${CURVE_CASES.length} regimes`);
    const cases = [];
    for (const c of CURVE_CASES) cases.push(await compareCurves(c, ctx.size, ctx));
    const worst = Math.max(...cases.map((c) => c.z));
    const worstTrain = Math.max(...cases.map((c) => c.trainZ));
    const last = (x: number[]) => x[x.length - 1]!;
    return {
      id: 'dmft-matches-simulation',
      passed: worst <= 3.5 && worstTrain <= 4,
      theory: cases.map((c) => last(c.dmft.testError)),
      simulation: cases.map((c) => last(c.simulation.testError)),
      error: worst,
      tolerance: 3.5,
      measure: 'largest z-score max_t |E_gen,DMFT − E_gen,sim|/√(se_DMFT² + se_sim²) over the cases (train error: ≤ 4 while above 1 % of its start)',
      details: {
        cases: cases.map((c) => ({ label: c.label, alpha: c.alpha, lambda: c.lambda, z: c.z, atTime: c.zAt, maxAbsGap: c.maxGap, trainZ: c.trainZ, points: c.t.length, finalDmft: last(c.dmft.testError), finalSim: last(c.simulation.testError), finalSimSe: last(c.simulation.testErrorSe) })),
        d: sizes.d,
        seeds: sizes.seeds,
        dmftRuns: sizes.runs,
      },
    };
  },
};
