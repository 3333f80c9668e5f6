// A helper thread of the CPU backend (wasm-gemm.ts): it instantiates the GEMM module on the
// shared memory and, each time the main thread bumps the job counter, takes chunks of the job
// (gemm-jobs.mjs) until none is left, then reports. Plain JavaScript so that it loads without a
// TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import { DONE, FAILED, SEQ, drainChunks } from './gemm-jobs.mjs';

const { module, memory, control, index } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory } });
const chunk = instance.exports.chunk;
const ctrl = new Int32Array(control);
// Jobs up to the current counter were posted before this thread was ready and are not ours; the
// main thread counts this helper in from the 'ready' message on.
let seen = Atomics.load(ctrl, SEQ);
parentPort.postMessage('ready');
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
