/**
 * The blocked matrix product C ← α·op(A)·op(B) + β·C for large matrices: pack (packing.ts), run a
 * register-tiled panel kernel over the packed operands, unstage C. Two kernels share the layout:
 * the WebAssembly SIMD one (wasm-gemm.ts, threaded) and the plain JavaScript one
 * (js-panel-kernel.ts); `largeMatmulEngine` picks the first where it is available.
 */
import { jsPanelGemm, JS_TILE } from './js-panel-kernel.ts';
import { packA, packB, packedSizes, stageC, unstageC, type TileShape } from './packing.ts';
import { WasmGemm, wasmGemm } from './wasm-gemm.ts';

/** A panel kernel with its workspace: what `packedMatmul` drives. */
export interface PanelEngine {
  readonly name: string;
  readonly tile: TileShape;
  /** A float64 workspace of at least `entries` entries, reused across calls. */
  workspace(entries: number): Float64Array;
  /** C̃ += Ã·B̃ on the workspace over MR-panels p0 ≤ ip < p1 (offsets in entries). */
  run(ap: number, bp: number, c: number, ldc: number, p0: number, p1: number, nPanels: number, k: number, mPad: number, nPad: number): void;
}

let jsWorkspace = new Float64Array(0);

export const jsEngine: PanelEngine = {
  name: 'js-tiled-4x4',
  tile: JS_TILE,
  workspace(entries) {
    if (jsWorkspace.length < entries) jsWorkspace = new Float64Array(entries);
    return jsWorkspace;
  },
  run: (ap, bp, c, ldc, p0, p1, nPanels, k, mPad, nPad) => jsPanelGemm(jsWorkspace, ap, bp, c, ldc, p0, p1, nPanels, k, mPad, nPad),
};

/** The WebAssembly engine as a PanelEngine, or undefined where WebAssembly SIMD is unavailable. */
export function wasmEngine(): PanelEngine | undefined {
  const gemm = wasmGemm();
  if (gemm === undefined) return undefined;
  const { mr, nr, fma } = gemm.shape;
  return {
    name: `wasm-simd-${mr}x${nr}${fma ? '-fma' : ''}`,
    tile: gemm.tile,
    workspace: (entries) => gemm.workspace(entries),
    run: (...args) => gemm.run(...args),
  };
}

let cachedWasm: PanelEngine | undefined | null = null;

/** The engine for an m×n×k product: WebAssembly where its workspace fits the shared memory, else JavaScript. */
export function largeMatmulEngine(m: number, n: number, k: number): PanelEngine {
  if (cachedWasm === null) cachedWasm = wasmEngine();
  if (cachedWasm !== undefined) {
    const s = packedSizes(cachedWasm.tile, m, n, k);
    if (s.aLength + s.bLength + s.cLength <= WasmGemm.maxEntries) return cachedWasm;
  }
  return jsEngine;
}

/**
 * C ← α·op(A)·op(B) + β·C through `engine` (sizes already checked by the caller). Cost m·n·k
 * multiply–adds in the panel kernel plus m·k + k·n + 2·m·n copies.
 */
export function packedMatmul(engine: PanelEngine, m: number, n: number, k: number, a: Float64Array, b: Float64Array, c: Float64Array, transA: boolean, transB: boolean, alpha: number, beta: number): void {
  const s = packedSizes(engine.tile, m, n, k);
  const w = engine.workspace(s.aLength + s.bLength + s.cLength);
  const ap = 0;
  const bp = s.aLength;
  const cp = s.aLength + s.bLength;
  packA(engine.tile, w, ap, a, m, k, transA, alpha);
  packB(engine.tile, w, bp, b, k, n, transB);
  stageC(w, cp, s.nPad, c, m, n, beta);
  engine.run(ap, bp, cp, s.nPad, 0, s.mPad / engine.tile.mr, s.nPad / engine.tile.nr, k, s.mPad, s.nPad);
  unstageC(w, cp, s.nPad, c, m, n);
}
