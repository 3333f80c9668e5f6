/**
 * Fig. 3 of Saxe et al. (2013): a 3-layer linear net learns the hierarchical task of the CogSci
 * companion paper (32 items on a five-level binary tree, features copied down the tree and flipped
 * with probability 0.1, one-hot inputs so Σ¹¹ = I) from small random weights. Each mode strength
 * follows eq. 12 started at its effective u0 = ¼‖a0 + b0‖² (digest §3.5) during early growth; later,
 * competition with already-learned modes delays half-learning, relatively more for weak modes.
 */
import { Rng } from '../../../src/core/rng.ts';
import type { Objective } from '../../../src/sim/deep-linear-net.ts';
import { gaussianInit } from '../../../src/sim/init.ts';
import { hierarchicalTask } from '../../../src/sim/tasks.ts';
import { modeStrengths, train } from '../../../src/sim/train.ts';
import { compileDeclared } from '../declared.ts';
import { effectiveInitialStrength } from '../effective-strength.ts';

export interface HierarchySetup {
  features: number;
  hidden: number;
  /** Target mean effective start E u0,eff = σ²N₂/2. */
  u0: number;
  /** λ·s₁. */
  lrTimesS1: number;
  seeds: number;
  /** 0-based modes to track (the paper plots 1, 2, 3, 5, 12, 18, 31). */
  modes: number[];
  seed: number;
}

const PAPER_MODES = [0, 1, 2, 4, 11, 17, 30];

export const HIERARCHY_SETUPS: Record<'test' | 'large', HierarchySetup> = {
  test: { features: 128, hidden: 32, u0: 1e-6, lrTimesS1: 0.04, seeds: 1, modes: PAPER_MODES, seed: 5 },
  large: { features: 1000, hidden: 32, u0: 1e-6, lrTimesS1: 0.02, seeds: 8, modes: PAPER_MODES, seed: 5 },
};

export interface HierarchyResult {
  singularValues: number[];
  lr: number;
  /** t = kλ of the recorded iterates. */
  t: number[];
  /** Per tracked mode: the simulated strength of seed 0 and eq. 12 at its u0,eff. */
  curves: Array<{ mode: number; s: number; simulated: number[]; theory: number[] }>;
  /** Per tracked mode: (t½,sim − t½,eq11)/t½,eq11, mean and s.d. over seeds. */
  delays: Array<{ mode: number; s: number; mean: number; sd: number; perSeed: number[]; halfTheory: number; halfSimulated: number }>;
  /**
   * Largest |ln(u_sim/u_eq12)| during early growth: 100·u0,eff ≤ u_eq12 ≤ s/20 and before the first
   * mode is half learned (all tracked modes, seed 0): how well u0,eff and eq. 12 describe the
   * exponential phase. Earlier, the decaying part a − b still contributes; later, competition.
   */
  earlyLogGap: number;
}

/** First time the series crosses `level` upwards, linearly interpolated; NaN if it never does. */
function crossing(t: readonly number[], u: readonly number[], level: number): number {
  for (let k = 1; k < u.length; k++) {
    if (u[k - 1]! < level && u[k]! >= level) return t[k - 1]! + ((level - u[k - 1]!) / (u[k]! - u[k - 1]!)) * (t[k]! - t[k - 1]!);
  }
  return NaN;
}

export function hierarchyExperiment(setup: HierarchySetup): HierarchyResult {
  const task = hierarchicalTask({ levels: 5, features: setup.features, flipProbability: 0.1, seed: setup.seed });
  const objective: Objective = { kind: 'statistics', statistics: task.statistics };
  const s = Array.from(task.svd.s);
  const lr = setup.lrTimesS1 / s[0]!;
  const eq11 = compileDeclared('learningTime', ['s', 'tau', 'u0', 'uf']);
  const eq12 = compileDeclared('trajectory', ['s', 'tau', 'u0', 't']);
  const weakest = Math.max(...setup.modes);
  const std = Math.sqrt((2 * setup.u0) / setup.hidden);
  const steps = Math.ceil((1.6 * eq11(s[weakest]!, 1, setup.u0, s[weakest]! / 2)) / lr);
  const widths = [task.statistics.n1, setup.hidden, task.statistics.n3];
  const perSeed: number[][] = setup.modes.map(() => []);
  const halves: Array<{ theory: number[]; simulated: number[] }> = setup.modes.map(() => ({ theory: [], simulated: [] }));
  let t: number[] = [];
  const curves: HierarchyResult['curves'] = [];
  let earlyLogGap = 0;
  for (let i = 0; i < setup.seeds; i++) {
    const init = gaussianInit(widths, { std, seed: Rng.derive(setup.seed, 'hierarchy', i).int(2 ** 31) });
    const run = train(init.net, objective, { rate: lr, steps, observables: modeStrengths(task.svd, setup.modes) });
    t = run.record.step.map((k) => k * lr);
    const firstHalf = crossing(t, run.record.series[`u${setup.modes[0]! + 1}`]!, s[setup.modes[0]!]! / 2);
    setup.modes.forEach((alpha, j) => {
      const sa = s[alpha]!;
      const u0 = effectiveInitialStrength(init.net, task.svd, alpha);
      const sim = run.record.series[`u${alpha + 1}`]!;
      const half = crossing(t, sim, sa / 2);
      const theoryHalf = eq11(sa, 1, u0, sa / 2);
      perSeed[j]!.push((half - theoryHalf) / theoryHalf);
      halves[j]!.theory.push(theoryHalf);
      halves[j]!.simulated.push(half);
      if (i === 0) {
        const theory = t.map((x) => eq12(sa, 1, u0, x));
        curves.push({ mode: alpha, s: sa, simulated: sim, theory });
        theory.forEach((u, k) => {
          if (u >= 100 * u0 && u <= sa / 20 && t[k]! <= firstHalf) earlyLogGap = Math.max(earlyLogGap, Math.abs(Math.log(sim[k]! / u)));
        });
      }
    });
  }
  const delays = setup.modes.map((alpha, j) => {
    const d = perSeed[j]!;
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const sd = d.length > 1 ? Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (d.length - 1)) : 0;
    const average = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
    return { mode: alpha, s: s[alpha]!, mean, sd, perSeed: d, halfTheory: average(halves[j]!.theory), halfSimulated: average(halves[j]!.simulated) };
  });
  return { singularValues: s, lr, t, curves, delays, earlyLogGap };
}
