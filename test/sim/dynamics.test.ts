import { describe, expect, it } from 'vitest';
import { PlateauError } from '../../src/core/errors.ts';
import { Rng } from '../../src/core/rng.ts';
import { integrateOde } from '../../src/numeric/ode.ts';
import {
  DeepLinearGradient,
  conservedMatrices,
  endToEnd,
  flattenWeights,
  gradientFlowRhs,
  statisticsFromData,
  unflattenWeights,
  type DeepLinearNet,
  type Objective,
} from '../../src/sim/deep-linear-net.ts';
import { alignedInit, gaussianInit } from '../../src/sim/init.ts';
import { teacherTask, whitenedDataset } from '../../src/sim/tasks.ts';
import { modeStrengths, train } from '../../src/sim/train.ts';

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Frobenius norm of the change of every conserved matrix between two nets. */
function conservedDrift(before: DeepLinearNet, after: DeepLinearNet): number {
  const q0 = conservedMatrices(before);
  const q1 = conservedMatrices(after);
  let sum = 0;
  q0.forEach((q, l) => q.forEach((v, i) => (sum += (v - q1[l]![i]!) ** 2)));
  return Math.sqrt(sum);
}

/** U diag(u) Vᵀ from the task SVD. */
function modeMap(svd: { n1: number; n3: number; rank: number; u: Float64Array; v: Float64Array }, u: readonly number[]): Float64Array {
  const out = new Float64Array(svd.n3 * svd.n1);
  for (let i = 0; i < svd.n3; i++) {
    for (let j = 0; j < svd.n1; j++) {
      let sum = 0;
      for (let a = 0; a < u.length; a++) sum += svd.u[i * svd.rank + a]! * u[a]! * svd.v[j * svd.rank + a]!;
      out[i * svd.n1 + j] = sum;
    }
  }
  return out;
}

describe('matrix GD from a decoupled balanced start follows the exact scalar maps (digest §5 check 2)', () => {
  const task = teacherTask({ n1: 6, n3: 5, singularValues: [3, 2, 1, 0.5], seed: 1 });
  const objective: Objective = { kind: 'statistics', statistics: task.statistics };
  const s = Array.from(task.svd.s);

  /** max_k,α |u_α(k) − u_map(k)| / s_α, and W_tot's distance to U diag(u_map(K)) Vᵀ at the end. */
  function deviation(widths: number[], u0: number, rate: number, steps: number): { modes: number; endToEnd: number } {
    const D = widths.length - 1;
    const init = alignedInit(widths, task.svd, { modeStrength: u0, seed: 2 });
    const run = train(init.net, objective, { rate, steps, observables: modeStrengths(task.svd) });
    let worst = 0;
    const last: number[] = [];
    s.forEach((sa, alpha) => {
      let a = u0 ** (1 / D);
      const series = run.record.series[`u${alpha + 1}`]!;
      for (let k = 0; k <= steps; k++) {
        worst = Math.max(worst, Math.abs(series[k]! - a ** D) / sa);
        if (k === steps) last.push(a ** D);
        // a_{k+1} = a_k + λ(s − a_k^D)a_k^{D−1}; for D = 2 this is a_k(1 + λ(s − a_k²)).
        a += rate * (sa - a ** D) * a ** (D - 1);
      }
    });
    expect(last[last.length - 1]! / s[s.length - 1]!).toBeGreaterThan(0.99);
    return { modes: worst, endToEnd: maxAbsDiff(endToEnd(run.net), modeMap(task.svd, last)) };
  }

  it('3-layer: a_{k+1} = a_k(1 + λ(s − a_k²)) mode by mode to rounding', () => {
    const dev = deviation([6, 4, 5], 1e-3, 0.05, 400);
    console.log(`exact-map deviation, 3-layer: max|u_GD − u_map|/s = ${dev.modes.toExponential(2)}, W_tot off the mode map ${dev.endToEnd.toExponential(2)}`);
    expect(dev.modes).toBeLessThan(1e-12);
    expect(dev.endToEnd).toBeLessThan(1e-12);
  });

  it('deep (D = 4, unequal hidden widths): a_{k+1} = a_k + λ(s − a_k^D)a_k^{D−1}', () => {
    const dev = deviation([6, 5, 7, 4, 5], 0.01, 0.02, 1500);
    console.log(`exact-map deviation, D = 4: max|u_GD − u_map|/s = ${dev.modes.toExponential(2)}, W_tot off the mode map ${dev.endToEnd.toExponential(2)}`);
    expect(dev.modes).toBeLessThan(1e-12);
    expect(dev.endToEnd).toBeLessThan(1e-12);
  });
});

