/**
 * Fig. 4 of Saxe et al. (2013), synthetic and exact on the decoupled manifold (digest §6): a deep
 * linear net from a decoupled balanced start is, mode by mode, the scalar GD map
 * a ↦ a + α(s − a^D)a^{D−1} (u = a^D). Modes s = (2, 1, 0.5), u0 = 10⁻³; for each depth the rate is
 * scanned on a log grid below the stability edge αλ̂₁ < 2 (λ̂₁ from s_max, App. B) and the fastest
 * kept; "learned" = every mode within 5 % of its s from then on. One depth is repeated with matrix
 * GD (`src/sim`) to confirm that the scalar maps are the network's dynamics.
 */
import type { Objective } from '../../../src/sim/deep-linear-net.ts';
import { alignedInit } from '../../../src/sim/init.ts';
import { teacherTask } from '../../../src/sim/tasks.ts';
import { modeStrengths, train } from '../../../src/sim/train.ts';

export interface OptimalRateSetup {
  singularValues: number[];
  u0: number;
  depths: number[];
  /** log10 bounds and number of points of the rate grid. */
  grid: { lo: number; hi: number; points: number };
  cap: number;
  /** Depth repeated with matrix GD (hidden width 8). */
  matrixDepth: number;
}

export const OPTIMAL_RATE_SETUPS: Record<'test' | 'large', OptimalRateSetup> = {
  test: { singularValues: [2, 1, 0.5], u0: 1e-3, depths: [3, 5, 8, 16, 31, 51], grid: { lo: -5, hi: 0, points: 61 }, cap: 200_000, matrixDepth: 5 },
  large: { singularValues: [2, 1, 0.5], u0: 1e-3, depths: [3, 4, 5, 6, 8, 11, 16, 21, 31, 51, 76, 101], grid: { lo: -5, hi: 0, points: 121 }, cap: 400_000, matrixDepth: 8 },
};

/** Consecutive in-band steps that count as "for good". */
const STREAK = 50;

/** λ̂₁ = D s^{2−2/D} (eq. 41). */
export function optimumCurvature(depth: number, s: number): number {
  const D = depth - 1;
  return D * s ** (2 - 2 / D);
}

/**
 * Iterations until every mode of the balanced scalar maps is within 5 % of its s for good (the
 * first step of a run of STREAK in-band steps); Infinity if not within `cap`. Cost O(modes·cap).
 */
function scalarMapIterations(singularValues: readonly number[], u0: number, depth: number, rate: number, cap: number): number {
  const D = depth - 1;
  const a = singularValues.map(() => u0 ** (1 / D));
  let streak = 0;
  for (let k = 0; k <= cap; k++) {
    let inside = true;
    for (let m = 0; m < a.length; m++) {
      const u = a[m]! ** D;
      if (!(Math.abs(u - singularValues[m]!) <= 0.05 * singularValues[m]!)) inside = false;
    }
    streak = inside ? streak + 1 : 0;
    if (streak === STREAK) return k - STREAK + 1;
    for (let m = 0; m < a.length; m++) {
      const x = a[m]!;
      const next = x + rate * (singularValues[m]! - x ** D) * x ** (D - 1);
      if (!Number.isFinite(next) || Math.abs(next) > 1e6) return Infinity;
      a[m] = next;
    }
  }
  return Infinity;
}

export interface OptimalRateRow {
  depth: number;
  iterations: number;
  rate: number;
  /** α_opt·λ̂₁ (κ of App. B). */
  kappa: number;
}

/** Best rate per depth on the grid (scanned downward from the stability edge, stopping after two non-improvements). */
export function optimalRateExperiment(setup: OptimalRateSetup): OptimalRateRow[] {
  const sMax = Math.max(...setup.singularValues);
  const { lo, hi, points } = setup.grid;
  const rates = Array.from({ length: points }, (_, i) => 10 ** (lo + ((hi - lo) * i) / (points - 1)));
  return setup.depths.map((depth) => {
    const lambdaHat = optimumCurvature(depth, sMax);
    let best = { iterations: Infinity, rate: NaN };
    let worse = 0;
    for (const rate of rates.filter((r) => r * lambdaHat < 2).reverse()) {
      if (worse >= 2) break;
      const n = scalarMapIterations(setup.singularValues, setup.u0, depth, rate, Math.min(setup.cap, best.iterations + STREAK));
      if (n < best.iterations) {
        best = { iterations: n, rate };
        worse = 0;
      } else if (Number.isFinite(best.iterations)) worse++;
    }
    return { depth, iterations: best.iterations, rate: best.rate, kappa: best.rate * lambdaHat };
  });
}

/**
 * The same count from matrix GD: a net of hidden width 8 started on the decoupled manifold
 * (alignedInit), trained on the teacher with these singular values, mode strengths observed.
 */
export function matrixIterations(setup: OptimalRateSetup, depth: number, rate: number, steps: number): number {
  const n = setup.singularValues.length;
  const task = teacherTask({ n1: n, n3: n, singularValues: setup.singularValues, seed: 11 });
  const widths = [n, ...Array.from({ length: depth - 2 }, () => 8), n];
  const init = alignedInit(widths, task.svd, { modeStrength: setup.u0, seed: 11 });
  const objective: Objective = { kind: 'statistics', statistics: task.statistics };
  const run = train(init.net, objective, { rate, steps, observables: modeStrengths(task.svd) });
  const s = Array.from(task.svd.s);
  let streak = 0;
  for (let k = 0; k < run.record.step.length; k++) {
    const inside = s.every((sa, m) => Math.abs(run.record.series[`u${m + 1}`]![k]! - sa) <= 0.05 * sa);
    streak = inside ? streak + 1 : 0;
    if (streak === STREAK) return run.record.step[k]! - STREAK + 1;
  }
  return Infinity;
}

/** Least-squares slope of ln y against ln x. */
export function logLogSlope(x: readonly number[], y: readonly number[]): number {
  const lx = x.map(Math.log);
  const ly = y.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i]! - mx) * (ly[i]! - my);
    den += (lx[i]! - mx) ** 2;
  }
  return num / den;
}
