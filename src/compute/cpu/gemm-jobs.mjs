// The job protocol between the main thread and the GEMM helper threads (wasm-gemm.ts,
// gemm-worker.mjs), shared by both sides. Plain JavaScript so that helper threads load it without
// a TypeScript loader; types in gemm-jobs.d.mts.
//
// One control block (Int32Array on a SharedArrayBuffer) per engine:
//   [SEQ] job counter (−1 = stop)   [NEXT] next chunk to take   [FAILED] 1 when a thread threw
//   [ARGS…ARGS+9] gemm's arguments, with p0, p1 the whole range of MR-panels
//   [CHUNK] MR-panels per chunk     [DONE+h] the last job helper h finished
// Threads take chunks of panels from NEXT with Atomics.add until none is left, so a thread slowed
// by another process on its core simply takes fewer chunks.
export const SEQ = 0;
export const NEXT = 1;
export const FAILED = 2;
export const CHUNK = 3;
export const ARGS = 4;
export const DONE = 16;
export const CONTROL_INTS = 32;

/** Run gemm on chunks of the current job until none is left. */
export function drainChunks(ctrl, gemm) {
  const [ap, bp, c, ldc, p0, p1, nPanels, k, mPad, nPad] = ctrl.subarray(ARGS, ARGS + 10);
  const chunk = ctrl[CHUNK];
  for (;;) {
    const q0 = p0 + Atomics.add(ctrl, NEXT, 1) * chunk;
    if (q0 >= p1) return;
    gemm(ap, bp, c, ldc, q0, Math.min(q0 + chunk, p1), nPanels, k, mPad, nPad);
  }
}
