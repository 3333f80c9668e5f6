/**
 * Claim `wider-is-better` (digest §7.1, R1): in μP at fixed γ0 the whole test curve improves
 * monotonically with ν (DMFT for ν ∈ {0.5, …, 8}, and the simulated final losses in the same
 * order), while in NTK (γ0 = γ̄/√ν) the curves approach the lazy Marchenko–Pastur curve (the gap
 * falls with ν). Error: the largest increase of the μP test loss from one width to the next
 * (relative, over all t ≥ 1); passes at ≤ 0 with the NTK and simulation conditions.
 */
import type { Validator } from '../src/core/validator.ts';
import { widthExperiment } from '../theory/deep-linear/experiments/width.ts';
import { deepLinear } from '../theory/deep-linear/index.ts';

export const deepLinearWiderIsBetter: Validator = {
  id: 'deep-linear-wider-is-better',
  theory: 'deep-linear',
  claim: 'wider-is-better',
  title: 'Wider is better in μP; NTK approaches the lazy limit',
  async run(ctx) {
    const d = await widthExperiment(deepLinear, ctx);
    let worstIncrease = -Infinity;
    for (let i = 1; i < d.mup.length; i++) {
      const narrow = d.mup[i - 1]!.testLoss;
      const wide = d.mup[i]!.testLoss;
      for (let t = 1; t < d.steps; t++) worstIncrease = Math.max(worstIncrease, (wide[t]! - narrow[t]!) / narrow[t]!);
    }
    const T = d.steps - 1;
    const simFinal = d.simMup.map((c) => c.testLoss[T]!);
    const simSe = d.simMup.map((c) => c.testLossSe![T]!);
    // Simulated final losses fall with ν, allowing two standard errors of the difference.
    const simOrdered = simFinal.every((v, i) => i === 0 || v <= simFinal[i - 1]! + 2 * Math.hypot(simSe[i]!, simSe[i - 1]!));
    const lazyGap = d.ntk.map((c) => Math.max(...c.testLoss.map((v, t) => Math.abs(v / d.lazy.testLoss[t]! - 1))));
    const ntkApproaches = lazyGap.every((g, i) => i === 0 || g < lazyGap[i - 1]!);
    const slope = Math.log(lazyGap[lazyGap.length - 1]! / lazyGap[0]!) / Math.log(d.nus[d.nus.length - 1]! / d.nus[0]!);
    return {
      id: 'wider-is-better',
      passed: worstIncrease <= 0 && simOrdered && ntkApproaches,
      theory: d.mup.map((c) => c.testLoss[T]!),
      simulation: simFinal,
      error: worstIncrease,
      tolerance: 0,
      measure: 'largest relative increase of the μP DMFT test loss from one width to the next over t ≥ 1 (also required: simulated final losses ordered in ν within 2 s.e., NTK gap to the lazy curve falling in ν)',
      details: { nus: d.nus, simNus: d.simNus, D: d.D, seeds: d.seeds, mupFinalDmft: d.mup.map((c) => c.testLoss[T]!), mupFinalSim: simFinal, mupFinalSimSe: simSe, ntkFinalDmft: d.ntk.map((c) => c.testLoss[T]!), ntkFinalSim: d.simNtk.map((c) => c.testLoss[T]!), lazyFinal: d.lazy.testLoss[T], ntkMaxRelativeGapToLazy: lazyGap, ntkGapSlopeInNu: slope, simOrdered, ntkApproaches },
    };
  },
};
