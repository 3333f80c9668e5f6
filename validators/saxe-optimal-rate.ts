/**
 * Claim (App. B, Fig. 4): on the decoupled manifold the optimal rate scales like 1/λ̂₁ ∝ 1/N_l and
 * the iteration count stays below the N_l → ∞ ceiling of eq. 44. The fitted log–log slope of
 * α_opt against N_l (N_l ≥ 8) must match that of 1/λ̂₁ within 0.1; every count must lie below
 * eq. 44 for the weakest mode at κ' = α_opt·D·s_min^{2−2/D}; and matrix GD at one depth must give
 * the scalar-map count exactly.
 */
import type { Validator } from '../src/core/validator.ts';
import { compileDeclared } from '../theory/saxe/declared.ts';
import { OPTIMAL_RATE_SETUPS, logLogSlope, matrixIterations, optimalRateExperiment, optimumCurvature } from '../theory/saxe/experiments/optimal-rate.ts';

export const saxeOptimalRate: Validator = {
  id: 'saxe-optimal-rate',
  theory: 'saxe',
  claim: 'optimal-rate',
  title: 'Fig. 4 / App. B: optimal rate ∝ 1/N_l, bounded iterations',
  async run(ctx) {
    const setup = OPTIMAL_RATE_SETUPS[ctx.size];
    ctx.progress.info(`optimal rate: depths ${setup.depths.join(', ')}, ${setup.grid.points} rates`);
    const rows = optimalRateExperiment(setup);
    const sMax = Math.max(...setup.singularValues);
    const sMin = Math.min(...setup.singularValues);
    const deep = rows.filter((r) => r.depth >= 8);
    const simulated = logLogSlope(deep.map((r) => r.depth), deep.map((r) => r.rate));
    const predicted = logLogSlope(deep.map((r) => r.depth), deep.map((r) => 1 / optimumCurvature(r.depth, sMax)));
    const eq44 = compileDeclared('iterationsInfinite', ['kappa', 's', 'u0', 'uf']);
    const ceilings = rows.map((r) => eq44(r.rate * optimumCurvature(r.depth, sMin), sMin, setup.u0, 0.95 * sMin));
    const matrixRow = rows.find((r) => r.depth === setup.matrixDepth)!;
    const matrix = matrixIterations(setup, matrixRow.depth, matrixRow.rate, matrixRow.iterations + 100);
    const error = Math.abs(simulated - predicted);
    return {
      id: 'optimal-rate',
      passed: error <= 0.1 && rows.every((r, i) => r.iterations <= ceilings[i]!) && matrix === matrixRow.iterations,
      theory: predicted,
      simulation: simulated,
      error,
      tolerance: 0.1,
      measure: '|slope of ln α_opt vs ln N_l − slope of ln(1/λ̂₁)| over N_l ≥ 8; also needs iterations ≤ eq. 44 and matrix GD = scalar map',
      details: {
        table: rows.map((r, i) => ({ ...r, ceilingEq44: ceilings[i], rateTimesDepth: r.rate * r.depth })),
        matrixCheck: { depth: matrixRow.depth, matrixIterations: matrix, scalarIterations: matrixRow.iterations },
        singularValues: setup.singularValues,
        u0: setup.u0,
      },
    };
  },
};
