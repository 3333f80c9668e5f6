/**
 * Claim: the train loss decays as t^{−3/2}e^{−2μ_min t} with μ_min from the fixed point (digest §7):
 * the late slope of ln E_train + 1.5 ln t of the simulated G-scheme equals 2μ_min in its
 * discrete-step form. The finite-n edge sits above the theory by O(n^{−2/3}) and the slope
 * approaches it slowly, so the tolerance is 6 % at n = 400 (test) and 4 % at n = 1000 (large).
 */
import type { Validator } from '../src/core/validator.ts';
import { RATE_SIZES, rateExperiment } from '../theory/dln/experiments/rates.ts';

export const dlnRate: Validator = {
  id: 'dln-rate',
  theory: 'dln',
  claim: 'rate',
  title: 'fitted train-loss rate vs μ_min',
  async run(ctx) {
    const cfg = RATE_SIZES[ctx.size];
    ctx.progress.info(`rate: α = ${cfg.alpha}, d = ${cfg.d}, ${cfg.seeds} seeds, t ≤ ${cfg.tEnd}`);
    const r = await rateExperiment(ctx.size, ctx);
    const tolerance = ctx.size === 'large' ? 0.04 : 0.06;
    const error = Math.abs(r.fittedMean / r.muTheoryDiscrete - 1);
    return {
      id: 'rate',
      passed: error <= tolerance,
      theory: r.muTheoryDiscrete,
      simulation: r.fittedMean,
      error,
      tolerance,
      measure: '|μ_fit/μ_min − 1|, μ_fit = −½·slope of ln E_train + 1.5 ln t over t ∈ [0.7 t_end, t_end], μ_min in the discrete-step form −ln(1 − ημ)/η',
      details: { ...r, edgeOverTheory: r.edge / r.muTheoryDiscrete },
    };
  },
};
