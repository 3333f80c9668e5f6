/**
 * The gdStep kernel on every available backend: one step against the chain rule written out with
 * ml-matrix, the rank-one path (scalar readout), residual layers, and many steps against the
 * full-matrix Saxe trainer (src/sim) on the CPU.
 */
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.ts';
import type { Backend } from '../../src/compute/backend.ts';
import type { LinearChainSpec } from '../../src/compute/linear-chain.ts';
import { completeKernels, isAvailable, registeredBackends } from '../../src/compute/registry.ts';
import { DeepLinearGradient, type Statistics } from '../../src/sim/deep-linear-net.ts';

const available: Backend[] = [];
for (const backend of registeredBackends()) if (await isAvailable(backend)) available.push(backend);

const mat = (rows: number, cols: number, data: Float64Array) => Matrix.from1DArray(rows, cols, Array.from(data));

/** Loss and one GD step of the chain, by the chain rule on explicit matrices (ml-matrix). */
function referenceStep(spec: LinearChainSpec, weights: Float64Array[]): { loss: number; next: Float64Array[]; wTot: Matrix } {
  const { widths } = spec;
  const D = widths.length - 1;
  const s = spec.scales ?? widths.slice(1).map(() => 1);
  const res = spec.residual ?? widths.slice(1).map(() => false);
  const rates = typeof spec.rates === 'number' ? widths.slice(1).map(() => spec.rates as number) : spec.rates;
  const c = spec.lossScale ?? 1;
  const M = weights.map((w, i) => {
    const m = mat(widths[i + 1]!, widths[i]!, w).mul(s[i]!);
    return res[i] ? m.add(Matrix.eye(widths[i]!)) : m;
  });
  const chain = (from: number, to: number): Matrix => {
    // M_to ⋯ M_from (identity of size n_{from−1} when empty)
    let p = Matrix.eye(widths[from - 1]!);
    for (let l = from; l <= to; l++) p = M[l - 1]!.mmul(p);
    return p;
  };
  const wTot = chain(1, D);
  let loss: number;
  let g: Matrix; // −∂E/∂W_tot
  const o = spec.objective;
  if (o.kind === 'statistics') {
    const s11 = mat(widths[0]!, widths[0]!, o.sigma11);
    const s31 = mat(widths[D]!, widths[0]!, o.sigma31);
    loss = c * (0.5 * o.traceSigma33 - wTot.transpose().mmul(s31).trace() + 0.5 * wTot.mmul(s11).mmul(wTot.transpose()).trace());
    g = s31.sub(wTot.mmul(s11)).mul(c);
  } else {
    const x = mat(widths[0]!, o.p, o.x);
    const r = mat(widths[D]!, o.p, o.y).sub(wTot.mmul(x));
    loss = c * 0.5 * r.norm() ** 2;
    g = r.mmul(x.transpose()).mul(c);
  }
  const next = weights.map((w, i) => {
    const l = i + 1;
    const above = l === D ? Matrix.eye(widths[D]!) : M.slice(l).reduce((p, m) => m.mmul(p), Matrix.eye(widths[l]!));
    const below = chain(1, l - 1);
    const grad = above.transpose().mmul(g).mmul(below.transpose()).mul(s[i]!);
    return Float64Array.from(mat(widths[l]!, widths[l - 1]!, w).add(grad.mul(rates[i]!)).to1DArray());
  });
  return { loss, next, wTot };
}

function gap(got: Float64Array, want: Float64Array): number {
  let g = 0;
  let scale = 1;
  for (let i = 0; i < want.length; i++) {
    g = Math.max(g, Math.abs(got[i]! - want[i]!));
    scale = Math.max(scale, Math.abs(want[i]!));
  }
  return g / scale;
}

function randomWeights(rng: Rng, widths: number[], sd: number): Float64Array[] {
  return widths.slice(1).map((n, i) => rng.fillNormal(new Float64Array(n * widths[i]!), sd));
}

function specs(rng: Rng): Array<[string, LinearChainSpec]> {
  const stats = (n0: number, nD: number) => {
    const x = rng.fillNormal(new Float64Array(n0 * 9));
    const s11 = mat(n0, 9, x).mmul(mat(n0, 9, x).transpose());
    return { kind: 'statistics' as const, sigma11: Float64Array.from(s11.to1DArray()), sigma31: rng.fillNormal(new Float64Array(nD * n0)), traceSigma33: 40 };
  };
  const data = (n0: number, nD: number, p: number) => ({ kind: 'data' as const, p, x: rng.fillNormal(new Float64Array(n0 * p)), y: rng.fillNormal(new Float64Array(nD * p)) });
  return [
    ['statistics, three layers', { widths: [6, 5, 7, 4], rates: 0.01, objective: stats(6, 4), scales: [1, 0.5, 2] }],
    ['data, scalar readout (rank-one updates)', { widths: [8, 6, 6, 1], rates: [0.02, 0.01, 0.03], objective: data(8, 1, 11), lossScale: 1 / 11, scales: [0.4, 0.4, 0.2] }],
    ['data, residual middle layer', { widths: [5, 4, 4, 3], rates: 0.02, objective: data(5, 3, 7), residual: [false, true, false], target: rng.fillNormal(new Float64Array(15)) }],
    ['one layer', { widths: [4, 3], rates: 0.05, objective: stats(4, 3) }],
  ];
}

