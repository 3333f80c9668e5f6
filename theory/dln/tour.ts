/**
 * The DLN part of `plateau tour` (about ten seconds): derivations with their checks, the fixed
 * point and rate across α, and a DMFT curve against finite-d simulation.
 */
import { silentProgress } from '../../src/core/progress.ts';
import type { RunContext } from '../../src/core/theory.ts';
import { fmt } from '../../src/cli/output.ts';
import { equationUnicode, parseEquation } from '../../src/symbolic/index.ts';
import { dlnNames } from './derivations/common.ts';
import { dlnDerivations } from './derivations/index.ts';
import { dlnEquations } from './equations.ts';
import { BASE } from './experiments/curves.ts';
import { maxZScore } from './experiments/stats.ts';
import { interpolatorFixedPoint } from './fixed-point.ts';
import { timeGrid } from './model.ts';
import { convergenceRate } from './rate.ts';
import { simulateDln } from './simulator.ts';
import { averagedDmft } from './solver.ts';
import { basisPursuitFixedPoint, minNormTestError } from './soft-threshold.ts';

export async function dlnTour(ctx: RunContext): Promise<string[]> {
  const quiet = { ...ctx, progress: silentProgress };
  const params = { ...BASE, alpha: 0.3, lambda: 0, d: 500, seeds: 8 };
  const out: string[] = ['Diagonal linear network w = (u² − v²)/2 on sparse regression (δ = 0.5, ρ = 0.1, σ = 0.1).', ''];
  const shown = { 'coordinate-flow': 'coordinateMap', 'mirror-potential': 'conjugate', 'lazy-rate': 'lazyRate' } as const;
  for (const [name, equation] of Object.entries(shown)) {
    const r = dlnDerivations[name]!.derive(params);
    const passed = r.checks.filter((c) => c.passed).length;
    out.push(`derive ${name}: ${r.kind}${r.asymptotic ? ` (${r.asymptotic})` : ''}, ${passed}/${r.checks.length} numeric checks`);
    out.push(`   ${equationUnicode(parseEquation(dlnEquations[equation]!.equation), dlnNames)}`);
  }
  out.push('', 'Fixed point and rate across α (smaller α: better generalisation, slower convergence):', '      α    E_gen(∞)     μ_min');
  for (const alpha of [0.01, 0.1, 0.3, 1, 3]) {
    const model = { ...BASE, alpha, lambda: 0 };
    const fp = interpolatorFixedPoint(model);
    out.push(`  ${String(alpha).padStart(5)}  ${fmt(fp.testError).padStart(10)}  ${fmt(convergenceRate(model, fp).muMin).padStart(9)}`);
  }
  out.push(`  limits: basis pursuit ${fmt(basisPursuitFixedPoint(BASE).testError)} (α → 0), minimum ℓ2 ${fmt(minNormTestError(BASE))} (α → ∞)`, '');
  const began = Date.now();
  const { solution } = await averagedDmft(params, { 't-end': 6, runs: 2, 'max-runs': 2, paths: 6000 }, quiet);
  const grid = timeGrid(params, { tEnd: 6 });
  const { series } = await simulateDln(params, grid.eta, grid.t.length - 1, quiet);
  const z = maxZScore(solution.testError, solution.testErrorSe, series.testError, series.testErrorSe);
  out.push(`DMFT (2 runs × 6000 paths) vs simulation (d = 500, 8 data sets), α = 0.3, ${((Date.now() - began) / 1000).toFixed(1)} s:`, '      t   DMFT E_gen   sim E_gen ± s.e.');
  for (const k of [20, 40, 60, 80, 120]) {
    out.push(`  ${solution.t[k]!.toFixed(2).padStart(5)}   ${fmt(solution.testError[k]).padStart(10)}   ${fmt(series.testError[k]).padStart(9)} ± ${fmt(series.testErrorSe[k])}`);
  }
  out.push(`  largest gap ${fmt(z.maxGap)} (${z.z.toFixed(2)} combined s.e.)`, '', 'Next: plateau derive dln fixed-point, plateau solve dln, plateau validate dln, plateau reproduce dln/fixed-point');
  return out;
}
