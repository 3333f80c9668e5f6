/**
 * The blocked GEMM in plain JavaScript, on the packed layout of `packing.ts`: a 4×4 register tile
 * of scalar accumulators per micro-kernel call. It is the CPU backend's large-matrix kernel where
 * WebAssembly SIMD is unavailable (e.g. `node --jitless`) and the baseline the SIMD kernel is
 * measured against (`bench/matmul.ts`). Cost 16·kcb multiply–adds per tile.
 */
import type { TileShape } from './packing.ts';

export const JS_TILE: TileShape = { mr: 4, nr: 4, kc: 256 };

/** MR-panels per row block: Ã's block (MC×KC) stays in L2 while B̃ panels stream through L1. */
const MC_PANELS = 32;

/**
 * C̃ += Ã·B̃ over the MR-panels p0 ≤ ip < p1, all nPanels NR-panels and the whole depth k; offsets
 * `ap`, `bp`, `c` and the row stride `ldc` are in entries of `w`.
 */
export function jsPanelGemm(w: Float64Array, ap: number, bp: number, c: number, ldc: number, p0: number, p1: number, nPanels: number, k: number, mPad: number, nPad: number): void {
  const { kc } = JS_TILE;
  for (let pc = 0; pc < k; pc += kc) {
    const kcb = Math.min(kc, k - pc);
    const aBlock = ap + pc * mPad;
    const bBlock = bp + pc * nPad;
    for (let ic = p0; ic < p1; ic += MC_PANELS) {
      const icEnd = Math.min(ic + MC_PANELS, p1);
      for (let jp = 0; jp < nPanels; jp++) {
        const bPanel = bBlock + jp * 4 * kcb;
        for (let ip = ic; ip < icEnd; ip++) microTile(w, aBlock + ip * 4 * kcb, bPanel, c + ip * 4 * ldc + jp * 4, ldc, kcb);
      }
    }
  }
}

/** C̃[4×4 at c] += Σ_p Ã[p, 0..3] ⊗ B̃[p, 0..3]. */
function microTile(w: Float64Array, a: number, b: number, c: number, ldc: number, kcb: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0; p < kcb; p++) {
    const a0 = w[a]!, a1 = w[a + 1]!, a2 = w[a + 2]!, a3 = w[a + 3]!;
    const b0 = w[b]!, b1 = w[b + 1]!, b2 = w[b + 2]!, b3 = w[b + 3]!;
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
    a += 4;
    b += 4;
  }
  w[c] += c00; w[c + 1] += c01; w[c + 2] += c02; w[c + 3] += c03;
  c += ldc;
  w[c] += c10; w[c + 1] += c11; w[c + 2] += c12; w[c + 3] += c13;
  c += ldc;
  w[c] += c20; w[c + 1] += c21; w[c + 2] += c22; w[c + 3] += c23;
  c += ldc;
  w[c] += c30; w[c + 1] += c31; w[c + 2] += c32; w[c + 3] += c33;
}