describe('fixed point with a bottleneck = Eckart–Young (digest §5 check 5, eq. 7)', () => {
  const s = [3, 2, 1.5, 0.5, 0.3, 0.2];
  const task = teacherTask({ n1: 8, n3: 6, singularValues: s, seed: 3 });
  const objective: Objective = { kind: 'statistics', statistics: task.statistics };
  const n2 = 3;
  // E = ½‖Σ³¹ − W_tot‖²_F here (Σ¹¹ = I, tr Σ³³ = Σ s²), so the minimum is ½ Σ_{α>N₂} s_α².
  const target = 0.5 * s.slice(n2).reduce((acc, x) => acc + x * x, 0);

  it.each([
    ['3-layer', [8, n2, 6], 0.01, 0.05, 3000],
    ['4-layer', [8, 5, n2, 6], 0.2, 0.05, 3000],
  ] as const)('%s net from small random weights reaches the truncated SVD', (_name, widths, std, rate, steps) => {
    const start = gaussianInit([...widths], { std, seed: 4 }).net;
    const run = train(start, objective, { rate, steps, recordEvery: 100 });
    const gap = Math.abs(run.finalLoss - target) / target;
    const truncated = modeMap(task.svd, s.slice(0, n2));
    const distance = maxAbsDiff(endToEnd(run.net), truncated);
    console.log(`Eckart–Young (${_name}): loss ${run.finalLoss.toFixed(12)} vs Σ_{α>N₂}s²/2 = ${target}, relative gap ${gap.toExponential(2)}, max|W_tot − U_N₂S_N₂V_N₂ᵀ| ${distance.toExponential(2)}`);
    expect(gap).toBeLessThan(1e-9);
    expect(distance).toBeLessThan(1e-6);
  });
});

describe('conservation laws W^{l+1}ᵀW^{l+1} − W^lW^lᵀ (digest §3.1, §5 check 4)', () => {
  const rng = new Rng(7);
  const data = { n1: 5, n3: 3, p: 9, x: rng.fillNormal(new Float64Array(45)), y: rng.fillNormal(new Float64Array(27)) };
  const objective: Objective = { kind: 'statistics', statistics: statisticsFromData(data) };
  const widths = [5, 4, 6, 3];
  const start = gaussianInit(widths, { std: 0.5, seed: 8 }).net;

  function driftAfter(rate: number, steps: number): number {
    return conservedDrift(start, train(start, objective, { rate, steps, recordEvery: steps }).net);
  }

  it('drift O(λ²) per GD step: one step at λ/2 drifts 4× less', () => {
    const ratio = driftAfter(0.004, 1) / driftAfter(0.002, 1);
    console.log(`conservation drift ratio, one step, λ → λ/2: ${ratio.toFixed(6)}`);
    expect(ratio).toBeCloseTo(4, 6);
  });

  it('drift O(λ) at fixed t/τ: halving λ with twice the steps halves it', () => {
    const ratio = driftAfter(0.004, 100) / driftAfter(0.002, 200);
    console.log(`conservation drift ratio at t/τ = 0.4, λ → λ/2: ${ratio.toFixed(4)}`);
    expect(ratio).toBeGreaterThan(1.9);
    expect(ratio).toBeLessThan(2.1);
  });

  it('exactly conserved along ODE integration of eq. 13 (rectangular layers, non-white Σ¹¹)', () => {
    const sol = integrateOde(gradientFlowRhs(widths, objective, 1), flattenWeights(start), { t0: 0, tEnd: 0.4, absTol: 1e-13, relTol: 1e-11 });
    const dim = sol.dim;
    const end = unflattenWeights(widths, sol.y.subarray(sol.y.length - dim));
    const moved = maxAbsDiff(flattenWeights(end), flattenWeights(start));
    const drift = conservedDrift(start, end);
    console.log(`ODE conservation: weights moved ${moved.toFixed(3)}, conserved matrices drifted ${drift.toExponential(2)}`);
    expect(moved).toBeGreaterThan(0.1);
    expect(drift).toBeLessThan(1e-9);
  });

  it('the ODE right-hand side is the negative gradient over τ', () => {
    const rhs = gradientFlowRhs(widths, objective, 4);
    const y = flattenWeights(start);
    const dydt = new Float64Array(y.length);
    rhs(dydt, y, 0);
    const grads = start.weights.map((w) => new Float64Array(w.length));
    new DeepLinearGradient(widths, objective).negativeGradient(start.weights, grads);
    expect(maxAbsDiff(dydt, flattenWeights({ widths, weights: grads }).map((g) => g / 4))).toBe(0);
  });
});

