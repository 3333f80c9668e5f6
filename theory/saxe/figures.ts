/**
 * Figures of Saxe et al. (2013) rebuilt from the experiments the validators run (one computation
 * serves both): Fig. 3 (mode strengths and half-learning delays on the hierarchical task), Fig. 4
 * (iterations and optimal rate vs depth, decoupled), Fig. 6A (learning time vs depth by start),
 * Fig. 6B/C (eigenvalue-modulus CDF of random products vs r^{2/k}), and GD vs eq. 12.
 */
import type { Figure, FigureSeries } from '../../src/core/figure.ts';
import type { FigureSpec } from '../../src/core/theory.ts';
import { compileDeclared } from './declared.ts';
import { DEPTH_INITS, DEPTH_SETUPS, depthExperiment } from './experiments/depth.ts';
import { EULER_SETUPS, eulerExperiment } from './experiments/euler.ts';
import { HIERARCHY_SETUPS, hierarchyExperiment } from './experiments/hierarchy.ts';
import { OPTIMAL_RATE_SETUPS, optimalRateExperiment, optimumCurvature } from './experiments/optimal-rate.ts';
import { PRODUCTS_SETUPS, productsExperiment } from './experiments/products.ts';
import { empiricalCdf } from './random-products.ts';

/** Every n-th point of a series (markers for long simulations). */
function thin<T>(xs: readonly T[], n: number): T[] {
  const step = Math.max(1, Math.floor(xs.length / n));
  return xs.filter((_, i) => i % step === 0);
}

const fig3: FigureSpec = {
  title: 'Fig. 3: mode strengths on the hierarchical task (eq. 12 at u0,eff vs GD) and half-learning delays',
  description: '32 items, five-level tree, flip 0.1; small random start; left: u_α(t)/s_α, right: (t½,sim − t½,eq11)/t½,eq11',
  async build(ctx) {
    const r = hierarchyExperiment(HIERARCHY_SETUPS[ctx.size]);
    const series: FigureSeries[] = r.curves.flatMap((c) => [
      { label: `eq. 12, mode ${c.mode + 1}`, x: thin(r.t, 300), y: thin(c.theory, 300).map((u) => u / c.s), role: 'theory' as const },
      { label: `GD, mode ${c.mode + 1}`, x: thin(r.t, 60), y: thin(c.simulated, 60).map((u) => u / c.s), role: 'simulation' as const },
    ]);
    const strengths: Figure = {
      id: 'fig3-strengths',
      title: 'Mode strengths on the hierarchical task',
      xLabel: 't = kλ',
      yLabel: 'u_α / s_α',
      series,
      caption: 'Staggered sigmoids: strong modes first; GD (markers) follows eq. 12 started at u0,eff, lagging for weak modes.',
    };
    const delays: Figure = {
      id: 'fig3-delays',
      title: 'Half-learning delay relative to eq. 11',
      xLabel: 'mode index α',
      yLabel: '(t½,sim − t½,eq11) / t½,eq11',
      series: [
        { label: 'linear net, mean ± s.d.', x: r.delays.map((d) => d.mode + 1), y: r.delays.map((d) => d.mean), yErr: r.delays.map((d) => d.sd), role: 'simulation' },
        { label: 'no delay', x: [1, 32], y: [0, 0], role: 'reference' },
      ],
      caption: 'Delays are positive (competition) and largest for the weakest modes.',
    };
    return [strengths, delays];
  },
};

const fig4: FigureSpec = {
  title: 'Fig. 4: iterations and optimal rate vs depth from decoupled starts (exact scalar maps)',
  description: 'modes s = (2, 1, 0.5), u0 = 1e-3; rate scanned below αλ̂₁ = 2; learned = within 5 % for good',
  async build(ctx) {
    const setup = OPTIMAL_RATE_SETUPS[ctx.size];
    const rows = optimalRateExperiment(setup);
    const depths = rows.map((r) => r.depth);
    const sMax = Math.max(...setup.singularValues);
    const sMin = Math.min(...setup.singularValues);
    const eq44 = compileDeclared('iterationsInfinite', ['kappa', 's', 'u0', 'uf']);
    return [
      {
        id: 'fig4-iterations',
        title: 'Iterations to learn vs depth (optimal rate per depth)',
        xLabel: 'N_l',
        yLabel: 'iterations',
        logX: true,
        series: [
          { label: 'GD (scalar maps)', x: depths, y: rows.map((r) => r.iterations), role: 'simulation' },
          { label: 'eq. 44 ceiling (weakest mode, same rate)', x: depths, y: rows.map((r) => eq44(r.rate * optimumCurvature(r.depth, sMin), sMin, setup.u0, 0.95 * sMin)), role: 'theory' },
        ],
        caption: 'Iterations rise with depth and level off below the N_l → ∞ ceiling.',
      },
      {
        id: 'fig4-rates',
        title: 'Optimal learning rate vs depth',
        xLabel: 'N_l',
        yLabel: 'α_opt',
        logX: true,
        logY: true,
        series: [
          { label: 'best rate on the grid', x: depths, y: rows.map((r) => r.rate), role: 'simulation' },
          { label: '1/λ̂₁ = 1/(D s_max^{2−2/D})', x: depths, y: depths.map((d) => 1 / optimumCurvature(d, sMax)), role: 'theory' },
        ],
        caption: 'α_opt·λ̂₁ stays near 2: the optimal rate scales as 1/N_l.',
      },
    ];
  },
};

