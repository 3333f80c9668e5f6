/**
 * Figures of the DLN theory, built from the same experiments the validators run: the fixed point
 * against α with finite-d interpolators (T1, Fig. 2a), DMFT against simulation over whole curves
 * (T2), the speed/generalisation trade-off (T3, Fig. 2b/c), and the grokking collapse on
 * t − ln(α)/λ (T5, Fig. 3b).
 */
import type { Figure, FigureSeries } from '../../src/core/figure.ts';
import type { FigureSpec } from '../../src/core/theory.ts';
import { compareCurves, CURVE_CASES, BASE } from './experiments/curves.ts';
import { FIXED_POINT_SIZES, interpolatorCases, problems } from './experiments/fixed-point.ts';
import { tradeoffExperiment } from './experiments/rates.ts';
import { GROKKING_SIZES } from './experiments/timescales.ts';
import { interpolatorFixedPoint } from './fixed-point.ts';
import { timeGrid } from './model.ts';
import { lazyRate } from './rate.ts';
import { simulateDln } from './simulator.ts';
import { basisPursuitFixedPoint, minNormTestError } from './soft-threshold.ts';
import { silentProgress } from '../../src/core/progress.ts';
import { geomspace } from '../../src/numeric/statistics.ts';

function thin<T>(xs: readonly T[], n: number): T[] {
  const step = Math.max(1, Math.floor(xs.length / n));
  return xs.filter((_, i) => i % step === 0);
}


const fixedPointFigure: FigureSpec = {
  title: 'fixed-point test error against α, with finite-d interpolators (δ = 0.5, ρ = 0.1, σ = 0.1)',
  description: 'scalar equations (G-grid) from the basis-pursuit value (α → 0) to the minimum-ℓ2 value (α → ∞); markers: min-ψ_α interpolators by dual Newton, mean ± s.e.',
  async build(ctx) {
    const cfg = FIXED_POINT_SIZES[ctx.size];
    const alphas = geomspace(1e-3, 10, ctx.size === 'large' ? 41 : 21);
    const theory = alphas.map((alpha) => interpolatorFixedPoint({ ...BASE, alpha, lambda: 0 }).testError);
    const cases = interpolatorCases(cfg.alphas, problems(cfg.d, cfg.seeds, ctx.seed), { progress: silentProgress });
    const bp = basisPursuitFixedPoint(BASE).testError;
    const l2 = minNormTestError(BASE);
    const fig: Figure = {
      id: 'fixed-point',
      title: 'Implicit bias: E_gen(∞) against α',
      xLabel: 'α',
      yLabel: 'test error E_gen(∞)',
      logX: true,
      series: [
        { label: 'fixed point (theory)', x: alphas, y: theory, role: 'theory' },
        { label: `interpolators, d = ${cfg.d}, ${cfg.seeds} data sets`, x: [...cfg.alphas], y: cases.map((c) => c.mean), yErr: cases.map((c) => c.se), role: 'simulation' },
        { label: 'basis pursuit (α → 0)', x: [alphas[0]!, alphas.at(-1)!], y: [bp, bp], role: 'reference' },
        { label: 'minimum ℓ2 (α → ∞)', x: [alphas[0]!, alphas.at(-1)!], y: [l2, l2], role: 'reference' },
      ],
      caption: 'Smaller α generalises better; the basis-pursuit value is approached only logarithmically.',
    };
    return [fig];
  },
};

const curvesFigure: FigureSpec = {
  title: 'DMFT against finite-d simulation: test and train error curves (rich, lazy, weight decay)',
  description: 'same G-scheme and grid; DMFT mean of Monte Carlo runs, simulation mean ± s.e. over data sets',
  async build(ctx) {
    const panels: Figure[] = [];
    for (const [i, c] of CURVE_CASES.entries()) {
      const r = await compareCurves(c, ctx.size, { ...ctx, progress: silentProgress });
      const series: FigureSeries[] = [
        { label: 'DMFT test error', x: r.t, y: r.dmft.testError, role: 'theory' },
        { label: 'simulated test error', x: thin(r.t, 40), y: thin(r.simulation.testError, 40), yErr: thin(r.simulation.testErrorSe, 40), role: 'simulation' },
        { label: 'DMFT train error', x: r.t, y: r.dmft.trainError, role: 'theory' },
        { label: 'simulated train error', x: thin(r.t, 40), y: thin(r.simulation.trainError, 40), yErr: thin(r.simulation.trainErrorSe, 40), role: 'simulation' },
      ];
      panels.push({ id: `curves-${i + 1}`, title: `DMFT vs simulation, ${c.label}`, xLabel: 't', yLabel: 'error', logY: true, series, caption: `largest z-score of the test-error gap ${r.z.toFixed(2)}` });
    }
    return panels;
  },
};

