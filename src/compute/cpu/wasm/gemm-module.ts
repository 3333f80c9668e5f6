/**
 * The WebAssembly SIMD GEMM kernel, generated: C ← C + Ã·B̃ on panels packed by `packed-gemm.ts`
 * (GotoBLAS/BLIS layout). Two f64 lanes per v128; an MR×NR register tile of accumulators is
 * updated by one rank-1 product per k (MR splat loads of Ã, NR/2 vector loads of B̃, MR·NR/2
 * vector multiply–adds), so the tile stays in registers while a panel of B̃ (KC×NR) stays in L1
 * and a block of Ã (MC×KC) in L2.
 *
 * Memory layout (all in the module's imported memory, addresses in bytes):
 * - Ã: for each k-block (KC rows of the shared dimension, the last one shorter) the whole padded
 *   height mPad in MR-row panels, panel ip at `ap + 8·(pc·mPad + ip·MR·kcb)`, entry (p, i) at
 *   `+ 8·(p·MR + i)`;
 * - B̃: likewise in NR-column panels, panel jp at `bp + 8·(pc·nPad + jp·NR·kcb)`, entry (p, j) at
 *   `+ 8·(p·NR + j)`;
 * - C: padded mPad × nPad, row-major with row stride `ldc` bytes.
 *
 * Export `gemm(ap, bp, c, ldc, p0, p1, nPanels, k, mPad, nPad)` updates the rows of the MR-panels
 * p0 ≤ ip < p1 only, so threads sharing the memory can each take a range of panels without any
 * synchronisation. Cost MR·NR·k multiply–adds per tile, (p1 − p0)·nPanels tiles.
 *
 * Export `chunk(rawA, rawC, ap, bp, c, ldc, q0, q1, nPanels, k, mPad, nPad, m, n, transA)` does a
 * thread's whole share for the MR-panels q0 ≤ ip < q1, so that packing runs in parallel too:
 * C̃ rows ← β·C (from the raw m×n copy at rawC), Ã panels ← α·op(A) (from the raw copy at rawA),
 * `gemm`, then the C̃ rows back to rawC. α and β are read as f64 at bytes 0 and 8 of the memory.
 */
import { encodeModule, F64, FunctionBody, I32, V128, type Local } from './encoder.ts';

export interface GemmKernelShape {
  /** Rows of the register tile. */
  mr: number;
  /** Columns of the register tile (even: two f64 per vector). */
  nr: number;
  /** Depth of a k-block. */
  kc: number;
  /** MR-panels per row block (MC = mcPanels·MR). */
  mcPanels: number;
  /** k-steps per iteration of the innermost loop. */
  unroll: number;
  /** Use relaxed-SIMD fused multiply–add (only where the engine validates it). */
  fma: boolean;
}

/** The shape chosen by measurement on x86-64 with V8 (bench/matmul.ts; 16 vector registers). */
export const DEFAULT_GEMM_SHAPE: GemmKernelShape = { mr: 4, nr: 4, kc: 256, mcPanels: 32, unroll: 1, fma: false };

/** Imported as `env.memory`: shared so that worker threads run the same kernel on it. */
const MEMORY_IMPORT = { module: 'env', name: 'memory' } as const;

/** Maximum size of the shared memory: 2 GiB (32768 pages of 64 KiB). */
export const MAX_MEMORY_PAGES = 32768;

/** The module's bytes for a kernel shape. */
export function gemmModuleBytes(shape: GemmKernelShape, shared = true): Uint8Array {
  return encodeModule({ ...MEMORY_IMPORT, initialPages: 1, maximumPages: MAX_MEMORY_PAGES, shared }, { gemm: gemmFunction(shape), chunk: chunkFunction(shape) });
}

/** Byte addresses of α and β (f64) in the memory: the first 16 bytes are the job's scalars. */
const ALPHA_AT = 0;
const BETA_AT = 8;
/** Entries reserved at the start of the memory before the workspace. */
export const HEADER_ENTRIES = 8;

/** Index of `gemm` in the module (the order of `gemmModuleBytes`' record), for `call`. */
const GEMM_INDEX = 0;

