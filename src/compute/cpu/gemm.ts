/**
 * The blocked matrix product C ← α·op(A)·op(B) + β·C for large matrices, by one of two engines on
 * the packed layout of packing.ts: the WebAssembly SIMD one (wasm-gemm.ts, threaded) and the plain
 * JavaScript one (js-panel-kernel.ts). `largeMatmulEngine` picks WebAssembly where it is available
 * and the product fits its memory.
 */
import { jsPanelGemm, JS_TILE } from './js-panel-kernel.ts';
import { packA, packB, packedSizes, stageC, unstageC } from './packing.ts';
import { WasmGemm, wasmGemm } from './wasm-gemm.ts';

/** A blocked GEMM (sizes already checked by the caller). */
export interface MatmulEngine {
  readonly name: string;
  matmul(m: number, n: number, k: number, a: Float64Array, b: Float64Array, c: Float64Array, transA: boolean, transB: boolean, alpha: number, beta: number): void;
}

let jsWorkspace = new Float64Array(0);

/** Pack, run the 4×4 JavaScript kernel over all panels, unstage. Single-threaded. */
export const jsEngine: MatmulEngine = {
  name: 'js-tiled-4x4',
  matmul(m, n, k, a, b, c, transA, transB, alpha, beta) {
    const s = packedSizes(JS_TILE, m, n, k);
    if (jsWorkspace.length < s.aLength + s.bLength + s.cLength) jsWorkspace = new Float64Array(s.aLength + s.bLength + s.cLength);
    const w = jsWorkspace;
    const [ap, bp, cp] = [0, s.aLength, s.aLength + s.bLength];
    packA(JS_TILE, w, ap, a, m, k, transA, alpha);
    packB(JS_TILE, w, bp, b, k, n, transB);
    stageC(w, cp, s.nPad, c, m, n, beta);
    jsPanelGemm(w, ap, bp, cp, s.nPad, 0, s.mPad / JS_TILE.mr, s.nPad / JS_TILE.nr, k, s.mPad, s.nPad);
    unstageC(w, cp, s.nPad, c, m, n);
  },
};

/** The WebAssembly engine, or undefined where WebAssembly SIMD is unavailable. */
export function wasmEngine(): (MatmulEngine & { gemm: WasmGemm }) | undefined {
  const gemm = wasmGemm();
  if (gemm === undefined) return undefined;
  const { mr, nr, fma } = gemm.shape;
  return { name: `wasm-simd-${mr}x${nr}${fma ? '-fma' : ''}`, gemm, matmul: (...args) => gemm.matmul(...args) };
}

let cachedWasm: ReturnType<typeof wasmEngine> | null = null;

/** The engine for an m×n×k product: WebAssembly where its memory can hold it, else JavaScript. */
export function largeMatmulEngine(m: number, n: number, k: number): MatmulEngine {
  if (cachedWasm === null) cachedWasm = wasmEngine();
  if (cachedWasm !== undefined && cachedWasm.gemm.entriesFor(m, n, k) <= WasmGemm.maxEntries) return cachedWasm;
  return jsEngine;
}
