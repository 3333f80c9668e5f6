/**
 * `ChainOps` on WebGPU buffers (float32): what `gdStep` runs on the WebGPU backend. Operations are
 * encoded as compute dispatches into one pass and submitted in batches; nothing comes back to the
 * host until `read` or `endRecord`, so a run of many steps costs one round trip.
 *
 * Products are routed by shape: k = 1 with β = 1 (a rank-one update) to `rank1`, a single row or
 * column (matrix–vector) to `matvec`, everything else to the tiled `matmul`. Uniform blocks and
 * bind groups are cached per call position within a step (the chain issues the same sequence of
 * operations every step), so steady-state steps allocate nothing.
 */
/// <reference types="@webgpu/types" />
import type { MatmulOptions } from '../kernels.ts';
import type { ChainOps } from '../linear-chain.ts';
import { SHADERS, type ShaderName } from './shaders.ts';

/** Steps encoded per submitted command buffer. */
const STEPS_PER_SUBMIT = 32;

interface Dispatch {
  key: string;
  uniform?: GPUBuffer;
  group: GPUBindGroup;
}

export class GpuChainOps implements ChainOps<GPUBuffer> {
  readonly backend = 'webgpu';
  readonly precision = 'float32' as const;
  private readonly device: GPUDevice;
  private readonly pipelines = new Map<ShaderName, GPUComputePipeline>();
  private readonly cache: Dispatch[] = [];
  private position = 0;
  private encoder: GPUCommandEncoder | undefined;
  private pass: GPUComputePassEncoder | undefined;
  private stepsEncoded = 0;
  private readonly counter: GPUBuffer;
  private records: GPUBuffer | undefined;
  private recordLength = 0;
  private slots = 0;

