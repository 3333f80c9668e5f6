/**
 * Claim: the scalar fixed point predicts the test error of the finite-d end points: the
 * min-ψ_α interpolator across α (dual Newton), basis pursuit as α → 0 (ADMM with a certified LP
 * vertex) and the LASSO for λ > 0 (FISTA), on common data sets (digest §6, §9 checks 3 and 5).
 * Passes when every case is within 2.5 standard errors of the theory.
 */
import type { Validator } from '../src/core/validator.ts';
import { FIXED_POINT_SIZES, fixedPointExperiment } from '../theory/dln/experiments/fixed-point.ts';

export const dlnFixedPoint: Validator = {
  id: 'dln-fixed-point',
  theory: 'dln',
  claim: 'fixed-point',
  title: 'fixed point vs finite-d interpolator, basis pursuit and LASSO',
  async run(ctx) {
    const cfg = FIXED_POINT_SIZES[ctx.size];
    ctx.progress.info(`fixed point: d = ${cfg.d}, ${cfg.seeds} data sets, α ∈ {${cfg.alphas.join(', ')}}, LASSO λ = ${cfg.lambda}, BP at d = ${cfg.bpDim}`);
    const cases = await fixedPointExperiment(ctx.size, ctx);
    const worst = Math.max(...cases.map((c) => c.z));
    return {
      id: 'fixed-point',
      passed: worst <= 2.5,
      theory: cases.map((c) => c.theory),
      simulation: cases.map((c) => c.mean),
      error: worst,
      tolerance: 2.5,
      measure: 'largest |mean − theory|/s.e. over the cases (finite-d test errors over data sets)',
      details: { cases: cases.map(({ values: _values, ...c }) => c), d: cfg.d, seeds: cfg.seeds },
    };
  },
};