const tradeoffFigure: FigureSpec = {
  title: 'speed/generalisation trade-off: test error against rate μ_min as α varies',
  description: 'theory curve parametrised by α; markers: interpolators and the spectral edge of (1/δ)X·diag(D)·Xᵀ at them',
  async build(ctx) {
    const r = await tradeoffExperiment(ctx.size, { ...ctx, progress: silentProgress });
    const alphas = r.theory.map((p) => p.alpha);
    const tradeoff: Figure = {
      id: 'tradeoff',
      title: 'E_gen(∞) against μ_min (each point one α)',
      xLabel: 'rate μ_min',
      yLabel: 'test error E_gen(∞)',
      logX: true,
      series: [
        { label: 'theory', x: r.theory.map((p) => p.rate), y: r.theory.map((p) => p.testError), role: 'theory' },
        { label: 'finite d', x: r.simulation.map((p) => p.rate), y: r.simulation.map((p) => p.testError), yErr: r.simulation.map((p) => p.testErrorSe), role: 'simulation' },
      ],
      caption: 'Lower test error comes with a slower rate.',
    };
    const rate: Figure = {
      id: 'rate',
      title: 'μ_min against α, with the lazy edge 2α²(1 − √δ)²/δ',
      xLabel: 'α',
      yLabel: 'μ_min',
      logX: true,
      logY: true,
      series: [
        { label: 'μ_min (theory)', x: alphas, y: r.theory.map((p) => p.rate), role: 'theory' },
        { label: 'lazy edge', x: alphas, y: alphas.map((alpha) => lazyRate({ alpha, delta: BASE.delta })), role: 'reference' },
        { label: 'finite-d edge', x: r.simulation.map((p) => p.alpha), y: r.simulation.map((p) => p.rate), yErr: r.simulation.map((p) => p.rateSe), role: 'simulation' },
      ],
      caption: 'μ_min ∝ α² at large α (lazy), far above α² at small α.',
    };
    return [tradeoff, rate];
  },
};

const grokkingFigure: FigureSpec = {
  title: 'grokking with weight decay: test error against t − ln(α)/λ for several α',
  description: 'simulations (λ = 0.1) from large starts; the late drops collapse on t − ln(α)/λ',
  async build(ctx) {
    const cfg = GROKKING_SIZES[ctx.size];
    const series: FigureSeries[] = [];
    for (const alpha of cfg.alphas) {
      const params = { ...BASE, alpha, lambda: cfg.lambda, d: cfg.d, seeds: cfg.seeds };
      const shift = Math.log(alpha) / cfg.lambda;
      const grid = timeGrid(params, { tEnd: shift + 4 / cfg.lambda, step: cfg.step });
      const { series: s } = await simulateDln(params, grid.eta, grid.t.length - 1, { ...ctx, progress: silentProgress });
      const keep = s.t.map((t) => t >= shift - 15);
      const pick = (x: number[]) => thin(x.filter((_, k) => keep[k]), 60);
      series.push({ label: `α = ${alpha} (d = ${cfg.d}, mean of ${cfg.seeds})`, x: pick(s.t).map((t) => t - shift), y: pick(s.testError), role: 'simulation' });
    }
    return [{ id: 'grokking', title: 'Test error against t − ln(α)/λ (λ = 0.1)', xLabel: 't − ln(α)/λ', yLabel: 'test error', series, caption: 'The drop comes at ln(α)/λ plus an α-independent offset.' }];
  },
};

export const dlnFigures: Readonly<Record<string, FigureSpec>> = {
  'fixed-point': fixedPointFigure,
  curves: curvesFigure,
  tradeoff: tradeoffFigure,
  grokking: grokkingFigure,
};
