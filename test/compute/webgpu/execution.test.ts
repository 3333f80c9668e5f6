/**
 * The WGSL kernels executed on a real adapter (a GPU, or SwiftShader under `npm run test:gpu`),
 * against ml-matrix, with float32 error bounds: an entry of a product of inner size k is off by at
 * most (k + 2)·u·(|A||B|)_ij, u = 2⁻²⁴ (inputs rounded to float32, then k roundings), which also
 * covers cancellation (a badly conditioned entry has (|A||B|)_ij ≫ |(AB)_ij|). Skips, with the
 * reason, where no adapter exists.
 */
import { softwareVulkan } from './software-vulkan.ts';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { PlateauError } from '../../../src/core/errors.ts';
import { Rng } from '../../../src/core/rng.ts';
import { completeKernels, selectBackend } from '../../../src/compute/registry.ts';
import { acquireDevice } from '../../../src/compute/webgpu/device.ts';
import { GpuChainOps } from '../../../src/compute/webgpu/chain-ops.ts';
import { cpuBackend } from '../../../src/compute/cpu/kernels.ts';
import { webgpuBackend } from '../../../src/compute/webgpu/backend.ts';

const acquired = await acquireDevice();
const reason = acquired.ok ? '' : acquired.reason;
const U = 2 ** -24;

it(`adapter: ${acquired.ok ? acquired.value.description + (softwareVulkan ? ' (software Vulkan)' : '') : `none — GPU execution tests skipped: ${reason}`}`, async () => {
  if (acquired.ok) expect((await selectBackend('webgpu')).name).toBe('webgpu');
  else {
    // Asking for it is a clear NO_GPU error, never a silent fallback to the CPU.
    const err = await selectBackend('webgpu').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlateauError);
    expect((err as PlateauError).code).toBe('NO_GPU');
  }
});

describe.runIf(acquired.ok)('WGSL kernels on the adapter', () => {
  const device = acquired.ok ? acquired.value.device : undefined!;
  const rng = new Rng(41);
  const random = (n: number) => rng.fillNormal(new Float64Array(n));
  const mat = (r: number, c: number, d: Float64Array) => Matrix.from1DArray(r, c, Array.from(d));

  /** Product through GpuChainOps against ml-matrix with the float32 bound. */
  async function checkProduct(m: number, n: number, k: number, transA: boolean, transB: boolean, alpha: number, beta: number): Promise<void> {
    const ops = new GpuChainOps(device);
    const a = random(m * k);
    const b = random(k * n);
    const c = random(m * n);
    const A = transA ? mat(k, m, a).transpose() : mat(m, k, a);
    const B = transB ? mat(n, k, b).transpose() : mat(k, n, b);
    const ref = A.mmul(B).mul(alpha).add(mat(m, n, c).mul(beta));
    const bound = A.abs().mmul(B.abs()).mul((k + 2) * U * Math.abs(alpha)).add(mat(m, n, c).abs().mul(2 * U * Math.abs(beta)));
    const [ga, gb, gc] = [a, b, c].map((x) => {
      const buf = ops.alloc(x.length);
      ops.write(buf, x);
      return buf;
    });
    ops.matmul(m, n, k, ga!, gb!, gc!, { transA, transB, alpha, beta });
    const got = await ops.read(gc!, m * n);
    const r = ref.to1DArray();
    const tol = bound.to1DArray();
    for (let i = 0; i < r.length; i++) expect(Math.abs(got[i]! - r[i]!), `entry ${i}`).toBeLessThanOrEqual(tol[i]! + 1e-30);
  }

  it('matmul (tiled) for every transpose, with ragged edges', async () => {
    for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]] as const) await checkProduct(37, 21, 45, transA, transB, 1.5, 0.5);
  });

  it('matvec (a single row or column) both ways, and rank-one updates (k = 1, β = 1)', async () => {
    await checkProduct(1, 33, 40, false, false, 1, 0);
    await checkProduct(1, 33, 40, false, true, -2, 1);
    await checkProduct(29, 1, 40, true, false, 0.7, 0);
    await checkProduct(29, 1, 40, false, false, 1, 2);
    await checkProduct(19, 23, 1, false, false, 0.3, 1);
  });

  it('axpby, addDiagonal and the recorded reductions', async () => {
    const ops = new GpuChainOps(device);
    const x = random(300);
    const y = random(300);
    const [gx, gy] = [x, y].map((v) => {
      const b = ops.alloc(v.length);
      ops.write(b, v);
      return b;
    });
    ops.beginRecord(2, 2);
    ops.record(0, 'dot', 300, gx!, gy!);
    ops.record(1, 'sqdist', 300, gx!, gy!);
    ops.endStep();
    ops.axpby(300, 2, gx!, -1, gy!);
    ops.addDiagonal(10, 5, gy!);
    ops.record(0, 'dot', 300, gy!, gy!);
    ops.record(1, 'dot', 300, gx!, gx!);
    ops.endStep();
    const rec = await ops.endRecord();
    const z = y.map((v, i) => 2 * x[i]! - v + (i < 100 && i % 11 === 0 ? 5 : 0));
    const dot = (p: Float64Array, q: Float64Array) => p.reduce((s, v, i) => s + v * q[i]!, 0);
    const sq = (p: Float64Array, q: Float64Array) => p.reduce((s, v, i) => s + (v - q[i]!) ** 2, 0);
    const want = [dot(x, y), sq(x, y), dot(z, z), dot(x, x)];
    const scale = [dot(x.map(Math.abs), y.map(Math.abs)), sq(x, y), dot(z, z), dot(x, x)];
    want.forEach((w, i) => expect(Math.abs(rec[i]! - w)).toBeLessThanOrEqual(310 * 4 * U * scale[i]!));
    const back = await ops.read(gy!, 300);
    back.forEach((v, i) => expect(Math.abs(v - z[i]!)).toBeLessThanOrEqual(4 * U * (2 * Math.abs(x[i]!) + Math.abs(y[i]!) + 5)));
  });

  it('gdStep: 20 steps on the GPU track the float64 CPU run (float32 drift bound)', async () => {
    const widths = [12, 10, 10, 1];
    const p = 24;
    const spec = {
      widths,
      scales: [1 / Math.sqrt(12), 1 / Math.sqrt(10), Math.sqrt(12) / 10],
      rates: 0.5,
      lossScale: 1 / p,
      objective: { kind: 'data' as const, p, x: random(12 * p), y: random(p) },
      target: random(12),
    };
    const weights = widths.slice(1).map((nOut, i) => random(nOut * widths[i]!));
    const gpu = completeKernels(webgpuBackend).gdStep(spec, weights);
    const cpu = completeKernels(cpuBackend).gdStep(spec, weights);
    const [g, c] = [await gpu.run(20), await cpu.run(20)];
    g.loss.forEach((l, t) => expect(Math.abs(l - c.loss[t]!) / c.loss[t]!).toBeLessThan(1e-4));
    g.targetDistance!.forEach((d, t) => expect(Math.abs(d - c.targetDistance![t]!) / c.targetDistance![t]!).toBeLessThan(1e-4));
    const [wg, wc] = [await gpu.readWeights(), await cpu.readWeights()];
    wg.forEach((w, l) => w.forEach((v, i) => expect(Math.abs(v - wc[l]![i]!)).toBeLessThan(1e-4 * (1 + Math.abs(wc[l]![i]!)))));
    gpu.dispose();
  });
});
