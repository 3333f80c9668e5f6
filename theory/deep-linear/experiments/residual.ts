/**
 * Verification of the residual-network DMFT (digest §5, derived for Plateau) against finite-width
 * residual networks, and of its infinite-depth limit: with s = β0/√L the finite-L theory is an
 * Euler–Maruyama discretisation of a depth SDE, so curves at L and 2L differ by O(1/L) and the
 * L → ∞ limit is estimated by Richardson extrapolation 2ℒ_{2L} − ℒ_L.
 */
import type { Figure } from '../../../src/core/figure.ts';
import type { AnyTheory } from '../../../src/core/theory.ts';
import { range, sweep, type Curves, type ExperimentContext } from './common.ts';

const RESIDUAL = { alpha: 3, nu: 1, gamma0: 1, beta0: 1, eta: 0.05, sigma: 0.2, steps: 16 } as const;

export interface ResidualData {
  steps: number;
  D: number;
  seeds: number;
  /** Simulated settings: sqrt-depth at several L, plus one constant-branch net. */
  cases: Array<{ label: string; L: number; branch: 'sqrt-depth' | 'constant'; beta0: number }>;
  theory: Curves[];
  sim: Curves[];
  /** DMFT with β0/√L branches at increasing depth, for the L → ∞ limit. */
  depths: number[];
  depthCurves: Curves[];
  /** max_t |ℒ_{2L}(t) − ℒ_L(t)| for consecutive depths. */
  depthGaps: number[];
  /** 2ℒ_{L_max} − ℒ_{L_max/2}: the extrapolated infinite-depth test loss. */
  infiniteDepth: number[];
}

export async function residualExperiment(theory: AnyTheory, ctx: ExperimentContext): Promise<ResidualData> {
  const test = ctx.size === 'test';
  const { steps, ...base } = RESIDUAL;
  const D = test ? 128 : 256;
  const seeds = test ? 16 : 32;
  const cases = [
    ...(test ? [2, 8] : [2, 4, 8, 16]).map((L) => ({ label: `β0/√L, L=${L}`, L, branch: 'sqrt-depth' as const, beta0: 1 })),
    { label: 'constant β0=0.5, L=3', L: 3, branch: 'constant' as const, beta0: 0.5 },
  ];
  const params = (c: (typeof cases)[number]) => ({ ...base, L: c.L, branch: c.branch, beta0: c.beta0, residual: true });
  const th = await sweep(theory, cases.map((c) => ({ kind: 'solve' as const, params: params(c), steps })), ctx, 'residual DMFT');
  const sim = await sweep(theory, cases.map((c) => ({ kind: 'simulate' as const, params: { ...params(c), D, seeds }, steps })), ctx, `residual simulations (D = ${D})`);
  const depths = test ? [32, 64, 128] : [32, 64, 128, 256];
  const depthCurves = await sweep(theory, depths.map((L) => ({ kind: 'solve' as const, params: { ...base, L, residual: true }, steps })), ctx, 'residual DMFT: depth limit');
  const depthGaps = depthCurves.slice(1).map((c, i) => Math.max(...c.testLoss.map((v, t) => Math.abs(v - depthCurves[i]!.testLoss[t]!))));
  const last = depthCurves[depthCurves.length - 1]!.testLoss;
  const prev = depthCurves[depthCurves.length - 2]!.testLoss;
  return { steps, D, seeds, cases, theory: th, sim, depths, depthCurves, depthGaps, infiniteDepth: last.map((v, t) => 2 * v - prev[t]!) };
}

export function residualFigures(d: ResidualData): Figure[] {
  const t = range(d.steps);
  return [
    {
      id: 'residual-verification',
      title: 'Residual-network DMFT against finite-width residual networks',
      xLabel: 'GD step t',
      yLabel: 'test loss',
      logY: true,
      caption: `DMFT (lines) and simulations (D = ${d.D}, ${d.seeds} seeds, markers) agree for β0/√L and constant branches.`,
      series: [
        ...d.theory.map((c, i) => ({ label: `DMFT ${d.cases[i]!.label}`, x: t, y: c.testLoss, role: 'theory' as const })),
        ...d.sim.map((c, i) => ({ label: `sim ${d.cases[i]!.label}`, x: t, y: c.testLoss, yErr: c.testLossSe, role: 'simulation' as const })),
      ],
    },
    {
      id: 'residual-depth-limit',
      title: 'Infinite-depth limit with β0/√L branches (DMFT)',
      xLabel: 'GD step t',
      yLabel: 'test loss',
      logY: true,
      caption: 'Curves converge as L grows (gaps shrink like 1/L); the dashed line is the Richardson extrapolation to L = ∞.',
      series: [
        ...d.depthCurves.map((c, i) => ({ label: `DMFT L=${d.depths[i]}`, x: t, y: c.testLoss, role: 'theory' as const })),
        { label: 'L → ∞ (Richardson)', x: t, y: d.infiniteDepth, role: 'reference' as const },
      ],
    },
  ];
}
