/**
 * `plateau simulate saxe`: matrix gradient descent (eq. 1/13, `src/sim`) of deep linear nets on a
 * teacher with `modes` singular values s, s/2, s/4, …, from a decoupled start (every mode at u0;
 * unbalanced with c0 on a 3-layer net) or from small i.i.d. Gaussian weights, over several seeds.
 * Reports the mean ± s.e. of each mode strength u_α = u_αᵀW_tot v_α against the mode ODE solved at
 * u0 (decoupled) or at the seed's effective u0 (random 3-layer starts, digest §3.5).
 */
import { PlateauError } from '../../src/core/errors.ts';
import { refused, type Check, type TaggedResult } from '../../src/core/result.ts';
import { nextTurn } from '../../src/core/progress.ts';
import { Rng } from '../../src/core/rng.ts';
import { meanAndStandardError } from '../../src/numeric/statistics.ts';
import type { OptionValues, RunContext, RunnerSpec } from '../../src/core/theory.ts';
import type { Objective } from '../../src/sim/deep-linear-net.ts';
import { alignedInit, gaussianInit, type Initialisation } from '../../src/sim/init.ts';
import { teacherTask } from '../../src/sim/tasks.ts';
import { modeStrengths, train } from '../../src/sim/train.ts';
import { effectiveInitialStrength } from './effective-strength.ts';
import { quadratureTime, trajectoryOnGrid } from './mode-dynamics.ts';
import { modeLaw } from './mode-law.ts';
import { weightLayers, type SaxeParams } from './params.ts';

/** At most this many GD steps per network (a bound on the run time: ~seconds at width 8). */
const MAX_STEPS = 400_000;

/** λ̂₁ = D s^{2−2/D} (eq. 41) for the strongest mode, the scale of stable rates. */
function topCurvature(D: number, sMax: number): number {
  return D * sMax ** (2 - 2 / D);
}

async function simulateModes(p: SaxeParams, options: OptionValues, ctx: RunContext): Promise<TaggedResult<Record<string, unknown>>> {
  const D = weightLayers(p.depth);
  const law0 = modeLaw(p);
  if ('refused' in law0) return refused({}, law0.refused, 'scope of the theory');
  if (p.c0 !== 0 && p.init === 'random') return refused({}, 'c0 sets the imbalance of a decoupled start; use init=decoupled (a random start has its own a, b)');
  if (p.init === 'decoupled' && p.width < p.modes) {
    throw new PlateauError('BAD_PARAM', `parameter width=${p.width}: a decoupled start of ${p.modes} modes needs width ≥ modes; valid range width ∈ [${p.modes}, 256]`, { param: 'width', value: p.width, range: `[${p.modes}, 256]` });
  }
  const singularValues = Array.from({ length: p.modes }, (_, a) => p.s * 2 ** -a);
  const lambdaHat = topCurvature(D, p.s);
  const lr = p.lr ?? 0.05 / lambdaHat;
  if (lr * lambdaHat >= 2) return refused({}, `lr = ${lr} is past the stability bound 2/λ̂₁ = ${2 / lambdaHat} for s = ${p.s}, depth ${p.depth}`);
  const sMin = singularValues.at(-1)!;
  const weakest = modeLaw({ ...p, s: sMin });
  if ('refused' in weakest) return refused({}, weakest.refused, 'scope of the theory');
  const tEnd = typeof options['t-end'] === 'number' ? options['t-end'] : 1.3 * quadratureTime(weakest.rate, p.u0, 0.95 * sMin + 0.05 * p.u0).value;
  const steps = Math.ceil(tEnd / (lr * p.tau));
  if (steps > MAX_STEPS) return refused({}, `t-end = ${tEnd} at lr = ${lr} needs ${steps} GD steps (> ${MAX_STEPS}); raise lr (below ${2 / lambdaHat}) or lower --t-end`);
  const recordEvery = Math.max(1, Math.floor(steps / 200));
  const widths = [p.modes, ...Array.from({ length: D - 1 }, () => p.width), p.modes];
  const task = teacherTask({ n1: p.modes, n3: p.modes, singularValues, seed: ctx.seed });
  const objective: Objective = { kind: 'statistics', statistics: task.statistics };
  const runs: number[][][] = [];
  const theory: number[][][] = [];
  let times: number[] = [];
  ctx.progress.start(`simulate ${p.seeds} nets, ${steps} GD steps each`, p.seeds);
  for (let i = 0; i < p.seeds; i++) {
    const seed = Rng.derive(ctx.seed, 'saxe-simulate', i).int(2 ** 31);
    const init = initialise(p, widths, task.svd, seed, D);
    const run = train(init.net, objective, { rate: lr, steps, recordEvery, observables: modeStrengths(task.svd) });
    times = run.record.step.map((k) => k * lr * p.tau);
    runs.push(singularValues.map((_, a) => run.record.series[`u${a + 1}`]!));
    const grid = Float64Array.from(times);
    theory.push(singularValues.map((s, a) => {
      const start = p.init === 'decoupled' ? p.u0 : D === 2 ? effectiveInitialStrength(init.net, task.svd, a) : NaN;
      const law = modeLaw({ ...p, s });
      if (!(start > 0) || 'refused' in law) return [];
      return Array.from(trajectoryOnGrid(law.rate, start, grid).u);
    }));
    ctx.progress.update(i + 1);
    // The running mean over the seeds so far, for live plots (RunContext.onPartial).
    if (ctx.onPartial && i + 1 < p.seeds) ctx.onPartial(summarise(runs, theory, times, singularValues, p.init).value);
    await nextTurn();
  }
  ctx.progress.finish();
  const { value, checks } = summarise(runs, theory, times, singularValues, p.init);
  Object.assign(value, { singularValues, lr, steps, seeds: p.seeds, widths, lrTimesLambdaHat: lr * lambdaHat });
  return {
    kind: 'numeric',
    value,
    method: `batch GD (eq. 1/13) on Σ³¹ of a ${p.modes}-mode teacher, ${p.init} start, ${p.seeds} seeds; theory: ${law0.ref} per mode`,
    checks,
    diagnostics: { recordEvery, tEnd, note: p.init === 'random' && D !== 2 ? 'no theory curve for random deep starts (modes start with random signs, digest §3.5)' : undefined },
  };
}

