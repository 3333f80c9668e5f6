/**
 * Claim: with weight decay λ a large start is lazy, then frozen, then turns rich: the test error
 * drops late, at t ≈ ln(α)/λ plus an offset independent of α (digest §8.2, T5). The drop time of
 * simulated runs against ln α has slope 1/λ; passes when the fitted slope is within 10 % of 1/λ.
 */
import type { Validator } from '../src/core/validator.ts';
import { GROKKING_SIZES, grokkingExperiment } from '../theory/dln/experiments/timescales.ts';

export const dlnGrokking: Validator = {
  id: 'dln-grokking',
  theory: 'dln',
  claim: 'grokking',
  title: 'grokking: the late drop comes at ln(α)/λ + const',
  async run(ctx) {
    const cfg = GROKKING_SIZES[ctx.size];
    ctx.progress.info(`grokking: λ = ${cfg.lambda}, α ∈ {${cfg.alphas.join(', ')}}, d = ${cfg.d} × ${cfg.seeds} seeds`);
    const r = await grokkingExperiment(ctx.size, ctx);
    const error = Math.abs(r.fit.slope * r.lambda - 1);
    return {
      id: 'grokking',
      passed: error <= 0.1,
      theory: 1 / r.lambda,
      simulation: r.fit.slope,
      error,
      tolerance: 0.1,
      measure: '|λ·slope − 1| for the fit t_drop = a + slope·ln α (drop: halfway from the frozen-phase test error to the final one)',
      details: { ...r },
    };
  },
};
