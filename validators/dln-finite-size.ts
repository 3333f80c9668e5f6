/**
 * Claim: the finite-d test error concentrates on the DMFT curve at rate d^{−1/2}: the run-to-run
 * spread across data sets and the RMS gap of single runs to the DMFT both scale as d^{−1/2}
 * (digest §9 check 2). Passes when both fitted exponents are −0.5 ± 0.15 (test; ±0.1 large).
 */
import type { Validator } from '../src/core/validator.ts';
import { FINITE_SIZE, finiteSizeScaling } from '../theory/dln/experiments/finite-size.ts';

export const dlnFiniteSize: Validator = {
  id: 'dln-finite-size',
  theory: 'dln',
  claim: 'finite-size-scaling',
  title: 'spread and gap to the DMFT shrink like d^{−1/2}',
  async run(ctx) {
    const cfg = FINITE_SIZE[ctx.size];
    ctx.progress.info(`finite size: d ∈ {${cfg.dims.join(', ')}} with {${cfg.seeds.join(', ')}} seeds, α = 0.3`);
    const r = await finiteSizeScaling(ctx.size, ctx);
    const tolerance = ctx.size === 'large' ? 0.1 : 0.15;
    const error = Math.max(Math.abs(r.spreadExponent + 0.5), Math.abs(r.gapExponent + 0.5));
    return {
      id: 'finite-size-scaling',
      passed: error <= tolerance,
      theory: -0.5,
      simulation: [r.spreadExponent, r.gapExponent],
      error,
      tolerance,
      measure: 'max |exponent + 0.5| over the fitted log-log slopes of the spread and of the RMS gap to the DMFT (window t ∈ [t_end/2, t_end])',
      details: { ...r },
    };
  },
};