function chunkFunction(shape: GemmKernelShape): FunctionBody {
  const { mr, kc } = shape;
  const f = new FunctionBody(new Array<typeof I32>(15).fill(I32));
  const [rawA, rawC, ap, bp, c, ldc, q0, q1, nPanels, k, mPad, nPad, m, n, transA] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14] as Local[];
  const alpha = f.local(F64);
  const beta = f.local(F64);
  const r = f.local(I32);
  const rEnd = f.local(I32);
  const j = f.local(I32);
  const src = f.local(I32);
  const dst = f.local(I32);
  const pc = f.local(I32);
  const kcb = f.local(I32);
  const ip = f.local(I32);
  const p = f.local(I32);
  const off = f.local(I32);
  const stride = f.local(I32);
  const base: Local[] = Array.from({ length: mr }, () => f.local(I32));
  const valid: Local[] = Array.from({ length: mr }, () => f.local(I32));

  f.i32(0).f64Load(ALPHA_AT).set(alpha);
  f.i32(0).f64Load(BETA_AT).set(beta);
  // rEnd = min(q1·MR, m): the rows of the chunk that exist.
  f.get(m).get(q1).i32(mr).i32Mul().tee(rEnd).get(rEnd).get(m).i32GtU().select().set(rEnd);

  /** For each existing row r of the chunk: row(rowSrc, rowDst) with src/dst at the row starts. */
  const eachRow = (srcBase: Local, srcStride: Local, dstBase: Local, dstStride: Local, row: () => void): void => {
    f.forRange(r, () => f.get(q0).i32(mr).i32Mul(), () => f.get(rEnd), 1, () => {
      f.get(srcBase).get(r).get(srcStride).i32Mul().i32(8).i32Mul().i32Add().set(src);
      f.get(dstBase).get(r).get(dstStride).i32Mul().i32(8).i32Mul().i32Add().set(dst);
      f.forRange(j, () => f.i32(0), () => f.get(n), 1, row);
    });
  };
  // C̃ ← β·C on the chunk's rows (β = 0 writes zeros without reading C).
  f.get(beta).f64Const(0).f64Eq().ifElse(
    () => eachRow(rawC, n, c, nPad, () => f.get(dst).f64Const(0).f64Store().get(dst).i32(8).i32Add().set(dst)),
    () =>
      eachRow(rawC, n, c, nPad, () => {
        f.get(dst).get(beta).get(src).f64Load().f64Mul().f64Store();
        f.get(src).i32(8).i32Add().set(src).get(dst).i32(8).i32Add().set(dst);
      }),
  );
  // Ã panels ← α·op(A): op(A)[row, col] at base_row + col·stride (A m×k: base = rawA + 8·row·k,
  // stride 8; A stored k×m: base = rawA + 8·row, stride 8·m). Rows past m read any in-bounds
  // value and store 0 through select (select never propagates the unchosen NaN).
  f.get(transA).ifElse(
    () => f.get(m).i32(8).i32Mul().set(stride),
    () => f.i32(8).set(stride),
  );
  f.forRange(pc, () => f.i32(0), () => f.get(k), kc, () => {
    f.i32(kc).get(k).get(pc).i32Sub().tee(kcb).get(kcb).i32(kc).i32GtU().select().set(kcb);
    f.forRange(ip, () => f.get(q0), () => f.get(q1), 1, () => {
      for (let i = 0; i < mr; i++) {
        // row = ip·MR + i
        f.get(ip).i32(mr).i32Mul().i32(i).i32Add().tee(r).get(m).i32LtU().set(valid[i]!);
        f.get(transA).ifElse(
          () => f.get(rawA).get(r).i32(8).i32Mul().i32Add().set(base[i]!),
          () => f.get(rawA).get(r).get(k).i32Mul().i32(8).i32Mul().i32Add().set(base[i]!),
        );
      }
      f.get(ap).get(pc).get(mPad).i32Mul().get(ip).i32(mr).i32Mul().get(kcb).i32Mul().i32Add().i32(8).i32Mul().i32Add().set(dst);
      f.get(pc).get(stride).i32Mul().set(off);
      f.forRange(p, () => f.i32(0), () => f.get(kcb), 1, () => {
        for (let i = 0; i < mr; i++) {
          f.get(dst);
          f.get(alpha).get(base[i]!).get(off).i32Add().f64Load().f64Mul();
          f.f64Const(0).get(valid[i]!).select();
          f.f64Store(8 * i);
        }
        f.get(dst).i32(mr * 8).i32Add().set(dst);
        f.get(off).get(stride).i32Add().set(off);
      });
    });
  });
  f.get(ap).get(bp).get(c).get(ldc).get(q0).get(q1).get(nPanels).get(k).get(mPad).get(nPad).call(GEMM_INDEX);
  // C rows ← C̃ rows.
  eachRow(c, nPad, rawC, n, () => {
    f.get(dst).get(src).f64Load().f64Store();
    f.get(src).i32(8).i32Add().set(src).get(dst).i32(8).i32Add().set(dst);
  });
  return f;
}

