/**
 * Claim: from a small start the train loss stays up during a search phase whose length grows
 * linearly in ln(1/α) (digest §8.3, T4): the half-time of the train loss is affine in ln(1/α), in
 * simulation and in the DMFT, with the same slope. Passes when both fits have R² ≥ 0.99 and the
 * slopes agree within 10 %.
 */
import type { Validator } from '../src/core/validator.ts';
import { SEARCH_SIZES, searchExperiment } from '../theory/dln/experiments/timescales.ts';

export const dlnSearchTime: Validator = {
  id: 'dln-search-time',
  theory: 'dln',
  claim: 'search-phase',
  title: 'search-phase half-time linear in ln(1/α)',
  async run(ctx) {
    const cfg = SEARCH_SIZES[ctx.size];
    ctx.progress.info(`search phase: α ∈ {${cfg.alphas.join(', ')}}, DMFT ${cfg.runs} runs × ${cfg.paths} paths, simulation d = ${cfg.d} × ${cfg.seeds}`);
    const r = await searchExperiment(ctx.size, ctx);
    const error = Math.abs(r.simFit.slope / r.dmftFit.slope - 1);
    return {
      id: 'search-phase',
      passed: error <= 0.1 && r.dmftFit.r2 >= 0.99 && r.simFit.r2 >= 0.99,
      theory: r.dmftHalfTime,
      simulation: r.simHalfTime,
      error,
      tolerance: 0.1,
      measure: '|slope_sim/slope_DMFT − 1| of the half-time of E_train against ln(1/α) (also needs R² ≥ 0.99 for both lines)',
      details: { ...r },
    };
  },
};