/**
 * Mean ± s.e. over the seeds of each mode's strength (`u<a>`, `u<a>Se`), the seed-averaged theory
 * (`u<a>Theory`) where every seed has one, and a check per mode of their largest gap.
 * runs[seed][mode][step], theory[seed][mode][step] (empty where there is no theory curve).
 */
function summarise(runs: number[][][], theory: number[][][], times: number[], singularValues: readonly number[], init: string): { value: Record<string, unknown>; checks: Check[] } {
  const value: Record<string, unknown> = { t: times };
  const checks: Check[] = [];
  const tolerance = init === 'decoupled' ? 0.1 : 0.3;
  singularValues.forEach((s, a) => {
    const { mean, se } = meanAndStandardError(runs.map((r) => r[a]!));
    value[`u${a + 1}`] = Array.from(mean);
    value[`u${a + 1}Se`] = Array.from(se);
    if (theory.every((th) => th[a]!.length === times.length)) {
      const th = Array.from(meanAndStandardError(theory.map((x) => x[a]!)).mean);
      value[`u${a + 1}Theory`] = th;
      const gap = Math.max(...th.map((x, k) => Math.abs(x - mean[k]!))) / s;
      checks.push({ name: `mode ${a + 1} (s = ${s}): max |mean u − theory|/s over time`, residual: gap, tolerance, passed: gap <= tolerance, samples: runs.length });
    }
  });
  return { value, checks };
}

function initialise(p: SaxeParams, widths: number[], svd: ReturnType<typeof teacherTask>['svd'], seed: number, D: number): Initialisation {
  if (p.init === 'random') {
    const n = p.width;
    // 3-layer: E u0,eff = σ²N₂/2 = u0; deeper: sd of u_α(0) = (σ√N)^D/√N = u0.
    const std = D === 2 ? Math.sqrt((2 * p.u0) / n) : (p.u0 * Math.sqrt(n)) ** (1 / D) / Math.sqrt(n);
    return gaussianInit(widths, { std, seed });
  }
  if (p.c0 !== 0) {
    const a0 = Math.sqrt((p.c0 + Math.hypot(p.c0, 2 * p.u0)) / 2);
    return alignedInit(widths, svd, { seed, gains: [Array(p.modes).fill(a0), Array(p.modes).fill(p.u0 / a0)] });
  }
  return alignedInit(widths, svd, { seed, modeStrength: p.u0 });
}

export const saxeSimulator: RunnerSpec<SaxeParams> = {
  title: 'matrix GD of deep linear nets: mean ± s.e. of mode strengths over seeds, against the mode ODE',
  description: 'teacher with singular values s, s/2, …; decoupled (balanced or c0) or small random start; t = iterations × lr × τ',
  options: [{ name: 't-end', description: 'simulated time (default 1.3 × the weakest mode’s learning time)', kind: 'number', min: 0 }],
  run: simulateModes,
};