function gemmFunction(shape: GemmKernelShape): FunctionBody {
  const { mr, nr, kc, mcPanels, unroll, fma } = shape;
  const vecs = nr / 2;
  const f = new FunctionBody([I32, I32, I32, I32, I32, I32, I32, I32, I32, I32]);
  const [ap, bp, c, ldc, p0, p1, nPanels, k, mPad, nPad] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as Local[];
  const pc = f.local(I32);
  const kcb = f.local(I32);
  const apBlock = f.local(I32);
  const bpBlock = f.local(I32);
  const ic = f.local(I32);
  const icEnd = f.local(I32);
  const jp = f.local(I32);
  const ip = f.local(I32);
  const bPanel = f.local(I32);
  const aPtr = f.local(I32);
  const bPtr = f.local(I32);
  const cPtr = f.local(I32);
  const steps = f.local(I32);
  const acc: Local[][] = Array.from({ length: mr }, () => Array.from({ length: vecs }, () => f.local(V128)));
  const b: Local[] = Array.from({ length: vecs }, () => f.local(V128));
  const a = f.local(V128);

  /** acc += Ã[p, :] ⊗ B̃[p, :] for the k-step at byte offsets (aOff, bOff) from aPtr, bPtr. */
  const rankOneStep = (aOff: number, bOff: number): void => {
    for (let v = 0; v < vecs; v++) f.get(bPtr).v128Load(bOff + 16 * v).set(b[v]!);
    for (let i = 0; i < mr; i++) {
      f.get(aPtr).v128Load64Splat(aOff + 8 * i).set(a);
      for (let v = 0; v < vecs; v++) {
        if (fma) f.get(a).get(b[v]!).get(acc[i]![v]!).f64x2RelaxedMadd().set(acc[i]![v]!);
        else f.get(acc[i]![v]!).get(a).get(b[v]!).f64x2Mul().f64x2Add().set(acc[i]![v]!);
      }
    }
  };
  /** aPtr += MR·8·n, bPtr += NR·8·n, steps −= n. */
  const advance = (n: number): void => {
    f.get(aPtr).i32(mr * 8 * n).i32Add().set(aPtr);
    f.get(bPtr).i32(nr * 8 * n).i32Add().set(bPtr);
    f.get(steps).i32(n).i32Sub().set(steps);
  };

  const microKernel = (): void => {
    for (const row of acc) for (const x of row) f.v128Zero().set(x);
    f.get(kcb).set(steps);
    // Unrolled k-loop while at least `unroll` steps remain, then one step at a time.
    f.block(() => {
      f.loop(() => {
        f.get(steps).i32(unroll).i32LtU().brIf(1);
        for (let u = 0; u < unroll; u++) rankOneStep(u * mr * 8, u * nr * 8);
        advance(unroll);
        f.br(0);
      });
    });
    f.block(() => {
      f.loop(() => {
        f.get(steps).i32Eqz().brIf(1);
        rankOneStep(0, 0);
        advance(1);
        f.br(0);
      });
    });
    // C tile += acc, row by row (cPtr walks the rows).
    for (let i = 0; i < mr; i++) {
      for (let v = 0; v < vecs; v++) f.get(cPtr).get(cPtr).v128Load(16 * v).get(acc[i]![v]!).f64x2Add().v128Store(16 * v);
      if (i < mr - 1) f.get(cPtr).get(ldc).i32Add().set(cPtr);
    }
  };

  f.forRange(pc, () => f.i32(0), () => f.get(k), kc, () => {
    // kcb = min(KC, k − pc)
    f.i32(kc).get(k).get(pc).i32Sub().tee(kcb).get(kcb).i32(kc).i32GtU().select().set(kcb);
    f.get(ap).get(pc).get(mPad).i32Mul().i32(8).i32Mul().i32Add().set(apBlock);
    f.get(bp).get(pc).get(nPad).i32Mul().i32(8).i32Mul().i32Add().set(bpBlock);
    f.forRange(ic, () => f.get(p0), () => f.get(p1), mcPanels, () => {
      // icEnd = min(ic + MCP, p1)
      f.get(p1).get(ic).i32(mcPanels).i32Add().tee(icEnd).get(icEnd).get(p1).i32GtU().select().set(icEnd);
      f.forRange(jp, () => f.i32(0), () => f.get(nPanels), 1, () => {
        f.get(bpBlock).get(jp).get(kcb).i32Mul().i32(nr * 8).i32Mul().i32Add().set(bPanel);
        f.forRange(ip, () => f.get(ic), () => f.get(icEnd), 1, () => {
          f.get(apBlock).get(ip).get(kcb).i32Mul().i32(mr * 8).i32Mul().i32Add().set(aPtr);
          f.get(bPanel).set(bPtr);
          f.get(c).get(ip).get(ldc).i32Mul().i32(mr).i32Mul().i32Add().get(jp).i32(nr * 8).i32Mul().i32Add().set(cPtr);
          microKernel();
        });
      });
    });
  });
  return f;
}
