/**
 * WebAssembly SIMD kernels for Monte Carlo path marching (`paths.ts`), generated with the CPU
 * backend's encoder (`compute/cpu/wasm/encoder.ts`), and the arena that holds the ensembles in the
 * module's memory. Two f64 lanes per vector; rows are padded to an even stride so every vector
 * load is in bounds. The JavaScript loops of `paths.ts` are the reference; these compute the same
 * sums in another order (results agree to rounding).
 *
 * Exports (pointers and strides in bytes; counts in entries):
 * - `drive(z, h, field, memory, stride, pairsBytes, odd, p0, p1, out)`:
 *   out[p] = Σ_{j<k₁} field[j]·z[p,j] + memory[j]·h[p,j] for p0 ≤ p < p1, where k₁ = 2·pairs + odd;
 * - `accumulate(h, a, stride, lenBytes, p0, p1, cov)`: cov[j] += Σ_p a[p]·h[p,j] for j < len (len
 *   even; entries past the caller's range must be zero in h);
 * - `tangentMemory(jd, J, coef, stride, span, nr, k)`: J[r,c] += Σ_{m=1..k} coef[m]·jd[m][r][c] over
 *   c < m (rounded up to even; jd[m][r][c] = 0 for c ≥ m), with `span` = nr·stride.
 */
import { encodeModule, F64, FunctionBody, I32, V128, type Local } from '../compute/cpu/wasm/encoder.ts';

function driveFunction(): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32, I32, I32, I32, I32, I32, I32]);
  const [z, h, field, memory, stride, pairsBytes, odd, p0, p1, out] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as Local[];
  const p = f.local(I32);
  const jo = f.local(I32);
  const zr = f.local(I32);
  const hr = f.local(I32);
  const acc = f.local(V128);
  const s = f.local(F64);
  f.forRange(p, () => f.get(p0), () => f.get(p1), 1, () => {
    f.get(z).get(p).get(stride).i32Mul().i32Add().set(zr);
    f.get(h).get(p).get(stride).i32Mul().i32Add().set(hr);
    f.v128Zero().set(acc);
    f.forRange(jo, () => f.i32(0), () => f.get(pairsBytes), 16, () => {
      f.get(acc);
      f.get(field).get(jo).i32Add().v128Load().get(zr).get(jo).i32Add().v128Load().f64x2Mul().f64x2Add();
      f.get(memory).get(jo).i32Add().v128Load().get(hr).get(jo).i32Add().v128Load().f64x2Mul().f64x2Add();
      f.set(acc);
    });
    f.get(acc).f64x2ExtractLane(0).get(acc).f64x2ExtractLane(1).f64Add().set(s);
    f.get(odd).ifElse(() => {
      f.get(s);
      f.get(field).get(pairsBytes).i32Add().f64Load().get(zr).get(pairsBytes).i32Add().f64Load().f64Mul().f64Add();
      f.get(memory).get(pairsBytes).i32Add().f64Load().get(hr).get(pairsBytes).i32Add().f64Load().f64Mul().f64Add();
      f.set(s);
    });
    f.get(out).get(p).i32(8).i32Mul().i32Add().get(s).f64Store();
  });
  return f;
}

function accumulateFunction(): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32, I32, I32, I32]);
  const [h, a, stride, lenBytes, p0, p1, cov] = [0, 1, 2, 3, 4, 5, 6] as Local[];
  const p = f.local(I32);
  const jo = f.local(I32);
  const r0 = f.local(I32);
  const r1 = f.local(I32);
  const a0 = f.local(V128);
  const a1 = f.local(V128);
  const c = f.local(I32);
  // Two paths per pass over cov (one load/store of cov per two rows), then a single-path tail.
  f.get(p0).set(p);
  f.block(() => {
    f.loop(() => {
      f.get(p).i32(2).i32Add().get(p1).i32GtU().brIf(1);
      f.get(h).get(p).get(stride).i32Mul().i32Add().tee(r0).get(stride).i32Add().set(r1);
      f.get(a).get(p).i32(8).i32Mul().i32Add().v128Load64Splat().set(a0);
      f.get(a).get(p).i32(8).i32Mul().i32Add().v128Load64Splat(8).set(a1);
      f.forRange(jo, () => f.i32(0), () => f.get(lenBytes), 16, () => {
        f.get(cov).get(jo).i32Add().tee(c);
        f.get(c).v128Load();
        f.get(a0).get(r0).get(jo).i32Add().v128Load().f64x2Mul().f64x2Add();
        f.get(a1).get(r1).get(jo).i32Add().v128Load().f64x2Mul().f64x2Add();
        f.v128Store();
      });
      f.get(p).i32(2).i32Add().set(p);
      f.br(0);
    });
  });
  f.get(p).get(p1).i32LtU().ifElse(() => {
    f.get(h).get(p).get(stride).i32Mul().i32Add().set(r0);
    f.get(a).get(p).i32(8).i32Mul().i32Add().v128Load64Splat().set(a0);
    f.forRange(jo, () => f.i32(0), () => f.get(lenBytes), 16, () => {
      f.get(cov).get(jo).i32Add().tee(c);
      f.get(c).v128Load();
      f.get(a0).get(r0).get(jo).i32Add().v128Load().f64x2Mul().f64x2Add();
      f.v128Store();
    });
  });
  return f;
}

