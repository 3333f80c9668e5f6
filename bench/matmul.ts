/**
 * Matrix product C = A·B (float64, n×n) on the CPU backend against numpy on one BLAS thread:
 * GFLOP/s = 2n³ / best time. Also the CPU backend on one thread, and the plain-JavaScript blocked
 * kernel, so the ratios say where the speed comes from (SIMD, threads).
 */
import { Rng } from '../src/core/rng.ts';
import { cpuKernels } from '../src/compute/cpu/kernels.ts';
import { jsEngine, wasmEngine } from '../src/compute/cpu/gemm.ts';
import { wasmGemm } from '../src/compute/cpu/wasm-gemm.ts';
import { bestSeconds, ratio, round, textTable, type BenchModule } from './bench.ts';

export interface MatmulRow {
  n: number;
  /** CPU backend, as products run in Plateau (all threads). */
  gflops: number;
  numpyGflops: number | null;
  /** gflops / numpyGflops. */
  ratio: number | null;
  singleThreadGflops: number;
  jsGflops: number;
  threads: number;
  engine: string;
}

async function gflopsOf(n: number, product: () => void): Promise<number> {
  return (2 * n ** 3) / (await bestSeconds(product, { minRepeats: 3, minSeconds: 0.6 })) / 1e9;
}

/** Let the helper threads come up (they start in the background on the first large product). */
async function warmThreads(): Promise<number> {
  const a = new Float64Array(256 * 256).fill(1);
  cpuKernels.matmul(256, 256, 256, a, a, new Float64Array(256 * 256));
  for (let i = 0; i < 100 && (wasmGemm()?.threads ?? 1) < Math.min(2, Number(process.env.PLATEAU_THREADS ?? 2)); i++) await new Promise((r) => setTimeout(r, 20));
  return wasmGemm()?.threads ?? 1;
}

export const matmulBench: BenchModule = {
  id: 'matmul',
  title: 'matmul C = A·B, float64, n×n',
  async run(ctx) {
    const sizes = ctx.quick ? [256, 512] : [256, 512, 1024];
    const numpy = ctx.numpy('matmul.py', sizes.map(String));
    const threads = await warmThreads();
    const rows: MatmulRow[] = [];
    const rng = new Rng(1);
    for (const n of sizes) {
      ctx.log(`matmul n=${n}…`);
      const a = rng.fillNormal(new Float64Array(n * n));
      const b = rng.fillNormal(new Float64Array(n * n));
      const c = new Float64Array(n * n);
      const gflops = await gflopsOf(n, () => cpuKernels.matmul(n, n, n, a, b, c));
      const saved = process.env.PLATEAU_THREADS;
      process.env.PLATEAU_THREADS = '1';
      const singleThreadGflops = await gflopsOf(n, () => cpuKernels.matmul(n, n, n, a, b, c));
      if (saved === undefined) delete process.env.PLATEAU_THREADS;
      else process.env.PLATEAU_THREADS = saved;
      const jsGflops = await gflopsOf(n, () => jsEngine.matmul(n, n, n, a, b, c, false, false, 1, 0));
      const numpyGflops = numpy.ok ? ((numpy.value.gflops as Record<string, number>)[String(n)] ?? null) : null;
      rows.push({
        n,
        gflops: round(gflops)!,
        numpyGflops: round(numpyGflops),
        ratio: ratio(gflops, numpyGflops),
        singleThreadGflops: round(singleThreadGflops)!,
        jsGflops: round(jsGflops)!,
        threads,
        engine: wasmEngine()?.name ?? jsEngine.name,
      });
    }
    const lines = textTable(
      ['n', 'Plateau GFLOP/s', `(${threads} threads)`, '1 thread', 'JS kernel', 'numpy 1 thread', 'ratio'],
      rows.map((r) => [r.n, r.gflops, '', r.singleThreadGflops, r.jsGflops, r.numpyGflops, r.ratio]),
    );
    lines.push(`kernel: ${rows[0]?.engine}; numpy: ${numpy.ok ? `${String(numpy.value.numpy)} (${String(numpy.value.blas)})` : `skipped — ${numpy.reason}`}`);
    return { results: rows, lines };
  },
};
