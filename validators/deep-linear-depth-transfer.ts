/**
 * Claim `depth-transfer` (digest §7.3, R4): in residual networks with β0/√L branches the learning
 * rate minimising the train loss after 20 steps is nearly constant in depth, while with constant
 * branches it collapses (the lazy kernel grows like (1+β0²)^L). Both in the residual DMFT and in
 * finite-width simulation. Error: the spread of the β0/√L best-η grid index over depths (≤ 1 point
 * of a grid with ratio ≈ 2 per point); also required: with constant branches the best η at the
 * largest depth is ≥ 10× below that at L = 1 (or no η on the grid is stable at all), in theory and
 * simulation.
 */
import type { Validator } from '../src/core/validator.ts';
import { depthExperiment } from '../theory/deep-linear/experiments/depth.ts';
import { deepLinear } from '../theory/deep-linear/index.ts';

export const deepLinearDepthTransfer: Validator = {
  id: 'deep-linear-depth-transfer',
  theory: 'deep-linear',
  claim: 'depth-transfer',
  title: 'Depth transfer of the learning rate with 1/√L branches, collapse without',
  async run(ctx) {
    const d = await depthExperiment(deepLinear, ctx);
    // Index −1: no stable η on the grid (every point diverged or was past the lazy bound).
    const eta = (i: number) => (i >= 0 ? d.etas[i]! : null);
    const spread = (idx: number[]) => (idx.includes(-1) ? Infinity : Math.max(...idx) - Math.min(...idx));
    const collapse = (idx: number[]) => {
      const [first, last] = [eta(idx[0]!), eta(idx[idx.length - 1]!)];
      return first === null ? 0 : last === null ? Infinity : first / last;
    };
    const thSpread = spread(d.best['sqrt-depth']);
    const simSpread = spread(d.simBest['sqrt-depth']);
    const thCollapse = collapse(d.best.constant);
    const simCollapse = collapse(d.simBest.constant);
    return {
      id: 'depth-transfer',
      passed: thSpread <= 1 && simSpread <= 1 && thCollapse >= 10 && simCollapse >= 10,
      theory: d.best['sqrt-depth'].map((i) => eta(i) ?? Infinity),
      simulation: d.simBest['sqrt-depth'].map((i) => eta(i) ?? Infinity),
      error: Math.max(thSpread, simSpread),
      tolerance: 1,
      measure: 'spread of the best-η grid index over depths with β0/√L branches, DMFT and simulation (also required: constant branches push the best η down ≥ 10× from L = 1 to the deepest net)',
      details: { depths: d.depths, etas: d.etas, D: d.D, seeds: d.seeds, bestEtaSqrtDepth: d.best['sqrt-depth'].map(eta), simBestEtaSqrtDepth: d.simBest['sqrt-depth'].map(eta), bestEtaConstant: d.best.constant.map(eta), simBestEtaConstant: d.simBest.constant.map(eta), collapseTheory: thCollapse, collapseSimulation: simCollapse },
    };
  },
};
