/**
 * Claim: smaller initialisation generalises better but converges more slowly (digest §7, T3): as α
 * falls, the fixed-point test error and the rate μ_min both fall, in theory and at finite d
 * (min-ψ interpolators and the spectral edge of (1/δ)X·diag(D)·Xᵀ at them, on common data sets).
 * Passes when the theory is monotone in α, every simulated paired difference has the predicted
 * sign at more than 2 s.e., and the finite-d values agree with the theory (test error within
 * 2.5 s.e., rate within 25 %: the finite-n edge sits above the limit by O(n^{−2/3})).
 */
import type { Validator } from '../src/core/validator.ts';
import { TRADEOFF_SIZES, tradeoffExperiment } from '../theory/dln/experiments/rates.ts';

export const dlnTradeoff: Validator = {
  id: 'dln-tradeoff',
  theory: 'dln',
  claim: 'speed-generalisation',
  title: 'smaller α: lower test error, slower rate',
  async run(ctx) {
    const cfg = TRADEOFF_SIZES[ctx.size];
    ctx.progress.info(`trade-off: theory α ∈ {${cfg.theoryAlphas.join(', ')}}, interpolators at α ∈ {${cfg.alphas.join(', ')}}, d = ${cfg.d} × ${cfg.seeds}`);
    const r = await tradeoffExperiment(ctx.size, ctx);
    const monotone = r.theory.every((p, i) => i === 0 || (p.testError > r.theory[i - 1]!.testError && p.rate > r.theory[i - 1]!.rate));
    const ordered = r.pairs.every((p) => -p.testErrorDiff > 2 * p.testErrorDiffSe && -p.rateDiff > 2 * p.rateDiffSe);
    const theoryAt = (alpha: number) => r.theory.find((p) => p.alpha === alpha)!;
    const rateError = Math.max(...r.simulation.map((s) => Math.abs(s.rate / theoryAt(s.alpha).rate - 1)));
    const testZ = Math.max(...r.simulation.map((s) => Math.abs(s.testError - theoryAt(s.alpha).testError) / s.testErrorSe));
    return {
      id: 'speed-generalisation',
      passed: monotone && ordered && rateError <= 0.25 && testZ <= 2.5,
      theory: r.simulation.map((s) => theoryAt(s.alpha).rate),
      simulation: r.simulation.map((s) => s.rate),
      error: rateError,
      tolerance: 0.25,
      measure: 'max |μ_finite/μ_min − 1| over the simulated α; also needs monotone theory, paired orderings at > 2 s.e., test errors within 2.5 s.e.',
      details: { monotoneTheory: monotone, pairedOrdering: ordered, testErrorZ: testZ, ...r },
    };
  },
};
