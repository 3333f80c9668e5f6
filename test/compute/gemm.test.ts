/**
 * The blocked GEMM engines of the CPU backend, each against ml-matrix on sizes with ragged edges,
 * and the threaded WebAssembly kernel against itself on one thread (bit-identical by design).
 */
import { Matrix } from 'ml-matrix';
import { afterEach, describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.ts';
import { jsEngine, wasmEngine, type MatmulEngine } from '../../src/compute/cpu/gemm.ts';
import { wasmGemm } from '../../src/compute/cpu/wasm-gemm.ts';
import { signedLeb, unsignedLeb } from '../../src/compute/cpu/wasm/encoder.ts';
import { DEFAULT_GEMM_SHAPE, gemmModuleBytes } from '../../src/compute/cpu/wasm/gemm-module.ts';

const engines: MatmulEngine[] = [jsEngine];
const wasm = wasmEngine();
if (wasm) engines.push(wasm);

function random(rng: Rng, length: number): Float64Array {
  return rng.fillNormal(new Float64Array(length));
}

it('WebAssembly SIMD is available on this Node, so the SIMD engine is tested', () => {
  expect(wasm?.name).toMatch(/^wasm-simd/);
});

it('encodes LEB128 as the WebAssembly spec does', () => {
  expect(unsignedLeb(0)).toEqual([0]);
  expect(unsignedLeb(624485)).toEqual([0xe5, 0x8e, 0x26]);
  expect(signedLeb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  expect(signedLeb(64)).toEqual([0xc0, 0x00]);
  expect(signedLeb(-1)).toEqual([0x7f]);
});

it('the generated module validates for every register tile we may choose', () => {
  for (const [mr, nr] of [[4, 4], [2, 8], [4, 6], [3, 8]]) {
    expect(WebAssembly.validate(gemmModuleBytes({ ...DEFAULT_GEMM_SHAPE, mr, nr, unroll: 2 }))).toBe(true);
  }
});

describe.each(engines.map((e) => [e.name, e] as const))('engine %s', (_name, engine) => {
  it('matches ml-matrix for all transposes, with ragged edges and more than one k-block', () => {
    const rng = new Rng(31);
    for (const [m, n, k] of [[37, 29, 300], [5, 70, 3], [64, 64, 64]] as const) {
      for (const transA of [false, true]) {
        for (const transB of [false, true]) {
          const a = random(rng, m * k);
          const b = random(rng, k * n);
          const c = random(rng, m * n);
          const A = transA ? Matrix.from1DArray(k, m, Array.from(a)).transpose() : Matrix.from1DArray(m, k, Array.from(a));
          const B = transB ? Matrix.from1DArray(n, k, Array.from(b)).transpose() : Matrix.from1DArray(k, n, Array.from(b));
          const ref = A.mmul(B).mul(-0.5).add(Matrix.from1DArray(m, n, Array.from(c)).mul(2)).to1DArray();
          engine.matmul(m, n, k, a, b, c, transA, transB, -0.5, 2);
          const scale = Math.max(1, ...ref.map(Math.abs));
          expect(Math.max(...ref.map((r, i) => Math.abs(r - c[i]!))) / scale).toBeLessThanOrEqual(1e-12);
        }
      }
    }
  });
});

describe.runIf(wasm !== undefined)('threads', () => {
  afterEach(() => {
    delete process.env.PLATEAU_THREADS;
  });

  it('two threads give bit-identical results to one, from the first product on', () => {
    const engine = wasm!;
    const rng = new Rng(32);
    const n = 200;
    const a = random(rng, n * n);
    const b = random(rng, n * n);
    process.env.PLATEAU_THREADS = '2';
    const two = new Float64Array(n * n);
    // The first threaded product starts the helper and waits until it has joined, so even a
    // synchronous burst of products right after start-up is shared with a helper it waits for.
    for (let rep = 0; rep < 30; rep++) engine.matmul(n, n, n, a, b, two, false, true, 1, 0);
    expect(wasmGemm()!.threads).toBe(2);
    process.env.PLATEAU_THREADS = '1';
    const one = new Float64Array(n * n);
    engine.matmul(n, n, n, a, b, one, false, true, 1, 0);
    expect(two).toEqual(one);
    const ref = Matrix.from1DArray(n, n, Array.from(a)).mmul(Matrix.from1DArray(n, n, Array.from(b)).transpose()).to1DArray();
    expect(Math.max(...ref.map((r, i) => Math.abs(r - one[i]!)))).toBeLessThan(1e-11);
  });
});
