/**
 * Packing for the blocked GEMM (GotoBLAS/BLIS): op(A) and op(B) are copied once per call into
 * panels that the register-tiled kernels read contiguously, and C is staged in a padded buffer so
 * the kernels only ever see full MR×NR tiles. One layout serves the JavaScript and the
 * WebAssembly kernels (see `wasm/gemm-module.ts` for the addresses):
 *
 * - Ã, for each k-block of depth kcb ≤ KC: MR-row panels, entry (p, i) of panel ip at
 *   `pc·mPad + ip·MR·kcb + p·MR + i`, rows past m zero, scaled by α while copying;
 * - B̃, likewise in NR-column panels at `pc·nPad + jp·NR·kcb + p·NR + j`, columns past n zero;
 * - C̃, mPad × nPad row-major.
 *
 * Cost: m·k + k·n + 2·m·n copies, against m·n·k multiply–adds in the kernel.
 */

/** What the packing needs to know of a kernel: its register tile and k-block depth. */
export interface TileShape {
  mr: number;
  nr: number;
  kc: number;
}

/** Sizes of the packed operands, in float64 entries. */
export interface PackedSizes {
  mPad: number;
  nPad: number;
  /** Entries of Ã (mPad·k), B̃ (k·nPad) and C̃ (mPad·nPad), stored in this order. */
  aLength: number;
  bLength: number;
  cLength: number;
}

export function packedSizes(shape: TileShape, m: number, n: number, k: number): PackedSizes {
  const mPad = Math.ceil(m / shape.mr) * shape.mr;
  const nPad = Math.ceil(n / shape.nr) * shape.nr;
  return { mPad, nPad, aLength: mPad * k, bLength: k * nPad, cLength: mPad * nPad };
}

/**
 * out[at…] ← α·op(A) in MR-row panels. op(A) is m×k; A is stored m×k, or k×m when `trans`.
 */
export function packA(shape: TileShape, out: Float64Array, at: number, a: Float64Array, m: number, k: number, trans: boolean, alpha: number): void {
  const { mr, kc } = shape;
  const mPad = Math.ceil(m / mr) * mr;
  let o = at;
  for (let pc = 0; pc < k; pc += kc) {
    const kcb = Math.min(kc, k - pc);
    for (let i0 = 0; i0 < mPad; i0 += mr) {
      const rows = Math.min(mr, m - i0);
      for (let p = pc; p < pc + kcb; p++) {
        // Row i of op(A) at column p: A[i·k + p], or A[p·m + i] when transposed.
        const base = trans ? p * m + i0 : i0 * k + p;
        const stride = trans ? 1 : k;
        let i = 0;
        for (; i < rows; i++) out[o + i] = alpha * a[base + i * stride]!;
        for (; i < mr; i++) out[o + i] = 0;
        o += mr;
      }
    }
  }
}

/**
 * out[at…] ← op(B) in NR-column panels. op(B) is k×n; B is stored k×n, or n×k when `trans`.
 */
export function packB(shape: TileShape, out: Float64Array, at: number, b: Float64Array, k: number, n: number, trans: boolean): void {
  const { nr, kc } = shape;
  const nPad = Math.ceil(n / nr) * nr;
  let o = at;
  for (let pc = 0; pc < k; pc += kc) {
    const kcb = Math.min(kc, k - pc);
    for (let j0 = 0; j0 < nPad; j0 += nr) {
      const cols = Math.min(nr, n - j0);
      for (let p = pc; p < pc + kcb; p++) {
        // Entry (p, j) of op(B): B[p·n + j], or B[j·k + p] when transposed.
        const base = trans ? j0 * k + p : p * n + j0;
        const stride = trans ? k : 1;
        let j = 0;
        for (; j < cols; j++) out[o + j] = b[base + j * stride]!;
        for (; j < nr; j++) out[o + j] = 0;
        o += nr;
      }
    }
  }
}

/** C̃ ← β·C (the m×n block; β = 0 writes zeros without reading C). */
export function stageC(out: Float64Array, at: number, nPad: number, c: Float64Array, m: number, n: number, beta: number): void {
  for (let i = 0; i < m; i++) {
    const o = at + i * nPad;
    const ci = i * n;
    if (beta === 0) out.fill(0, o, o + n);
    else if (beta === 1) for (let j = 0; j < n; j++) out[o + j] = c[ci + j]!;
    else for (let j = 0; j < n; j++) out[o + j] = beta * c[ci + j]!;
  }
}

/** C ← the m×n block of C̃. */
export function unstageC(from: Float64Array, at: number, nPad: number, c: Float64Array, m: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const o = at + i * nPad;
    const ci = i * n;
    for (let j = 0; j < n; j++) c[ci + j] = from[o + j]!;
  }
}
