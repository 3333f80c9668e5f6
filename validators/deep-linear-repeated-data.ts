/**
 * Claim `repeated-data` (digest §7.4, R3): full-batch GD on P = αD repeated samples with label noise
 * σ = 0.6 has a late rise of the test loss (minimum in time, then growth while the train loss keeps
 * falling), largest near the interpolation threshold α ≈ 1; one-pass SGD on fresh batches decreases
 * monotonically, faster for larger α_B, with train = test. DMFT for all settings; simulations
 * confirm the rise at α = 1 and the one-pass curve. Error: the relative late rise at α = 1 in the
 * simulation measured in standard errors must exceed 4 — reported as 4/(rise/s.e.) ≤ 1.
 */
import type { Validator } from '../src/core/validator.ts';
import { normalisedGap } from '../theory/deep-linear/experiments/common.ts';
import { dataExperiment, lateRise } from '../theory/deep-linear/experiments/data.ts';
import { deepLinear } from '../theory/deep-linear/index.ts';

export const deepLinearRepeatedData: Validator = {
  id: 'deep-linear-repeated-data',
  theory: 'deep-linear',
  claim: 'repeated-data',
  title: 'Repeated data overfits late near α = 1; one-pass SGD is monotone',
  async run(ctx) {
    const d = await dataExperiment(deepLinear, ctx);
    const rises = d.fullBatch.map((c) => lateRise(c.testLoss));
    const relRise = rises.map((r) => r.rise / r.min);
    const peak = d.alphas[relRise.indexOf(Math.max(...relRise))]!;
    // While the test loss rises after its minimum, the train loss keeps falling.
    const trainFalls = d.fullBatch.every((c, i) => c.trainLoss[d.steps - 1]! < c.trainLoss[rises[i]!.argmin]!);
    const monotone = d.onePass.every((c) => c.testLoss.every((v, t) => t === 0 || v <= c.testLoss[t - 1]! + 1e-12));
    const fasterWithBatch = d.onePass.every((c, i) => i === 0 || c.testLoss[20]! < d.onePass[i - 1]!.testLoss[20]!);
    const trainIsTest = d.onePass.every((c) => c.testLoss.every((v, t) => Math.abs(v - c.trainLoss[t]!) <= 1e-12 * v));
    // Simulation: the late rise at α = 1, in standard errors of the final value.
    const i1 = d.simAlphas.indexOf(1);
    const sim = d.simFullBatch[i1]!;
    const simRise = lateRise(sim.testLoss);
    const riseInSe = simRise.rise / sim.testLossSe![d.steps - 1]!;
    const onePassGap = normalisedGap(d.onePass[d.batches.indexOf(d.simBatches[0]!)]!.testLoss, d.simOnePass[0]!.testLoss, d.simOnePass[0]!.testLossSe!, 4, 0.03);
    const error = 4 / Math.max(riseInSe, 1e-12);
    return {
      id: 'repeated-data',
      passed: peak >= 0.8 && peak <= 1.25 && relRise[d.alphas.indexOf(1)]! > 0.2 && trainFalls && monotone && fasterWithBatch && trainIsTest && error <= 1 && onePassGap <= 1,
      theory: relRise,
      simulation: simRise.rise / simRise.min,
      error,
      tolerance: 1,
      measure: '4 / (simulated late rise ℒ(T−1) − min ℒ at α = 1, in standard errors) (also required: DMFT relative rise peaks at α ∈ [0.8, 1.25] and exceeds 20 % at α = 1, train loss keeps falling; one-pass DMFT monotone, faster for larger α_B, train = test, simulation within error)',
      details: { alphas: d.alphas, relativeLateRise: relRise, minimumAt: rises.map((r) => r.argmin), peakAlpha: peak, batches: d.batches, onePassTestAt20: d.onePass.map((c) => c.testLoss[20]), onePassFinal: d.onePass.map((c) => c.testLoss[d.steps - 1]), simAlpha1: { rise: simRise.rise, min: simRise.min, minimumAt: simRise.argmin, riseInSe }, onePassSimGap: onePassGap, D: d.D, seeds: d.seeds, monotone, fasterWithBatch, trainIsTest, trainFalls },
    };
  },
};
