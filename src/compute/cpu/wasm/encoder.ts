/**
 * A minimal WebAssembly binary encoder: enough of the format (types, one imported memory,
 * functions, exports) and of the instruction set (i32 control flow and arithmetic, f64 and
 * f64x2 SIMD loads, stores and arithmetic) to write Plateau's numeric kernels in TypeScript and
 * assemble them when the module loads. No binary is stored in the repository or downloaded: the
 * bytes come from the code generators in this folder (`gemm-module.ts`), so the kernels can be
 * read, reviewed and regenerated like any other source.
 *
 * Encoding reference: the WebAssembly core specification §5 (binary format), the fixed-width
 * SIMD proposal (opcodes after the 0xfd prefix) and the threads proposal (shared memory limits).
 */

/** Value types (§5.3.1). */
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValueType = typeof I32 | typeof F64 | typeof V128;

/** Unsigned LEB128 (§5.2.2). */
export function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer (§5.2.2). */
export function signedLeb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function utf8Name(name: string): number[] {
  const bytes = [...new TextEncoder().encode(name)];
  return [...unsignedLeb(bytes.length), ...bytes];
}

function vector(items: number[][]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()];
}

function section(id: number, payload: number[]): number[] {
  return [id, ...unsignedLeb(payload.length), ...payload];
}

/** A local variable or parameter index, typed for readability at the call sites. */
export type Local = number & { readonly __local?: unique symbol };

/**
 * The body of one function: parameters are locals 0…p−1; `local()` adds more. Each method
 * appends one instruction and returns `this`, so code reads in stack order:
 * `f.get(x).get(y).i32Add().set(z)` is `z = x + y`.
 */
export class FunctionBody {
  readonly params: ValueType[];
  readonly results: ValueType[];
  private readonly extraLocals: ValueType[] = [];
  private readonly code: number[] = [];

  constructor(params: ValueType[], results: ValueType[] = []) {
    this.params = params;
    this.results = results;
  }

  /** A fresh local of type `type`. */
  local(type: ValueType): Local {
    this.extraLocals.push(type);
    return (this.params.length + this.extraLocals.length - 1) as Local;
  }

  private op(...bytes: number[]): this {
    for (const b of bytes) this.code.push(b);
    return this;
  }

  private simd(opcode: number, ...immediates: number[]): this {
    return this.op(0xfd, ...unsignedLeb(opcode), ...immediates);
  }

  /** Memory immediate: alignment as log2 of bytes, and a constant byte offset. */
  private memarg(alignLog2: number, offset: number): number[] {
    return [...unsignedLeb(alignLog2), ...unsignedLeb(offset)];
  }

  get(x: Local): this {
    return this.op(0x20, ...unsignedLeb(x));
  }
  set(x: Local): this {
    return this.op(0x21, ...unsignedLeb(x));
  }
  tee(x: Local): this {
    return this.op(0x22, ...unsignedLeb(x));
  }
  i32(value: number): this {
    return this.op(0x41, ...signedLeb(value));
  }
  i32Add(): this {
    return this.op(0x6a);
  }
  i32Sub(): this {
    return this.op(0x6b);
  }
  i32Mul(): this {
    return this.op(0x6c);
  }
  i32LtU(): this {
    return this.op(0x49);
  }
  i32GeU(): this {
    return this.op(0x4f);
  }
  i32GtU(): this {
    return this.op(0x4b);
  }
  i32Eqz(): this {
    return this.op(0x45);
  }
  /** `select`: of the two values below the condition, the first if it is non-zero. */
  select(): this {
    return this.op(0x1b);
  }
  f64Const(value: number): this {
    return this.op(0x44, ...new Uint8Array(Float64Array.of(value).buffer));
  }
  f64Load(offset = 0): this {
    return this.op(0x2b, ...this.memarg(3, offset));
  }
  f64Store(offset = 0): this {
    return this.op(0x39, ...this.memarg(3, offset));
  }
  f64Add(): this {
    return this.op(0xa0);
  }
  f64Mul(): this {
    return this.op(0xa2);
  }
  f64Eq(): this {
    return this.op(0x61);
  }
  v128Load(offset = 0): this {
    return this.simd(0x00, ...this.memarg(3, offset));
  }
  v128Store(offset = 0): this {
    return this.simd(0x0b, ...this.memarg(3, offset));
  }
  /** Load one f64 and splat it to both lanes. */
  v128Load64Splat(offset = 0): this {
    return this.simd(0x0a, ...this.memarg(3, offset));
  }
  /** Both lanes zero. */
  v128Zero(): this {
    return this.simd(0x0c, ...new Array<number>(16).fill(0));
  }
  f64x2Splat(): this {
    return this.simd(0x14);
  }
  f64x2ExtractLane(lane: 0 | 1): this {
    return this.simd(0x21, lane);
  }
  f64x2Add(): this {
    return this.simd(0xf0);
  }
  f64x2Mul(): this {
    return this.simd(0xf2);
  }
  /** Relaxed SIMD a·b + c, fused where the hardware has FMA (opcode 0x107 of the proposal). */
  f64x2RelaxedMadd(): this {
    return this.simd(0x107);
  }

