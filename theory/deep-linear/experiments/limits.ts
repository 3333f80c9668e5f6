/**
 * Exact limits of the DMFT (digest R6, §4): the lazy full-batch limit (NTK, ν → ∞) against the
 * Marchenko–Pastur integral, and the rich mean-field limit (μP, L = 1, ν = α → ∞) against its
 * scalar recursion. Gaps shrink like 1/ν; Richardson extrapolation 2ℒ(2ν) − ℒ(ν) removes the
 * leading term.
 */
import type { Figure } from '../../../src/core/figure.ts';
import { solveDmft } from '../dmft.ts';
import { lazyFullBatch, richMeanField } from '../limits.ts';

const LAZY_LIMIT = { alpha: 2, L: 2, gbar: 1.5, eta: 0.04, sigma: 0.25, steps: 25 } as const;
const RICH_LIMIT = { gamma0: 2, eta: 0.15, sigma: 0.2, steps: 30 } as const;

export interface LimitGaps {
  nus: number[];
  /** Max over t of the relative gap of the test loss at each ν. */
  gaps: number[];
  /** The same for the Richardson extrapolation from (ν, 2ν), at each ν. */
  extrapolatedGaps: number[];
  /** Log-log slope of gap against ν between the first and last ν. */
  slope: number;
}

function maxRelGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let t = 0; t < a.length; t++) m = Math.max(m, Math.abs(a[t]! / b[t]! - 1));
  return m;
}

function gapsOf(nus: number[], curve: (nu: number) => Float64Array, exact: Float64Array): LimitGaps {
  const gaps: number[] = [];
  const extrapolatedGaps: number[] = [];
  for (const nu of nus) {
    const a = curve(nu);
    const b = curve(2 * nu);
    gaps.push(maxRelGap(a, exact));
    extrapolatedGaps.push(maxRelGap(b.map((v, t) => 2 * v - a[t]!), exact));
  }
  return { nus, gaps, extrapolatedGaps, slope: Math.log(gaps[gaps.length - 1]! / gaps[0]!) / Math.log(nus[nus.length - 1]! / nus[0]!) };
}

/** DMFT vs the MP integral, lazy full batch, α ∈ {2, 0.5} (the latter needs the atom at 0). */
export function lazyLimitGaps(alpha: number, nus = [100, 1000, 10000]): LimitGaps {
  const { L, gbar, eta, sigma, steps } = LAZY_LIMIT;
  const exact = lazyFullBatch({ alpha, kappa: L + 1, gbar, eta, sigma }, steps).testLoss;
  const curve = (nu: number) => solveDmft({ alpha, nu, L, gamma0: gbar / Math.sqrt(nu), eta, sigma, batch: undefined, branchScale: undefined }, { steps }).testLoss;
  return gapsOf(nus, curve, exact);
}

/** DMFT vs the rich mean-field recursion (ν = α). */
export function richLimitGaps(nus = [1000, 10000, 100000]): LimitGaps {
  const { gamma0, eta, sigma, steps } = RICH_LIMIT;
  const exact = richMeanField({ gamma0, eta, sigma }, steps);
  const curve = (nu: number) => solveDmft({ alpha: nu, nu, L: 1, gamma0, eta, sigma, batch: undefined, branchScale: undefined }, { steps }).testLoss;
  return gapsOf(nus, curve, exact);
}

export function limitFigures(): Figure[] {
  const lazy = lazyLimitGaps(LAZY_LIMIT.alpha);
  const rich = richLimitGaps();
  const panel = (id: string, title: string, g: LimitGaps): Figure => ({
    id,
    title,
    xLabel: 'ν',
    yLabel: 'max relative gap of the test loss',
    logX: true,
    logY: true,
    caption: `Gap ∝ ν^${g.slope.toFixed(2)}; Richardson extrapolation from (ν, 2ν) reaches ${Math.max(...g.extrapolatedGaps).toExponential(1)}.`,
    series: [
      { label: 'DMFT at ν', x: g.nus, y: g.gaps, role: 'theory' },
      { label: 'extrapolated 2ℒ(2ν) − ℒ(ν)', x: g.nus, y: g.extrapolatedGaps, role: 'theory' },
    ],
  });
  return [panel('limit-lazy', 'DMFT against the lazy Marchenko–Pastur limit (α = 2)', lazy), panel('limit-rich', 'DMFT against the rich mean-field recursion', rich)];
}