const fig6a: FigureSpec = {
  title: 'Fig. 6A: learning time vs depth for scaled Gaussian, orthogonal and decoupled starts',
  description: '16 → 8 teacher, singular values 3 → 0.3, rate α = m/(N_l − 1) tuned per depth; learned = relative error ≤ 1e-2',
  async build(ctx) {
    const setup = DEPTH_SETUPS[ctx.size];
    const rows = depthExperiment(setup);
    const byInit = (key: 'iterations' | 'bestRate') =>
      DEPTH_INITS.map((init) => {
        const r = rows.filter((x) => x.init === init);
        return { label: init, x: r.map((x) => x.depth), y: r.map((x) => x[key]), role: 'simulation' as const };
      });
    return [
      { id: 'fig6a-time', title: 'Iterations to learn vs depth', xLabel: 'N_l', yLabel: 'iterations (best rate)', logX: true, logY: true, series: byInit('iterations'), caption: 'Scaled Gaussian grows with depth; orthogonal and decoupled level off.' },
      { id: 'fig6a-rates', title: 'Optimal learning rate vs depth', xLabel: 'N_l', yLabel: 'α_opt', logX: true, logY: true, series: byInit('bestRate'), caption: 'Optimal rates fall like 1/N_l.' },
    ];
  },
};

const fig6bc: FigureSpec = {
  title: 'Fig. 6B/C: eigenvalue moduli of products of k Gaussian matrices vs P(|λ| < r) = r^{2/k}',
  description: 'empirical CDF of |λ| (markers) against the large-N law (lines), per number of factors k',
  async build(ctx) {
    const rows = productsExperiment(PRODUCTS_SETUPS[ctx.size]);
    const law = compileDeclared('productLaw', ['r', 'k']);
    const r = Array.from({ length: 41 }, (_, i) => i / 40);
    const series: FigureSeries[] = rows.flatMap((row) => [
      { label: `r^{2/${row.k}}`, x: r, y: r.map((x) => law(x, row.k)), role: 'theory' as const },
      { label: `k = ${row.k}, N = ${PRODUCTS_SETUPS[ctx.size].N}`, x: r.filter((_, i) => i % 2 === 0), y: r.filter((_, i) => i % 2 === 0).map((x) => empiricalCdf(row.moduli, x)), role: 'simulation' as const },
    ]);
    return [{ id: 'fig6bc-cdf', title: 'P(|λ| < r) for products of k Ginibre matrices', xLabel: 'r', yLabel: 'P(|λ| < r)', series, caption: 'Eigenvalues crowd the origin as k grows; the law is r^{2/k}.' }];
  },
};

const gdVsEq12: FigureSpec = {
  title: 'GD from a decoupled balanced start vs eq. 12 (Euler error O(λs))',
  description: '3-layer net, modes s = (2, 1, 0.5), u0 = 1e-3, λs_max = 0.04',
  async build(ctx) {
    const { coarse } = eulerExperiment(EULER_SETUPS[ctx.size]);
    const series: FigureSeries[] = coarse.theory.flatMap((th, a) => [
      { label: `eq. 12, mode ${a + 1}`, x: thin(coarse.t, 300), y: thin(th, 300), role: 'theory' as const },
      { label: `GD, mode ${a + 1}`, x: thin(coarse.t, 50), y: thin(coarse.simulated[a]!, 50), role: 'simulation' as const },
    ]);
    return [{ id: 'gd-vs-eq12', title: 'Mode strengths: GD vs eq. 12', xLabel: 't = kλ', yLabel: 'u_α', series }];
  },
};

export const saxeFigures: Readonly<Record<string, FigureSpec>> = {
  fig3,
  fig4,
  fig6a,
  fig6bc,
  'gd-vs-eq12': gdVsEq12,
};
