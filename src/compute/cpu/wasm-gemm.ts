/**
 * The WebAssembly SIMD GEMM engine of the CPU backend: the generated kernel (`wasm/gemm-module.ts`)
 * on one shared memory, and helper threads (`gemm-worker.mjs`) that run it on other rows of the
 * product. The main thread copies A (and C when β ≠ 0) into the memory and packs B̃; each thread
 * then packs the Ã panels and stages the C̃ rows of the chunks it takes, so most of the packing is
 * parallel too. Memory layout (entries): [α, β, …header][A m·k][C m·n][Ã][B̃][C̃].
 *
 * Threads: the main thread posts a job (gemm-jobs.mjs) and wakes the helpers with
 * `Atomics.notify`; every thread, the main one included, takes chunks of MR-panels until none is
 * left, and the main thread then `Atomics.wait`s for the helpers, so a call stays synchronous.
 * Every C tile is computed by one thread with the same k-order, so the result is bit-identical
 * whatever the number of threads. Helpers start on the first product big enough to use them: the
 * main thread waits (at most HELPER_START_MS, once) until each has joined, so the set of threads
 * that can take part in a job is fixed before the job is posted and the main thread always waits
 * for all of them (gemm-jobs.mjs). They are unref'd (they never keep the process alive) and
 * number `PLATEAU_THREADS − 1` (default: one per further core).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { PlateauError } from '../../core/errors.ts';
import { ARGS, CHUNK, CONTROL_INTS, DONE, drainChunks, FAILED, MAX_HELPERS, NEXT, READY, SEQ } from './gemm-jobs.mjs';
import { packB, packedSizes, type TileShape } from './packing.ts';
import { DEFAULT_GEMM_SHAPE, gemmModuleBytes, HEADER_ENTRIES, MAX_MEMORY_PAGES, type GemmKernelShape } from './wasm/gemm-module.ts';

const PAGE_BYTES = 65536;

/** Multiply–adds below which waking helpers (tens of µs) costs more than it saves. */
const MIN_THREADED_WORK = 128 * 128 * 128;

/** How long the main thread waits, once, for a starting helper to join before leaving it out. */
const HELPER_START_MS = 5000;

/** MR-panels per chunk a thread takes: Ã's chunk (MC×KC) stays in L2. */
const CHUNK_PANELS = 16;

/** The kernel shape this engine runs: relaxed-SIMD FMA where the engine validates it. */
function chooseShape(): GemmKernelShape | undefined {
  if (typeof WebAssembly !== 'object') return undefined;
  const withFma = { ...DEFAULT_GEMM_SHAPE, fma: true };
  if (WebAssembly.validate(gemmModuleBytes(withFma))) return withFma;
  return WebAssembly.validate(gemmModuleBytes(DEFAULT_GEMM_SHAPE)) ? DEFAULT_GEMM_SHAPE : undefined;
}

/** Number of threads products may use: PLATEAU_THREADS, else the available cores. */
function threadBudget(): number {
  const env = Number(process.env.PLATEAU_THREADS);
  if (Number.isInteger(env) && env >= 1) return env;
  return Math.max(1, availableParallelism());
}

interface Helper {
  worker: Worker;
  index: number;
}

export class WasmGemm {
  readonly shape: GemmKernelShape;
  readonly tile: TileShape;
  private readonly module: WebAssembly.Module;
  private readonly memory: WebAssembly.Memory;
  private readonly chunk: (...args: number[]) => void;
  private readonly control = new Int32Array(new SharedArrayBuffer(CONTROL_INTS * 4));
  private helpers: Helper[] = [];
  private started = false;

