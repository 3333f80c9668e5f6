/**
 * Discrete GD against eq. 12 (digest §5 check 3): a 3-layer net from a decoupled balanced start
 * follows eq. 12 with t = kλ up to a first-order (Euler) error O(λs) in the timing; halving λ
 * halves the largest deviation. Matrix GD through `src/sim`, theory from the declared eq. 12.
 */
import type { Objective } from '../../../src/sim/deep-linear-net.ts';
import { alignedInit } from '../../../src/sim/init.ts';
import { teacherTask } from '../../../src/sim/tasks.ts';
import { modeStrengths, train } from '../../../src/sim/train.ts';
import { compileDeclared } from '../declared.ts';

export interface EulerSetup {
  /** Input, hidden and output width. */
  n: number;
  singularValues: number[];
  u0: number;
  /** λ·s_max of the coarser run; the finer one uses half. */
  lrTimesSMax: number;
  seed: number;
}

export const EULER_SETUPS: Record<'test' | 'large', EulerSetup> = {
  test: { n: 4, singularValues: [2, 1, 0.5], u0: 1e-3, lrTimesSMax: 0.04, seed: 3 },
  large: { n: 16, singularValues: Array.from({ length: 8 }, (_, i) => 3 * 10 ** (-i / 7)), u0: 1e-3, lrTimesSMax: 0.02, seed: 3 },
};

export interface EulerRun {
  lr: number;
  steps: number;
  /** max_k,α |u_α(k) − u_eq12(kλ)|/s_α. */
  error: number;
  /** Per mode: t = kλ, simulated u, eq. 12 (for figures). */
  t: number[];
  simulated: number[][];
  theory: number[][];
}

/** GD at rate `lr` for `steps` steps; deviation from eq. 12 per mode, relative to s_α. */
function eulerRun(setup: EulerSetup, lr: number, steps: number): EulerRun {
  const { n, singularValues, u0, seed } = setup;
  const task = teacherTask({ n1: n, n3: n, singularValues, seed });
  const objective: Objective = { kind: 'statistics', statistics: task.statistics };
  const init = alignedInit([n, n, n], task.svd, { modeStrength: u0, seed });
  const run = train(init.net, objective, { rate: lr, steps, observables: modeStrengths(task.svd) });
  const eq12 = compileDeclared('trajectory', ['s', 'tau', 'u0', 't']);
  const t = run.record.step.map((k) => k * lr);
  const simulated = singularValues.map((_, a) => run.record.series[`u${a + 1}`]!);
  const theory = singularValues.map((s) => t.map((x) => eq12(s, 1, u0, x)));
  let error = 0;
  singularValues.forEach((s, a) => {
    for (let k = 0; k < t.length; k++) error = Math.max(error, Math.abs(simulated[a]![k]! - theory[a]![k]!) / s);
  });
  return { lr, steps, error, t, simulated, theory };
}

/** The pair of runs at λ and λ/2 over the same time span (1.3 × eq. 11 time of the weakest mode to 0.95 s). */
export function eulerExperiment(setup: EulerSetup): { coarse: EulerRun; fine: EulerRun; ratio: number } {
  const sMax = Math.max(...setup.singularValues);
  const sMin = Math.min(...setup.singularValues);
  const eq11 = compileDeclared('learningTime', ['s', 'tau', 'u0', 'uf']);
  const span = 1.3 * eq11(sMin, 1, setup.u0, 0.95 * sMin);
  const lr = setup.lrTimesSMax / sMax;
  const steps = Math.ceil(span / lr);
  const coarse = eulerRun(setup, lr, steps);
  const fine = eulerRun(setup, lr / 2, 2 * steps);
  return { coarse, fine, ratio: coarse.error / fine.error };
}
