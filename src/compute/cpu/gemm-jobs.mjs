// The job protocol between the main thread and the GEMM helper threads (wasm-gemm.ts,
// gemm-worker.mjs), shared by both sides. Plain JavaScript so that helper threads load it without
// a TypeScript loader; types in gemm-jobs.d.mts.
//
// One control block (Int32Array on a SharedArrayBuffer) per engine:
//   [SEQ] job counter (−1 = stop)   [NEXT] next chunk to take   [FAILED] 1 when a thread threw
//   [CHUNK] MR-panels per chunk     [ARGS…ARGS+14] the arguments of the module's `chunk` export,
//   with the whole range of MR-panels at ARGS+6, ARGS+7   [DONE+h] the last job helper h finished
//   [READY+h] 0 while helper h starts, 1 once it has joined, −1 when the main thread gave up on it.
// Threads take chunks of panels from NEXT with Atomics.add until none is left, so a thread slowed
// by another process on its core simply takes fewer chunks.
//
// Membership is settled before any job is posted: a helper joins by changing READY+h from 0 to 1
// (compare-exchange) after reading SEQ, and the main thread waits for that change before posting
// the next job. So every helper that can wake for a job is one the main thread waits for; a helper
// that joins too late finds READY+h = −1 and exits without touching any job.
export const SEQ = 0;
export const NEXT = 1;
export const FAILED = 2;
export const CHUNK = 3;
export const ARGS = 4;
const ARG_COUNT = 15;
export const DONE = 20;
export const READY = 36;
export const MAX_HELPERS = 16;
export const CONTROL_INTS = READY + MAX_HELPERS;

/** Run `chunk` on chunks of the current job until none is left. */
export function drainChunks(ctrl, chunk) {
  const args = Array.from(ctrl.subarray(ARGS, ARGS + ARG_COUNT));
  const [p0, p1] = [args[6], args[7]];
  const size = ctrl[CHUNK];
  for (;;) {
    const q0 = p0 + Atomics.add(ctrl, NEXT, 1) * size;
    if (q0 >= p1) return;
    args[6] = q0;
    args[7] = Math.min(q0 + size, p1);
    chunk(...args);
  }
}
