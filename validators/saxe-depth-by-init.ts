/**
 * Claim (Fig. 6A): with the learning rate tuned per depth, the iterations to learn a rectangular
 * 16 → 8 task stay nearly flat in depth for random orthogonal and decoupled starts and grow for
 * scaled Gaussian ones. Measured as the growth between the two deepest depths: ≤ 1.5× for
 * orthogonal and decoupled, ≥ 2× (and ≥ twice the orthogonal growth) for scaled Gaussian. A run that
 * never learns counts as the iteration cap, so a censored growth is a lower bound.
 */
import type { Validator } from '../src/core/validator.ts';
import { DEPTH_SETUPS, depthExperiment, type DepthRow } from '../theory/saxe/experiments/depth.ts';

export const saxeDepthByInit: Validator = {
  id: 'saxe-depth-by-init',
  theory: 'saxe',
  claim: 'depth-by-init',
  title: 'Fig. 6A: learning time vs depth by initialisation (rate tuned per depth)',
  async run(ctx) {
    const setup = DEPTH_SETUPS[ctx.size];
    ctx.progress.info(`depth by init: depths ${setup.depths.join(', ')}, ${setup.multipliers.length} rates, ${setup.seeds} seed(s)`);
    const rows = depthExperiment(setup);
    const [d1, d2] = setup.depths.slice(-2) as [number, number];
    const growth = (init: DepthRow['init']) => {
      const at = (d: number) => rows.find((r) => r.init === init && r.depth === d)!.iterations;
      return at(d2) / at(d1);
    };
    const censored = rows.filter((r) => r.censored).map((r) => `${r.init} at depth ${r.depth}`);
    const gaussian = growth('scaled-gaussian');
    const orthogonal = growth('orthogonal');
    const decoupled = growth('decoupled');
    const error = Math.max(orthogonal, decoupled) - 1;
    return {
      id: 'depth-by-init',
      passed: error <= 0.5 && gaussian >= 2 && gaussian >= 2 * orthogonal,
      theory: [1, 1],
      simulation: [orthogonal, decoupled],
      error,
      tolerance: 0.5,
      measure: `max growth − 1 of the iterations from depth ${d1} to ${d2} (orthogonal, decoupled); also needs scaled Gaussian growth ≥ 2 and ≥ 2× orthogonal`,
      details: {
        growth: { 'scaled-gaussian': gaussian, orthogonal, decoupled },
        censored: censored.length ? `${censored.join(', ')}: not learned within ${setup.cap} iterations (counted as the cap; growth is a lower bound)` : 'none',
        table: rows.map((r) => ({ ...r, rateTimesDepthMinus1: r.bestRate * (r.depth - 1) })),
        cap: setup.cap,
      },
    };
  },
};