  /** `block … end`: `br 0` inside jumps past the end. */
  block(body: () => void): this {
    this.op(0x02, 0x40);
    body();
    return this.op(0x0b);
  }
  /** `loop … end`: `br 0` inside jumps back to the start. */
  loop(body: () => void): this {
    this.op(0x03, 0x40);
    body();
    return this.op(0x0b);
  }
  br(depth: number): this {
    return this.op(0x0c, ...unsignedLeb(depth));
  }
  brIf(depth: number): this {
    return this.op(0x0d, ...unsignedLeb(depth));
  }
  /** `if … else … end` on the i32 condition on the stack. */
  ifElse(then: () => void, otherwise?: () => void): this {
    this.op(0x04, 0x40);
    then();
    if (otherwise) {
      this.op(0x05);
      otherwise();
    }
    return this.op(0x0b);
  }
  /** Call the function with this index in the module (its position in `encodeModule`'s record). */
  call(index: number): this {
    return this.op(0x10, ...unsignedLeb(index));
  }

  /**
   * `for (i = start; i < end; i += step) body()` with i32 locals, as block+loop. `start` and
   * `end` are emitted by callbacks (constants or locals); the body must leave the stack as it was.
   */
  forRange(i: Local, start: () => void, end: () => void, step: number, body: () => void): this {
    start();
    this.set(i);
    return this.block(() => {
      this.get(i);
      end();
      this.i32GeU().brIf(0);
      this.loop(() => {
        body();
        this.get(i).i32(step).i32Add().tee(i);
        end();
        this.i32LtU().brIf(0);
      });
    });
  }

  /** The encoded body (§5.5.13): locals grouped by runs of one type, then the code and `end`. */
  encode(): number[] {
    const groups: number[][] = [];
    for (const type of this.extraLocals) {
      const last = groups.at(-1);
      if (last && last[1] === type) last[0]!++;
      else groups.push([1, type]);
    }
    const body = [...vector(groups.map(([count, type]) => [...unsignedLeb(count!), type!])), ...this.code, 0x0b];
    return [...unsignedLeb(body.length), ...body];
  }
}

export interface MemoryImport {
  module: string;
  name: string;
  /** Pages of 64 KiB. */
  initialPages: number;
  maximumPages: number;
  shared: boolean;
}

/** Assemble a module that imports one memory and exports the given functions by name. */
export function encodeModule(memory: MemoryImport, functions: Record<string, FunctionBody>): Uint8Array {
  const entries = Object.entries(functions);
  const types = entries.map(([, f]) => [0x60, ...vector(f.params.map((t) => [t])), ...vector(f.results.map((t) => [t]))]);
  const limits = [memory.shared ? 0x03 : 0x01, ...unsignedLeb(memory.initialPages), ...unsignedLeb(memory.maximumPages)];
  const imports = vector([[...utf8Name(memory.module), ...utf8Name(memory.name), 0x02, ...limits]]);
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(2, imports),
    ...section(3, vector(entries.map((_, i) => unsignedLeb(i)))),
    ...section(7, vector(entries.map(([name], i) => [...utf8Name(name), 0x00, ...unsignedLeb(i)]))),
    ...section(10, vector(entries.map(([, f]) => f.encode()))),
  ];
  return Uint8Array.from(bytes);
}