describe.each(available.map((b) => [b.name, b] as const))('gdStep on backend %s', (_name, backend) => {
  const k = completeKernels(backend);
  // float32: relative rounding ~6e-8 amplified by the depth and the conditioning of these small problems.
  const tol = backend.precision === 'float64' ? 1e-12 : 2e-4;

  it.each(specs(new Rng(21)))('one step equals the chain rule (%s)', async (_label, spec) => {
    const weights = randomWeights(new Rng(22), [...spec.widths], 0.5);
    const ref = referenceStep(spec, weights);
    const stepper = k.gdStep(spec, weights);
    const record = await stepper.run(1);
    expect(Math.abs(record.loss[0]! - ref.loss) / Math.max(1, Math.abs(ref.loss))).toBeLessThanOrEqual(tol * 10);
    const after = await stepper.readWeights();
    after.forEach((w, i) => expect(gap(w, ref.next[i]!)).toBeLessThanOrEqual(tol));
    if (spec.target) {
      const d = ref.wTot.sub(mat(spec.widths.at(-1)!, spec.widths[0]!, spec.target)).norm() ** 2;
      expect(Math.abs(record.targetDistance![0]! - d) / Math.max(1, d)).toBeLessThanOrEqual(tol * 10);
    }
    stepper.dispose();
  });

  it('setData swaps the batch and endToEnd reads W_tot', async () => {
    const rng = new Rng(23);
    const spec = specs(rng)[1]![1];
    const weights = randomWeights(rng, [...spec.widths], 0.5);
    const stepper = k.gdStep(spec, weights);
    const fresh = { x: rng.fillNormal(new Float64Array(8 * 11)), y: rng.fillNormal(new Float64Array(11)) };
    stepper.setData(fresh.x, fresh.y);
    const ref = referenceStep({ ...spec, objective: { kind: 'data', p: 11, ...fresh } }, weights);
    expect(gap(await stepper.endToEnd(), Float64Array.from(ref.wTot.to1DArray()))).toBeLessThanOrEqual(tol);
    const record = await stepper.run(1);
    expect(Math.abs(record.loss[0]! - ref.loss) / Math.max(1, ref.loss)).toBeLessThanOrEqual(tol * 10);
    stepper.dispose();
    await expect(stepper.run(1)).rejects.toThrow(/disposed/);
  });

  it('rejects inconsistent sizes with BAD_PARAM', () => {
    const spec = specs(new Rng(24))[0]![1];
    expect(() => k.gdStep(spec, randomWeights(new Rng(1), [6, 5, 7, 5], 1))).toThrow(/W\^3 must have 28 entries/);
    expect(() => k.gdStep({ ...spec, residual: [true, false, false] }, randomWeights(new Rng(1), [6, 5, 7, 4], 1))).toThrow(/square/);
  });
});

it('on the CPU, 50 gdSteps follow the full-matrix Saxe trainer (eq. 13) step for step', async () => {
  const rng = new Rng(25);
  const widths = [7, 9, 5];
  const x = rng.fillNormal(new Float64Array(7 * 12));
  const sigma11 = Float64Array.from(mat(7, 12, x).mmul(mat(7, 12, x).transpose()).to1DArray());
  const statistics: Statistics = { n1: 7, n3: 5, sigma11, sigma31: rng.fillNormal(new Float64Array(35)), traceSigma33: 30 };
  const weights = randomWeights(rng, widths, 0.3);
  const trainer = new DeepLinearGradient(widths, { kind: 'statistics', statistics });
  const saxe = weights.map((w) => w.slice());
  const losses = Array.from({ length: 50 }, () => trainer.step(saxe, 0.002));
  const cpu = completeKernels(available.find((b) => b.name === 'cpu')!);
  const stepper = cpu.gdStep({ widths, rates: 0.002, objective: { kind: 'statistics', ...statistics } }, weights);
  const record = await stepper.run(50);
  record.loss.forEach((l, t) => expect(Math.abs(l - losses[t]!) / losses[t]!).toBeLessThan(1e-12));
  (await stepper.readWeights()).forEach((w, i) => expect(gap(w, saxe[i]!)).toBeLessThan(1e-12));
});
