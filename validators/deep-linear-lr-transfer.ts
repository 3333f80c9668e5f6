/**
 * Claim `lr-transfer` (digest §7.2, R2): the learning rate minimising the train loss after 20 steps
 * is width-independent in μP (ν ≥ 1; the narrowest net may differ) and moves to larger η with width
 * in NTK. Grid: 13 geometric points in [0.01, 0.3] (ratio 1.33 per point). Error: the spread of the
 * μP DMFT argmin over ν ≥ 1, in grid points (≤ 1); also required: the NTK argmin moves right by
 * ≥ 2 points from ν = 0.5 to ν = 8, and every simulated argmin lies within 2 points of the DMFT's.
 */
import type { Validator } from '../src/core/validator.ts';
import { learningRateExperiment } from '../theory/deep-linear/experiments/learning-rate.ts';
import { deepLinear } from '../theory/deep-linear/index.ts';

export const deepLinearLrTransfer: Validator = {
  id: 'deep-linear-lr-transfer',
  theory: 'deep-linear',
  claim: 'lr-transfer',
  title: 'Learning-rate transfer across width: μP stable, NTK drifts',
  async run(ctx) {
    const d = await learningRateExperiment(deepLinear, ctx);
    const mupWide = d.best.mup.filter((_, i) => d.nus[i]! >= 1);
    const spread = Math.max(...mupWide) - Math.min(...mupWide);
    const drift = d.best.ntk[d.best.ntk.length - 1]! - d.best.ntk[0]!;
    const simOffsets = (['mup', 'ntk'] as const).flatMap((param) => d.simBest[param].map((b, j) => Math.abs(b - d.best[param][d.nus.indexOf(d.simNus[j]!)]!)));
    const simAgrees = simOffsets.every((o) => o <= 2);
    const eta = (i: number) => (i >= 0 ? d.etas[i]! : null);
    return {
      id: 'lr-transfer',
      passed: spread <= 1 && drift >= 2 && simAgrees,
      theory: d.best.mup.map((i) => eta(i) ?? Infinity),
      simulation: d.simBest.mup.map((i) => eta(i) ?? Infinity),
      error: spread,
      tolerance: 1,
      measure: 'spread (max − min) of the μP best-η grid index over ν ≥ 1 (also required: NTK best η moves ≥ 2 grid points right from ν = 0.5 to 8; simulated best η within 2 points of the DMFT)',
      details: { etas: d.etas, nus: d.nus, simNus: d.simNus, D: d.D, bestEtaMup: d.best.mup.map(eta), bestEtaNtk: d.best.ntk.map(eta), simBestEtaMup: d.simBest.mup.map(eta), simBestEtaNtk: d.simBest.ntk.map(eta), ntkDriftPoints: drift, simOffsets, finalTrainLoss: d.theory },
    };
  },
};
