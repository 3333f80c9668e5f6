/**
 * Repeated data against one-pass SGD (digest R3, claim 4). Full batch with label noise σ = 0.6 on
 * P = αD repeated samples: the test loss reaches a minimum, then rises (overfitting the noise) —
 * most strongly near the interpolation threshold α ≈ 1. One-pass SGD on fresh batches of α_B·D:
 * monotone, faster per step for larger α_B, and train = test. Parameters: ν = 2, L = 2, γ0 = 1,
 * η = 0.1, T = 160.
 */
import type { Figure } from '../../../src/core/figure.ts';
import type { AnyTheory } from '../../../src/core/theory.ts';
import { range, sweep, type Curves, type ExperimentContext } from './common.ts';

const DATA = { nu: 2, L: 2, gamma0: 1, eta: 0.1, sigma: 0.6, steps: 160, alphas: [0.5, 0.8, 1, 1.25, 2], batches: [0.25, 0.5, 1, 2] } as const;

export interface DataData {
  steps: number;
  alphas: readonly number[];
  batches: readonly number[];
  D: number;
  seeds: number;
  fullBatch: Curves[];
  onePass: Curves[];
  simAlphas: number[];
  simBatches: number[];
  simFullBatch: Curves[];
  simOnePass: Curves[];
}

export async function dataExperiment(theory: AnyTheory, ctx: ExperimentContext): Promise<DataData> {
  const { steps, alphas, batches, ...base } = DATA;
  const test = ctx.size === 'test';
  const D = test ? 128 : 256;
  const seeds = 8;
  const simAlphas = test ? [1] : [...alphas];
  const simBatches = test ? [0.5] : [...batches];
  const fullBatch = await sweep(theory, alphas.map((alpha) => ({ kind: 'solve' as const, params: { ...base, alpha }, steps })), ctx, 'repeated data: full-batch DMFT');
  const onePass = await sweep(theory, batches.map((batch) => ({ kind: 'solve' as const, params: { ...base, batch }, steps })), ctx, 'one-pass SGD DMFT');
  const simFullBatch = await sweep(theory, simAlphas.map((alpha) => ({ kind: 'simulate' as const, params: { ...base, alpha, D, seeds }, steps })), ctx, `repeated data: simulations (D = ${D})`);
  const simOnePass = await sweep(theory, simBatches.map((batch) => ({ kind: 'simulate' as const, params: { ...base, batch, D, seeds }, steps })), ctx, `one-pass SGD: simulations (D = ${D})`);
  return { steps, alphas, batches, D, seeds, fullBatch, onePass, simAlphas, simBatches, simFullBatch, simOnePass };
}

/** Late rise of a test curve: ℒ(T−1) − min_t ℒ(t), and where the minimum is. */
export function lateRise(loss: readonly number[]): { rise: number; argmin: number; min: number } {
  let argmin = 0;
  loss.forEach((v, t) => {
    if (v < loss[argmin]!) argmin = t;
  });
  return { rise: loss[loss.length - 1]! - loss[argmin]!, argmin, min: loss[argmin]! };
}

export function dataFigures(d: DataData): Figure[] {
  const t = range(d.steps);
  return [
    {
      id: 'data-full-batch',
      title: 'Repeated data (full batch, σ = 0.6): test loss',
      xLabel: 'GD step t',
      yLabel: 'test loss',
      logY: true,
      caption: 'Every curve has an interior minimum; the late rise is largest near α = 1.',
      series: [
        ...d.fullBatch.map((c, i) => ({ label: `DMFT α=${d.alphas[i]}`, x: t, y: c.testLoss, role: 'theory' as const })),
        ...d.simFullBatch.map((c, i) => ({ label: `sim α=${d.simAlphas[i]} (D=${d.D})`, x: t, y: c.testLoss, yErr: c.testLossSe, role: 'simulation' as const })),
      ],
    },
    {
      id: 'data-one-pass',
      title: 'One-pass SGD (fresh batches α_B·D): test loss',
      xLabel: 'GD step t',
      yLabel: 'test loss',
      logY: true,
      caption: 'Monotone in time; a larger α_B is faster per step.',
      series: [
        ...d.onePass.map((c, i) => ({ label: `DMFT α_B=${d.batches[i]}`, x: t, y: c.testLoss, role: 'theory' as const })),
        ...d.simOnePass.map((c, i) => ({ label: `sim α_B=${d.simBatches[i]} (D=${d.D})`, x: t, y: c.testLoss, yErr: c.testLossSe, role: 'simulation' as const })),
      ],
    },
  ];
}