  constructor(shape: GemmKernelShape) {
    this.shape = shape;
    this.tile = { mr: shape.mr, nr: shape.nr, kc: shape.kc };
    this.module = new WebAssembly.Module(gemmModuleBytes(shape));
    this.memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_MEMORY_PAGES, shared: true });
    const instance = new WebAssembly.Instance(this.module, { env: { memory: this.memory } });
    this.chunk = instance.exports.chunk as (...args: number[]) => void;
  }

  /** The largest workspace, in float64 entries, that the shared memory can hold. */
  static readonly maxEntries = (MAX_MEMORY_PAGES * PAGE_BYTES) / 8;

  /** Entries of memory an m×n×k product needs. */
  entriesFor(m: number, n: number, k: number): number {
    const s = packedSizes(this.tile, m, n, k);
    return HEADER_ENTRIES + m * k + m * n + s.aLength + s.bLength + s.cLength;
  }

  /**
   * C ← α·op(A)·op(B) + β·C (sizes checked by the caller, entriesFor(m, n, k) ≤ maxEntries).
   * Cost m·n·k multiply–adds plus m·k + k·n + 3·m·n copies.
   */
  matmul(m: number, n: number, k: number, a: Float64Array, b: Float64Array, c: Float64Array, transA: boolean, transB: boolean, alpha: number, beta: number): void {
    const s = packedSizes(this.tile, m, n, k);
    const rawA = HEADER_ENTRIES;
    const rawC = rawA + m * k;
    const ap = rawC + m * n;
    const bp = ap + s.aLength;
    const cp = bp + s.bLength;
    const w = this.workspace(cp + s.cLength);
    w[0] = alpha;
    w[1] = beta;
    w.set(a.length === m * k ? a : a.subarray(0, m * k), rawA);
    if (beta !== 0) w.set(c.length === m * n ? c : c.subarray(0, m * n), rawC);
    packB(this.tile, w, bp, b, k, n, transB);
    const { mr, nr } = this.tile;
    this.run([rawA * 8, rawC * 8, ap * 8, bp * 8, cp * 8, s.nPad * 8, 0, s.mPad / mr, s.nPad / nr, k, s.mPad, s.nPad, m, n, transA ? 1 : 0]);
    c.set(w.subarray(rawC, rawC + m * n));
  }

  /** A float64 view of the workspace, grown to at least `entries` (never shrunk). */
  private workspace(entries: number): Float64Array {
    const needed = Math.ceil((entries * 8) / PAGE_BYTES);
    const have = this.memory.buffer.byteLength / PAGE_BYTES;
    if (needed > have) this.memory.grow(needed - have);
    return new Float64Array(this.memory.buffer);
  }

  /** Helper threads now running. */
  get threads(): number {
    return 1 + this.helpers.length;
  }

  /**
   * The module's `chunk` over the MR-panels args[6] ≤ ip < args[7], shared among the threads in
   * chunks when the product is big enough.
   */
  private run(args: number[]): void {
    const [p0, p1, nPanels, k] = [args[6]!, args[7]!, args[8]!, args[9]!];
    const work = (p1 - p0) * this.shape.mr * nPanels * this.shape.nr * k;
    const budget = threadBudget();
    if (budget === 1 || work < MIN_THREADED_WORK) {
      this.chunk(...args);
      return;
    }
    this.startHelpers(budget - 1);
    const ctrl = this.control;
    const busy = [...this.helpers];
    ctrl.set(args, ARGS);
    // Chunks small enough that every thread gets several, at most CHUNK_PANELS.
    ctrl[CHUNK] = Math.max(1, Math.min(CHUNK_PANELS, Math.ceil((p1 - p0) / (4 * (busy.length + 1)))));
    Atomics.store(ctrl, NEXT, 0);
    Atomics.store(ctrl, FAILED, 0);
    const job = Atomics.add(ctrl, SEQ, 1) + 1;
    Atomics.notify(ctrl, SEQ);
    drainChunks(ctrl, this.chunk);
    for (const h of busy) {
      for (let done = Atomics.load(ctrl, DONE + h.index); done !== job; done = Atomics.load(ctrl, DONE + h.index)) Atomics.wait(ctrl, DONE + h.index, done);
    }
    if (Atomics.load(ctrl, FAILED) !== 0) throw new PlateauError('IO', 'a matmul helper thread failed; rerun with PLATEAU_THREADS=1', {});
  }

  /**
   * Start `count` helpers (once) and wait until each has joined; a helper that has not joined
   * within HELPER_START_MS is told to leave (READY −1) and products run without it.
   */
  private startHelpers(count: number): void {
    if (this.started) return;
    this.started = true;
    const url = new URL('./gemm-worker.mjs', import.meta.url);
    const ctrl = this.control;
    const starting: Helper[] = [];
    for (let index = 0; index < Math.min(count, MAX_HELPERS); index++) {
      const worker = new Worker(url, { workerData: { module: this.module, memory: this.memory, control: ctrl.buffer, index } });
      worker.unref();
      starting.push({ worker, index });
    }
    const deadline = Date.now() + HELPER_START_MS;
    for (const h of starting) {
      Atomics.wait(ctrl, READY + h.index, 0, Math.max(0, deadline - Date.now()));
      if (Atomics.compareExchange(ctrl, READY + h.index, 0, -1) === 0) void h.worker.terminate();
      else this.helpers.push(h);
    }
  }
}

/** The engine, or undefined where WebAssembly SIMD is unavailable. Created on first use. */
let engine: WasmGemm | undefined | null = null;
export function wasmGemm(): WasmGemm | undefined {
  if (engine === null) {
    const shape = chooseShape();
    engine = shape === undefined ? undefined : new WasmGemm(shape);
  }
  return engine;
}
