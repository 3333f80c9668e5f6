/**
 * Claim `residual-dmft` (digest §5, derived for Plateau — this validator is its verification):
 * (1) the residual-stream DMFT matches finite-width residual networks with β0/√L branches at
 * several depths and with constant branches; (2) with β0/√L the DMFT converges as L → ∞: the gap
 * between depths L and 2L halves with each doubling once L ≳ 32 (O(1/L), Euler–Maruyama in depth;
 * pre-asymptotic at small L), and the
 * deepest simulated network lies within its error of the Richardson-extrapolated L = ∞ curve plus
 * the O(1/L) depth correction. Error: max over cases and t of |sim − DMFT|/(4·s.e. + 3 %·DMFT).
 */
import type { Validator } from '../src/core/validator.ts';
import { normalisedGap } from '../theory/deep-linear/experiments/common.ts';
import { residualExperiment } from '../theory/deep-linear/experiments/residual.ts';
import { deepLinear } from '../theory/deep-linear/index.ts';

export const deepLinearResidualDmft: Validator = {
  id: 'deep-linear-residual-dmft',
  theory: 'deep-linear',
  claim: 'residual-dmft',
  title: 'Residual DMFT and its infinite-depth limit against finite-width residual networks',
  async run(ctx) {
    const d = await residualExperiment(deepLinear, ctx);
    const gaps = d.cases.map((_, i) => Math.max(normalisedGap(d.theory[i]!.testLoss, d.sim[i]!.testLoss, d.sim[i]!.testLossSe!, 4, 0.03), normalisedGap(d.theory[i]!.trainLoss, d.sim[i]!.trainLoss, d.sim[i]!.trainLossSe!, 4, 0.03)));
    const ratios = d.depthGaps.slice(1).map((g, i) => g / d.depthGaps[i]!);
    // O(1/L): the gap between L and 2L halves per doubling once L is large.
    const firstOrder = ratios.every((r) => r < 0.75) && ratios[ratios.length - 1]! > 0.4 && ratios[ratios.length - 1]! < 0.6;
    // Deepest simulated β0/√L net against L = ∞, allowing its DMFT's own distance from L = ∞.
    const deepest = d.cases.reduce((best, c, i) => (c.branch === 'sqrt-depth' && c.L > d.cases[best]!.L ? i : best), 0);
    const simDeep = d.sim[deepest]!;
    const thDeep = d.theory[deepest]!.testLoss;
    const infGap = Math.max(...d.infiniteDepth.map((v, t) => Math.abs(simDeep.testLoss[t]! - v) / (4 * simDeep.testLossSe![t]! + 0.03 * v + Math.abs(thDeep[t]! - v))));
    const error = Math.max(...gaps);
    return {
      id: 'residual-dmft',
      passed: error <= 1 && firstOrder && infGap <= 1,
      theory: d.theory.map((c) => c.testLoss[d.steps - 1]!),
      simulation: d.sim.map((c) => c.testLoss[d.steps - 1]!),
      error,
      tolerance: 1,
      measure: 'max over cases, t and {test, train} of |sim − DMFT| / (4·s.e. + 0.03·DMFT) (also required: the depth gap between L and 2L shrinks per doubling, the last ratio in (0.4, 0.6) i.e. O(1/L); deepest sim within its error of the L = ∞ extrapolation)',
      details: { cases: d.cases.map((c) => c.label), D: d.D, seeds: d.seeds, gapPerCase: gaps, depths: d.depths, depthGaps: d.depthGaps, depthGapRatios: ratios, infiniteDepthFinal: d.infiniteDepth[d.steps - 1], deepestSimVsInfinity: infGap },
    };
  },
};