  constructor(device: GPUDevice) {
    this.device = device;
    this.counter = device.createBuffer({ size: 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
  }

  private pipeline(name: ShaderName): GPUComputePipeline {
    let p = this.pipelines.get(name);
    if (!p) {
      p = this.device.createComputePipeline({ layout: 'auto', compute: { module: this.device.createShaderModule({ code: SHADERS[name], label: name }), entryPoint: 'main' } });
      this.pipelines.set(name, p);
    }
    return p;
  }

  private computePass(): GPUComputePassEncoder {
    if (!this.pass) {
      this.encoder = this.device.createCommandEncoder();
      this.pass = this.encoder.beginComputePass();
    }
    return this.pass;
  }

  /** Submit what is encoded. */
  private flush(): void {
    if (!this.pass) return;
    this.pass.end();
    this.device.queue.submit([this.encoder!.finish()]);
    this.pass = undefined;
    this.encoder = undefined;
  }

  /**
   * Encode one dispatch of `shader` with a uniform block of 8 words (u32 then f32 by position) and
   * the given storage buffers; reuses the cached uniform and bind group at this call position.
   */
  private dispatch(shader: ShaderName, words: Array<['u32' | 'f32', number]> | undefined, buffers: GPUBuffer[], groups: [number, number]): void {
    const ids = buffers.map((b) => bufferId(b)).join(',');
    const key = `${shader}|${ids}|${words?.map(([, v]) => v).join(',') ?? ''}`;
    let entry = this.cache[this.position];
    if (!entry || entry.key !== key) {
      const pipeline = this.pipeline(shader);
      let uniform: GPUBuffer | undefined;
      if (words) {
        const data = new ArrayBuffer(32);
        const u = new Uint32Array(data);
        const f = new Float32Array(data);
        words.forEach(([type, v], i) => (type === 'u32' ? (u[i] = v) : (f[i] = v)));
        uniform = this.device.createBuffer({ size: 32, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
        this.device.queue.writeBuffer(uniform, 0, data);
      }
      const entries: GPUBindGroupEntry[] = [...(uniform ? [uniform] : []), ...buffers].map((buffer, binding) => ({ binding, resource: { buffer } }));
      entry = { key, uniform, group: this.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries }) };
      // The replaced entry may still be referenced by encoded commands: left to the collector.
      this.cache[this.position] = entry;
    }
    this.position++;
    const pass = this.computePass();
    pass.setPipeline(this.pipeline(shader));
    pass.setBindGroup(0, entry.group);
    pass.dispatchWorkgroups(groups[0], groups[1]);
  }

  alloc(length: number): GPUBuffer {
    const buffer = this.device.createBuffer({ size: Math.max(4, length * 4), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC });
    ids.set(buffer, nextId++);
    return buffer;
  }

  write(buffer: GPUBuffer, data: Float64Array): void {
    this.flush();
    this.device.queue.writeBuffer(buffer, 0, Float32Array.from(data));
  }

  async read(buffer: GPUBuffer, length: number): Promise<Float64Array> {
    this.computePass();
    this.pass!.end();
    this.pass = undefined;
    const staging = this.device.createBuffer({ size: Math.max(4, length * 4), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    this.encoder!.copyBufferToBuffer(buffer, 0, staging, 0, length * 4);
    this.device.queue.submit([this.encoder!.finish()]);
    this.encoder = undefined;
    await staging.mapAsync(GPUMapMode.READ);
    const out = Float64Array.from(new Float32Array(staging.getMappedRange(), 0, length));
    staging.unmap();
    staging.destroy();
    return out;
  }

  matmul(m: number, n: number, k: number, a: GPUBuffer, b: GPUBuffer, c: GPUBuffer, opts: MatmulOptions): void {
    const { transA = false, transB = false, alpha = 1, beta = 0 } = opts;
    if (k === 1 && beta === 1) {
      // A m×1 and B 1×n have the same memory transposed or not: C += α·a·bᵀ.
      this.dispatch('rank1', [['u32', m], ['u32', n], ['u32', 0], ['u32', 0], ['f32', alpha]], [a, b, c], [Math.ceil(n / 16), Math.ceil(m / 16)]);
    } else if (m === 1) {
      // Row vector times op(B): y = op(B)ᵀ a, B stored k×n (trans) or n×k.
      const [rows, cols, trans] = transB ? [n, k, 0] : [k, n, 1];
      this.dispatch('matvec', [['u32', rows], ['u32', cols], ['u32', trans], ['u32', 0], ['f32', alpha], ['f32', beta]], [b, a, c], [Math.ceil(n / 64), 1]);
    } else if (n === 1) {
      // op(A) times a column vector: A stored m×k or k×m (trans).
      const [rows, cols, trans] = transA ? [k, m, 1] : [m, k, 0];
      this.dispatch('matvec', [['u32', rows], ['u32', cols], ['u32', trans], ['u32', 0], ['f32', alpha], ['f32', beta]], [a, b, c], [Math.ceil(m / 64), 1]);
    } else {
      const words: Array<['u32' | 'f32', number]> = [['u32', m], ['u32', n], ['u32', k], ['u32', transA ? 1 : 0], ['u32', transB ? 1 : 0], ['f32', alpha], ['f32', beta]];
      this.dispatch('matmul', words, [a, b, c], [Math.ceil(n / 16), Math.ceil(m / 16)]);
    }
  }

  axpby(length: number, alpha: number, x: GPUBuffer, beta: number, y: GPUBuffer): void {
    this.dispatch('axpby', [['u32', length], ['u32', 0], ['f32', alpha], ['f32', beta]], [x, y], [Math.min(65535, Math.ceil(length / 256)), 1]);
  }

  addDiagonal(n: number, alpha: number, a: GPUBuffer): void {
    this.dispatch('diagonal', [['u32', n], ['u32', 0], ['f32', alpha]], [a], [Math.ceil(n / 64), 1]);
  }

  beginRecord(steps: number, slots: number): void {
    const length = Math.max(1, steps * slots);
    if (!this.records || this.recordLength < length) {
      this.records?.destroy();
      this.records = this.alloc(length);
      this.recordLength = length;
    }
    this.flush();
    this.device.queue.writeBuffer(this.counter, 0, new Uint32Array([0]));
    this.slots = slots;
    this.position = 0;
    this.stepsEncoded = 0;
  }

  record(slot: number, op: 'dot' | 'sqdist', length: number, x: GPUBuffer, y: GPUBuffer): void {
    this.dispatch('reduce', [['u32', length], ['u32', op === 'dot' ? 0 : 1], ['u32', slot], ['u32', this.slots]], [x, y, this.records!, this.counter], [1, 1]);
  }

  endStep(): void {
    this.dispatch('advance', undefined, [this.counter], [1, 1]);
    this.position = 0;
    if (++this.stepsEncoded % STEPS_PER_SUBMIT === 0) this.flush();
  }

  async endRecord(): Promise<Float64Array> {
    return this.read(this.records!, this.stepsEncoded * this.slots);
  }

  free(buffer: GPUBuffer): void {
    buffer.destroy();
  }
}

const ids = new WeakMap<GPUBuffer, number>();
let nextId = 1;
function bufferId(b: GPUBuffer): number {
  let id = ids.get(b);
  if (id === undefined) {
    id = nextId++;
    ids.set(b, id);
  }
  return id;
}
