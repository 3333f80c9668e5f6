/**
 * Power-law data (digest R5, claim 5): the C9 recursion (rich, μP two-layer, infinite width) and its
 * lazy counterpart with b = 2, a* = 2 (β = ½), η = 0.2, γ0 = 1; exponents fitted over [20, T−1].
 * The lazy exponent −β is derived; the rich −2β/(1+β) is the paper's claim.
 */
import type { Figure } from '../../../src/core/figure.ts';
import { DEMO_POWER_LAW } from '../derivations/exponents.ts';
import { fittedExponent, powerLawCurves } from '../power-law.ts';
import type { ExperimentContext } from './common.ts';

export interface PowerLawData {
  modes: number;
  steps: number;
  source: number;
  lazy: number[];
  rich: number[];
  fitFrom: number;
  lazyExponent: number;
  richExponent: number;
}

export function powerLawExperiment(ctx: ExperimentContext): PowerLawData {
  const test = ctx.size === 'test';
  const modes = test ? 256 : 1024;
  const steps = test ? 1000 : 4000;
  ctx.progress.start(`power-law C9 recursion (D = ${modes}, T = ${steps})`, steps);
  const c = powerLawCurves({ modes, ...DEMO_POWER_LAW, eta: 0.2, gamma0: 1, steps }, (t) => {
    if (t % 100 === 0) ctx.progress.update(t);
  });
  ctx.progress.finish();
  const fitFrom = 20;
  return { modes, steps, source: c.source, lazy: Array.from(c.lazy), rich: Array.from(c.rich), fitFrom, lazyExponent: fittedExponent(c.lazy, fitFrom, steps - 1), richExponent: fittedExponent(c.rich, fitFrom, steps - 1) };
}

export function powerLawFigures(d: PowerLawData): Figure[] {
  const t = Array.from({ length: d.steps - 1 }, (_, i) => i + 1);
  const ref = (exponent: number, from: number[]) => t.map((x) => from[d.fitFrom]! * Math.pow(x / d.fitFrom, exponent));
  const b = d.source;
  return [
    {
      id: 'power-law',
      title: `Power-law data (b = 2, β = ${b}): lazy vs rich loss`,
      xLabel: 'GD step t',
      yLabel: 'loss',
      logX: true,
      logY: true,
      caption: `Fitted exponents over [${d.fitFrom}, ${d.steps - 1}]: lazy ${d.lazyExponent.toFixed(3)} (derived −β = ${(-b).toFixed(3)}), rich ${d.richExponent.toFixed(3)} (claimed −2β/(1+β) = ${((-2 * b) / (1 + b)).toFixed(3)}).`,
      series: [
        { label: 'lazy (kernel frozen)', x: t, y: t.map((i) => d.lazy[i]!), role: 'theory' },
        { label: 'rich (μP, C9 recursion)', x: t, y: t.map((i) => d.rich[i]!), role: 'theory' },
        { label: 'slope −β (derived)', x: t, y: ref(-b, d.lazy), role: 'reference' },
        { label: 'slope −2β/(1+β) (claim of the paper)', x: t, y: ref((-2 * b) / (1 + b), d.rich), role: 'reference' },
      ],
    },
  ];
}
