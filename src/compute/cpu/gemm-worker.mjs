// A helper thread of the CPU backend (wasm-gemm.ts): it instantiates the GEMM module on the
// shared memory, joins (gemm-jobs.mjs), and each time the main thread bumps the job counter takes
// chunks of the job until none is left, then reports. Plain JavaScript so that it loads without a
// TypeScript loader.
import { workerData } from 'node:worker_threads';
import { DONE, FAILED, READY, SEQ, drainChunks } from './gemm-jobs.mjs';

const { module, memory, control, index } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory } });
const chunk = instance.exports.chunk;
const ctrl = new Int32Array(control);
// Jobs up to the current counter were posted before this thread joined and are not ours. Join
// (READY 0 → 1) only after reading the counter: the main thread posts no job until it sees the
// join, and if it already gave up on this helper (READY = −1) the helper leaves without working.
let seen = Atomics.load(ctrl, SEQ);
if (Atomics.compareExchange(ctrl, READY + index, 0, 1) !== 0) process.exit(0);
Atomics.notify(ctrl, READY + index);
for (;;) {
  Atomics.wait(ctrl, SEQ, seen);
  seen = Atomics.load(ctrl, SEQ);
  if (seen < 0) break;
  try {
    drainChunks(ctrl, chunk);
  } catch {
    Atomics.store(ctrl, FAILED, 1);
  }
  Atomics.store(ctrl, DONE + index, seen);
  Atomics.notify(ctrl, DONE + index);
}