describe('train', () => {
  const task = teacherTask({ n1: 6, n3: 4, singularValues: [2, 1, 0.5], seed: 9 });
  const objective: Objective = { kind: 'statistics', statistics: task.statistics };
  const start = gaussianInit([6, 5, 4], { std: 0.1, seed: 10 }).net;

  it('stops at the first iterate whose loss is below the threshold', () => {
    const full = train(start, objective, { rate: 0.05, steps: 400 });
    const threshold = 0.1;
    const first = full.record.loss.findIndex((e) => e < threshold);
    const stopped = train(start, objective, { rate: 0.05, steps: 400, recordEvery: 50, lossThreshold: threshold });
    expect(first).toBeGreaterThan(0);
    expect(stopped.status).toBe('threshold');
    expect(stopped.thresholdStep).toBe(first);
    expect(stopped.steps).toBe(first);
    expect(stopped.record.step.at(-1)).toBe(first);
    expect(stopped.finalLoss).toBe(full.record.loss[first]);
  });

  it('records every recordEvery steps plus the last, reports progress, and leaves the start untouched', () => {
    const copy = start.weights.map((w) => w.slice());
    const seen: number[] = [];
    const run = train(start, objective, {
      rate: 0.05,
      steps: 25,
      recordEvery: 10,
      observables: modeStrengths(task.svd, [0, 2]),
      onProgress: (p) => seen.push(p.step),
    });
    expect(run.record.step).toEqual([0, 10, 20, 25]);
    expect(Object.keys(run.record.series)).toEqual(['u1', 'u3']);
    expect(run.record.series.u1).toHaveLength(4);
    expect(seen).toEqual([0, 10, 20, 25]);
    expect(run.status).toBe('completed');
    expect(run.backend).toBe('cpu');
    expect(run.counts).toEqual({ gradientEvaluations: 25, lossEvaluations: 26 });
    start.weights.forEach((w, l) => expect(w).toEqual(copy[l]));
  });

  it('reports DIVERGED with the step and the loss when the rate is too large', () => {
    const catchDiverged = (options: Parameters<typeof train>[2]): PlateauError => {
      try {
        train(start, objective, options);
      } catch (e) {
        return e as PlateauError;
      }
      throw new Error('expected DIVERGED');
    };
    const blowUp = catchDiverged({ rate: 3, steps: 10_000 });
    expect(blowUp).toBeInstanceOf(PlateauError);
    expect(blowUp.code).toBe('DIVERGED');
    expect(blowUp.details.step).toBeGreaterThan(0);
    expect(blowUp.message).toMatch(/loss became (NaN|Infinity) at step=\d+/);
    const early = catchDiverged({ rate: 3, steps: 10_000, divergeAbove: 1e6 });
    expect(early.code).toBe('DIVERGED');
    expect(early.details.step).toBeLessThan(blowUp.details.step as number);
    expect(early.details.value).toBeGreaterThan(1e6);
  });

  it('is deterministic: the same start gives bit-identical weights', () => {
    const a = train(gaussianInit([6, 5, 4], { std: 0.1, seed: 10 }).net, objective, { rate: 0.05, steps: 50 });
    const b = train(gaussianInit([6, 5, 4], { std: 0.1, seed: 10 }).net, objective, { rate: 0.05, steps: 50 });
    a.net.weights.forEach((w, l) => expect(Buffer.compare(Buffer.from(w.buffer), Buffer.from(b.net.weights[l]!.buffer))).toBe(0));
  });

  it('training on whitened raw data follows training on its statistics', () => {
    const data = whitenedDataset(task, { p: 10, seed: 11 });
    const onData = train(start, { kind: 'data', data }, { rate: 0.05, steps: 100 });
    const onStats = train(start, objective, { rate: 0.05, steps: 100 });
    expect(maxAbsDiff(flattenWeights(onData.net), flattenWeights(onStats.net))).toBeLessThan(1e-10);
    expect(Math.abs(onData.finalLoss - onStats.finalLoss)).toBeLessThan(1e-10);
  });

  it('refuses a bad rate or step count with BAD_PARAM', () => {
    expect(() => train(start, objective, { rate: -1, steps: 5 })).toThrow(/rate must be a positive number/);
    expect(() => train(start, objective, { rate: 0.1, steps: 2.5 })).toThrow(/steps must be an integer/);
  });
});