function tangentFunction(): FunctionBody {
  const f = new FunctionBody([I32, I32, I32, I32, I32, I32, I32]);
  const [jd, J, coef, stride, span, nr, k] = [0, 1, 2, 3, 4, 5, 6] as Local[];
  const m = f.local(I32);
  const r = f.local(I32);
  const co = f.local(I32);
  const top = f.local(I32);
  const s0 = f.local(I32);
  const s1 = f.local(I32);
  const jr = f.local(I32);
  const c0 = f.local(V128);
  const c1 = f.local(V128);
  const t = f.local(I32);
  // Rows m, m+1 together (one load/store of J per two rows), then a single-row tail.
  f.i32(1).set(m);
  f.block(() => {
    f.loop(() => {
      f.get(m).i32(1).i32Add().get(k).i32GtU().brIf(1);
      f.get(coef).get(m).i32(8).i32Mul().i32Add().v128Load64Splat().set(c0);
      f.get(coef).get(m).i32(8).i32Mul().i32Add().v128Load64Splat(8).set(c1);
      f.get(jd).get(m).get(span).i32Mul().i32Add().tee(s0).get(span).i32Add().set(s1);
      // c < m + 1 (row m+1 is nonzero up to c = m).
      f.get(m).i32(1).i32Add().i32(8).i32Mul().set(top);
      f.forRange(r, () => f.i32(0), () => f.get(nr), 1, () => {
        f.get(J).get(r).get(stride).i32Mul().i32Add().set(jr);
        f.get(r).get(stride).i32Mul().set(t);
        f.forRange(co, () => f.i32(0), () => f.get(top), 16, () => {
          f.get(jr).get(co).i32Add();
          f.get(jr).get(co).i32Add().v128Load();
          f.get(c0).get(s0).get(t).i32Add().get(co).i32Add().v128Load().f64x2Mul().f64x2Add();
          f.get(c1).get(s1).get(t).i32Add().get(co).i32Add().v128Load().f64x2Mul().f64x2Add();
          f.v128Store();
        });
      });
      f.get(m).i32(2).i32Add().set(m);
      f.br(0);
    });
  });
  f.get(m).get(k).i32GtU().i32Eqz().ifElse(() => {
    f.get(coef).get(m).i32(8).i32Mul().i32Add().v128Load64Splat().set(c0);
    f.get(jd).get(m).get(span).i32Mul().i32Add().set(s0);
    f.get(m).i32(8).i32Mul().set(top);
    f.forRange(r, () => f.i32(0), () => f.get(nr), 1, () => {
      f.get(J).get(r).get(stride).i32Mul().i32Add().set(jr);
      f.get(r).get(stride).i32Mul().set(t);
      f.forRange(co, () => f.i32(0), () => f.get(top), 16, () => {
        f.get(jr).get(co).i32Add();
        f.get(jr).get(co).i32Add().v128Load();
        f.get(c0).get(s0).get(t).i32Add().get(co).i32Add().v128Load().f64x2Mul().f64x2Add();
        f.v128Store();
      });
    });
  });
  return f;
}

const PAGE_BYTES = 65536;
/** 4 GiB is the wasm32 limit; keep below it. */
const MAX_PAGES = 65535;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is unavailable (or PLATEAU_DMFT_WASM=0). */
function pathModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  if (typeof WebAssembly !== 'object' || process.env.PLATEAU_DMFT_WASM === '0') return compiled;
  const bytes = encodeModule({ module: 'env', name: 'memory', initialPages: 1, maximumPages: MAX_PAGES, shared: false }, {
    drive: driveFunction(),
    accumulate: accumulateFunction(),
    tangentMemory: tangentFunction(),
  });
  if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  return compiled;
}

type Kernel = (...args: number[]) => void;

/**
 * One memory for a whole march: the ensembles' arrays are carved from it (16-byte aligned) before
 * any kernel runs, and it never grows afterwards (growing would detach the views).
 */
export class PathArena {
  readonly drive: Kernel;
  readonly accumulate: Kernel;
  readonly tangentMemory: Kernel;
  private readonly buffer: ArrayBuffer;
  private next = 0;

  private constructor(module: WebAssembly.Module, entries: number) {
    const pages = Math.ceil((entries * 8 + 1024) / PAGE_BYTES);
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
    this.drive = exports.drive as Kernel;
    this.accumulate = exports.accumulate as Kernel;
    this.tangentMemory = exports.tangentMemory as Kernel;
    this.buffer = memory.buffer as ArrayBuffer;
  }

  /** An arena for `entries` float64 values in total, or undefined without WebAssembly SIMD or memory. */
  static create(entries: number): PathArena | undefined {
    const module = pathModule();
    if (module === null || entries * 8 + 1024 > MAX_PAGES * PAGE_BYTES) return undefined;
    try {
      return new PathArena(module, entries);
    } catch {
      return undefined;
    }
  }

  /** Room an allocation of n entries takes (with alignment). */
  static footprint(n: number): number {
    return n + (n % 2);
  }

  /** A zeroed view of n entries. */
  alloc(n: number): Float64Array {
    const view = new Float64Array(this.buffer, this.next, n);
    this.next += PathArena.footprint(n) * 8;
    return view;
  }

  /** Byte address of a view's first entry in the kernels' memory. */
  static address(view: Float64Array): number {
    return view.byteOffset;
  }
}
