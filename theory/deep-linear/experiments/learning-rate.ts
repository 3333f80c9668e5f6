/**
 * Learning-rate sweep (digest R2, claim 2): train loss after T = 20 steps on a 13-point geometric
 * η grid in [0.01, 0.3]. μP (γ0 = 2): the best η is width-independent for ν ≥ 1. NTK (γ0 = 2/√ν):
 * it moves to larger η with ν, towards the lazy bound. DMFT for ν ∈ {0.5, …, 8}; simulations with
 * 2 seeds for ν ≤ 4 (test size: D = 64, ν ∈ {1, 4}). Diverged or refused runs are gaps.
 */
import type { Figure } from '../../../src/core/figure.ts';
import type { AnyTheory } from '../../../src/core/theory.ts';
import { geomspace } from '../../../src/numeric/statistics.ts';
import { argminFinite, sweep, type Curves, type ExperimentContext } from './common.ts';

const LEARNING_RATE = { alpha: 3, L: 3, gamma0: 2, sigma: 0.2, steps: 20, etas: geomspace(0.01, 0.3, 13), nus: [0.5, 1, 2, 4, 8] } as const;

export interface LearningRateData {
  etas: readonly number[];
  nus: readonly number[];
  simNus: readonly number[];
  D: number;
  /** Final train loss [param][ν][η] (+∞ when diverged or refused). */
  theory: Record<'mup' | 'ntk', number[][]>;
  sim: Record<'mup' | 'ntk', number[][]>;
  best: Record<'mup' | 'ntk', number[]>;
  simBest: Record<'mup' | 'ntk', number[]>;
}

const finalTrain = (c: Curves) => c.trainLoss[c.trainLoss.length - 1]!;

export async function learningRateExperiment(theory: AnyTheory, ctx: ExperimentContext): Promise<LearningRateData> {
  const { alpha, L, gamma0, sigma, steps, etas, nus } = LEARNING_RATE;
  const simNus = ctx.size === 'test' ? [1, 4] : [0.5, 1, 2, 4];
  const D = ctx.size === 'test' ? 64 : 256;
  const out: LearningRateData = { etas, nus, simNus, D, theory: { mup: [], ntk: [] }, sim: { mup: [], ntk: [] }, best: { mup: [], ntk: [] }, simBest: { mup: [], ntk: [] } };
  for (const param of ['mup', 'ntk'] as const) {
    for (const nu of nus) {
      const curves = await sweep(theory, etas.map((eta) => ({ kind: 'solve' as const, params: { alpha, L, gamma0, sigma, nu, eta, param }, steps })), ctx, `LR sweep: ${param} DMFT ν=${nu}`);
      out.theory[param].push(curves.map(finalTrain));
    }
    for (const nu of simNus) {
      const curves = await sweep(theory, etas.map((eta) => ({ kind: 'simulate' as const, params: { alpha, L, gamma0, sigma, nu, eta, param, D, seeds: 2 }, steps })), ctx, `LR sweep: ${param} simulations ν=${nu} (D = ${D})`);
      out.sim[param].push(curves.map(finalTrain));
    }
    out.best[param] = out.theory[param].map(argminFinite);
    out.simBest[param] = out.sim[param].map(argminFinite);
  }
  return out;
}

export function learningRateFigures(d: LearningRateData): Figure[] {
  return (['mup', 'ntk'] as const).map((param) => ({
    id: `lr-${param}`,
    title: `Learning-rate sweep, ${param === 'mup' ? 'μP (γ0 = 2)' : 'NTK (γ̄ = 2)'}: train loss after 20 steps`,
    xLabel: 'learning rate η',
    yLabel: 'train loss at t = 19',
    logX: true,
    logY: true,
    caption: param === 'mup' ? 'μP: the best η is the same for every width ν ≥ 1.' : 'NTK: the best η moves right as the width grows.',
    series: [
      ...d.theory[param].map((y, i) => ({ label: `DMFT ν=${d.nus[i]}`, x: [...d.etas], y, role: 'theory' as const })),
      ...d.sim[param].map((y, i) => ({ label: `sim ν=${d.simNus[i]} (D=${d.D})`, x: [...d.etas], y, role: 'simulation' as const })),
    ],
  }));
}
