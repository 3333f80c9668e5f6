import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.ts';
import {
  DeepLinearGradient,
  endToEnd,
  statisticsFromData,
  type Dataset,
  type Objective,
} from '../../src/sim/deep-linear-net.ts';
import { gaussianInit } from '../../src/sim/init.ts';

const WIDTHS = [4, 3, 5, 2, 3];

function randomData(seed: number, p: number): Dataset {
  const rng = new Rng(seed);
  const [n1, n3] = [WIDTHS[0]!, WIDTHS.at(-1)!];
  return { n1, n3, p, x: rng.fillNormal(new Float64Array(n1 * p)), y: rng.fillNormal(new Float64Array(n3 * p)) };
}

/** ‖fd − g‖/‖g‖ over all layers, with fd the central difference of −E. */
function finiteDifferenceError(objective: Objective, weights: Float64Array[]): number {
  const engine = new DeepLinearGradient(WIDTHS, objective);
  const grads = weights.map((w) => new Float64Array(w.length));
  engine.negativeGradient(weights, grads);
  let diff = 0;
  let norm = 0;
  weights.forEach((w, l) => {
    for (let i = 0; i < w.length; i++) {
      const saved = w[i]!;
      const h = 1e-5 * Math.max(1, Math.abs(saved));
      w[i] = saved + h;
      const up = engine.loss(weights);
      w[i] = saved - h;
      const down = engine.loss(weights);
      w[i] = saved;
      const fd = -(up - down) / (2 * h);
      diff += (fd - grads[l]![i]!) ** 2;
      norm += grads[l]![i]! ** 2;
    }
  });
  return Math.sqrt(diff / norm);
}

describe('eq. 13 gradient of a depth-4 rectangular net', () => {
  const data = randomData(3, 7);
  const statistics = statisticsFromData(data);
  const start = gaussianInit(WIDTHS, { std: 0.7, seed: 5 }).net;

  it('matches central finite differences of E on statistics', () => {
    const err = finiteDifferenceError({ kind: 'statistics', statistics }, start.weights.map((w) => w.slice()));
    console.log(`finite-difference relative error (statistics): ${err.toExponential(2)}`);
    expect(err).toBeLessThanOrEqual(1e-6);
  });

  it('matches central finite differences of E on raw data', () => {
    const err = finiteDifferenceError({ kind: 'data', data }, start.weights.map((w) => w.slice()));
    console.log(`finite-difference relative error (data): ${err.toExponential(2)}`);
    expect(err).toBeLessThanOrEqual(1e-6);
  });

  it('gives the same loss, gradient and step on data and on the statistics of that data', () => {
    const onStats = new DeepLinearGradient(WIDTHS, { kind: 'statistics', statistics });
    const onData = new DeepLinearGradient(WIDTHS, { kind: 'data', data });
    const gs = start.weights.map((w) => new Float64Array(w.length));
    const gd = start.weights.map((w) => new Float64Array(w.length));
    const es = onStats.negativeGradient(start.weights, gs);
    const ed = onData.negativeGradient(start.weights, gd);
    expect(Math.abs(es - ed) / ed).toBeLessThan(1e-12);
    gs.forEach((g, l) => g.forEach((v, i) => expect(Math.abs(v - gd[l]![i]!)).toBeLessThan(1e-11)));

    const ws = start.weights.map((w) => w.slice());
    const wd = start.weights.map((w) => w.slice());
    for (let k = 0; k < 5; k++) {
      onStats.step(ws, 0.01);
      onData.step(wd, 0.01);
    }
    ws.forEach((w, l) => w.forEach((v, i) => expect(Math.abs(v - wd[l]![i]!)).toBeLessThan(1e-11)));
  });

  it('computes E = ½Σ_μ‖y − W_tot x‖² directly from the examples', () => {
    const w = endToEnd(start);
    const [n1, n3] = [data.n1, data.n3];
    let direct = 0;
    for (let mu = 0; mu < data.p; mu++) {
      for (let i = 0; i < n3; i++) {
        let pred = 0;
        for (let j = 0; j < n1; j++) pred += w[i * n1 + j]! * data.x[j * data.p + mu]!;
        direct += 0.5 * (data.y[i * data.p + mu]! - pred) ** 2;
      }
    }
    const engine = new DeepLinearGradient(WIDTHS, { kind: 'statistics', statistics });
    expect(Math.abs(engine.loss(start.weights) - direct) / direct).toBeLessThan(1e-12);
  });

  it('refuses a net whose outer widths do not match the objective, and malformed weights', () => {
    expect(() => new DeepLinearGradient([5, 3, 3], { kind: 'statistics', statistics })).toThrow(/maps 5 → 3 but the statistics are 4 → 3/);
    expect(() => endToEnd({ widths: [4, 3], weights: [new Float64Array(11)] })).toThrow(/W\^1 must be 3×4/);
    expect(() => new DeepLinearGradient([4], { kind: 'data', data })).toThrow(/at least two positive integers/);
  });

  it('a GD step equals W ← W + λ·(−∂E/∂W) with every gradient at the old weights', () => {
    const engine = new DeepLinearGradient(WIDTHS, { kind: 'statistics', statistics });
    const grads = start.weights.map((w) => new Float64Array(w.length));
    engine.negativeGradient(start.weights, grads);
    const stepped = start.weights.map((w) => w.slice());
    engine.step(stepped, 0.03);
    stepped.forEach((w, l) => w.forEach((v, i) => expect(Math.abs(v - (start.weights[l]![i]! + 0.03 * grads[l]![i]!))).toBeLessThan(1e-14)));
  });
});
