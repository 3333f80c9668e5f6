/**
 * Width sweep (digest R1, claim 1): μP curves at fixed γ0 improve with ν and converge; NTK curves
 * (γ0 = γ̄/√ν) approach the lazy Marchenko–Pastur curve. DMFT for ν ∈ {0.5, 1, 2, 4, 8}, finite-width
 * simulations for ν ≤ 4. Main demo parameters: α = 3, L = 3, γ0 = γ̄ = 1, η = 0.05, σ = 0.2, T = 60.
 */
import type { Figure } from '../../../src/core/figure.ts';
import type { AnyTheory } from '../../../src/core/theory.ts';
import { lazyKernel } from '../derivations/stability.ts';
import { lazyFullBatch } from '../limits.ts';
import { withParams } from '../params.ts';
import { range, sweep, type Curves, type ExperimentContext } from './common.ts';

const WIDTH = { alpha: 3, L: 3, gamma0: 1, eta: 0.05, sigma: 0.2, steps: 60, nus: [0.5, 1, 2, 4, 8], simNus: [0.5, 1, 2, 4] } as const;

export interface WidthData {
  nus: readonly number[];
  simNus: readonly number[];
  steps: number;
  D: number;
  seeds: number;
  mup: Curves[];
  ntk: Curves[];
  simMup: Curves[];
  simNtk: Curves[];
  lazy: { testLoss: number[]; trainLoss: number[] };
}

export async function widthExperiment(theory: AnyTheory, ctx: ExperimentContext): Promise<WidthData> {
  const { alpha, L, gamma0, eta, sigma, steps, nus, simNus } = WIDTH;
  const D = ctx.size === 'test' ? 64 : 256;
  const seeds = 8;
  const base = { alpha, L, gamma0, eta, sigma };
  const mup = await sweep(theory, nus.map((nu) => ({ kind: 'solve' as const, params: { ...base, nu }, steps })), ctx, 'width sweep: μP DMFT');
  const ntk = await sweep(theory, nus.map((nu) => ({ kind: 'solve' as const, params: { ...base, nu, param: 'ntk' as const }, steps })), ctx, 'width sweep: NTK DMFT');
  const simMup = await sweep(theory, simNus.map((nu) => ({ kind: 'simulate' as const, params: { ...base, nu, D, seeds }, steps })), ctx, `width sweep: μP simulations (D = ${D})`);
  const simNtk = await sweep(theory, simNus.map((nu) => ({ kind: 'simulate' as const, params: { ...base, nu, D, seeds, param: 'ntk' as const }, steps })), ctx, `width sweep: NTK simulations (D = ${D})`);
  const lz = lazyFullBatch({ alpha, kappa: lazyKernel(withParams({ L })), gbar: gamma0, eta, sigma }, steps);
  return { nus, simNus, steps, D, seeds, mup, ntk, simMup, simNtk, lazy: { testLoss: Array.from(lz.testLoss), trainLoss: Array.from(lz.trainLoss) } };
}

export function widthFigures(d: WidthData): Figure[] {
  const t = range(d.steps);
  const panel = (id: string, title: string, theory: Curves[], sims: Curves[], lazy: boolean): Figure => ({
    id,
    title,
    xLabel: 'GD step t',
    yLabel: 'test loss',
    logY: true,
    caption: lazy ? 'NTK (γ0 = γ̄/√ν): curves approach the lazy Marchenko–Pastur limit as ν grows.' : 'μP (fixed γ0): wider is better — curves improve monotonically with ν and converge.',
    series: [
      ...theory.map((c, i) => ({ label: `DMFT ν=${d.nus[i]}`, x: t, y: c.testLoss, role: 'theory' as const })),
      ...sims.map((c, i) => ({ label: `sim ν=${d.simNus[i]} (D=${d.D})`, x: t, y: c.testLoss, yErr: c.testLossSe, role: 'simulation' as const })),
      ...(lazy ? [{ label: 'lazy limit (MP)', x: t, y: d.lazy.testLoss, role: 'reference' as const }] : []),
    ],
  });
  return [panel('width-mup', 'Width sweep, μP (γ0 = 1)', d.mup, d.simMup, false), panel('width-ntk', 'Width sweep, NTK (γ̄ = 1)', d.ntk, d.simNtk, true)];
}
