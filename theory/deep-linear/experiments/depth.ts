/**
 * Depth sweep of residual networks (digest R4, claim 3): train loss after T = 20 steps against η
 * for several depths, with branch scale β0/√L (depth-μP: the best η is stable in depth) or a
 * constant β0 (the best η collapses by orders of magnitude, as the kernel grows like (1+β0²)^L).
 * DMFT (residual stream, §5 as derived for Plateau) and finite-width simulations; refused points
 * (past the lazy bound, which shrinks exponentially with depth for constant branches) are gaps.
 */
import type { Figure } from '../../../src/core/figure.ts';
import type { AnyTheory } from '../../../src/core/theory.ts';
import { geomspace } from '../../../src/numeric/statistics.ts';
import { argminFinite, sweep, type Curves, type ExperimentContext } from './common.ts';

const DEPTH = { alpha: 3, nu: 2, gamma0: 1, beta0: 1, sigma: 0.2, steps: 20 } as const;
export type Branch = 'sqrt-depth' | 'constant';

export interface DepthData {
  depths: number[];
  etas: number[];
  D: number;
  seeds: number;
  theory: Record<Branch, number[][]>;
  sim: Record<Branch, number[][]>;
  best: Record<Branch, number[]>;
  simBest: Record<Branch, number[]>;
}

const finalTrain = (c: Curves) => c.trainLoss[c.trainLoss.length - 1]!;

export async function depthExperiment(theory: AnyTheory, ctx: ExperimentContext): Promise<DepthData> {
  const test = ctx.size === 'test';
  const depths = test ? [1, 2, 4, 8] : [1, 2, 4, 8, 16];
  const etas = test ? geomspace(1e-4, 0.5, 13) : geomspace(1e-5, 0.5, 21);
  const D = test ? 64 : 100;
  const seeds = 2;
  const { steps, ...base } = DEPTH;
  const out: DepthData = { depths, etas, D, seeds, theory: { 'sqrt-depth': [], constant: [] }, sim: { 'sqrt-depth': [], constant: [] }, best: { 'sqrt-depth': [], constant: [] }, simBest: { 'sqrt-depth': [], constant: [] } };
  for (const branch of ['sqrt-depth', 'constant'] as const) {
    for (const L of depths) {
      const params = (eta: number) => ({ ...base, L, eta, branch, residual: true });
      const th = await sweep(theory, etas.map((eta) => ({ kind: 'solve' as const, params: params(eta), steps })), ctx, `depth sweep: ${branch} DMFT L=${L}`);
      const sim = await sweep(theory, etas.map((eta) => ({ kind: 'simulate' as const, params: { ...params(eta), D, seeds }, steps })), ctx, `depth sweep: ${branch} simulations L=${L} (D = ${D})`);
      out.theory[branch].push(th.map(finalTrain));
      out.sim[branch].push(sim.map(finalTrain));
    }
    out.best[branch] = out.theory[branch].map(argminFinite);
    out.simBest[branch] = out.sim[branch].map(argminFinite);
  }
  return out;
}

export function depthFigures(d: DepthData): Figure[] {
  return (['sqrt-depth', 'constant'] as const).map((branch) => ({
    id: `depth-${branch}`,
    title: `Residual depth sweep, branches ${branch === 'sqrt-depth' ? 'β0/√L' : 'β0 (constant)'}: train loss after 20 steps`,
    xLabel: 'learning rate η',
    yLabel: 'train loss at t = 19',
    logX: true,
    logY: true,
    caption: branch === 'sqrt-depth' ? 'β0/√L branches: the best η is nearly constant in depth.' : 'constant branches: the best η collapses with depth.',
    series: [
      ...d.theory[branch].map((y, i) => ({ label: `DMFT L=${d.depths[i]}`, x: d.etas, y, role: 'theory' as const })),
      ...d.sim[branch].map((y, i) => ({ label: `sim L=${d.depths[i]} (D=${d.D})`, x: d.etas, y, role: 'simulation' as const })),
    ],
  }));
}
