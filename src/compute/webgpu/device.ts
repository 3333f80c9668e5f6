/**
 * Access to WebGPU in Node through the optional `webgpu` package (Dawn): imported dynamically, so
 * Plateau loads and runs without it; every failure becomes a reason a person can act on.
 *
 * WGSL validation needs no GPU: Dawn's null backend (`backend=null`) gives an adapter that
 * compiles and validates shaders and pipelines without executing anything, so `validateShaders`
 * runs in `npm test` on every machine.
 */
/// <reference types="@webgpu/types" />
import { SHADERS } from './shaders.ts';

interface DawnModule {
  create(options: string[]): GPU;
  globals: Record<string, unknown>;
}

export type Acquired<T> = { ok: true; value: T } | { ok: false; reason: string };

let dawn: Promise<Acquired<DawnModule>> | undefined;

/** The `webgpu` package, with its globals (GPUBufferUsage, …) installed once. */
function loadDawn(): Promise<Acquired<DawnModule>> {
  dawn ??= import('webgpu').then(
    (mod: unknown) => {
      const m = mod as DawnModule;
      for (const [name, value] of Object.entries(m.globals)) if (!(name in globalThis)) Object.assign(globalThis, { [name]: value });
      return { ok: true as const, value: m };
    },
    (e: unknown) => ({ ok: false as const, reason: `the optional package 'webgpu' could not be loaded (${e instanceof Error ? e.message : String(e)}); npm install webgpu` }),
  );
  return dawn;
}

/** The limits we raise to the adapter's maximum: large weight matrices need big storage buffers. */
const RAISED_LIMITS = ['maxStorageBufferBindingSize', 'maxBufferSize'] as const;

async function deviceOf(adapter: GPUAdapter): Promise<GPUDevice> {
  const requiredLimits: Record<string, number> = {};
  for (const name of RAISED_LIMITS) requiredLimits[name] = adapter.limits[name];
  return adapter.requestDevice({ requiredLimits });
}

let hardware: Promise<Acquired<{ adapter: GPUAdapter; device: GPUDevice; description: string }>> | undefined;

/**
 * A device on a real (or software Vulkan) adapter, acquired once. Fails with the reason when the
 * package is missing or `requestAdapter()` returns none.
 */
export function acquireDevice(): Promise<Acquired<{ adapter: GPUAdapter; device: GPUDevice; description: string }>> {
  hardware ??= (async () => {
    const mod = await loadDawn();
    if (!mod.ok) return mod;
    const adapter = await mod.value.create([]).requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) {
      return {
        ok: false as const,
        reason: 'requestAdapter() found no GPU adapter (no Vulkan/Metal/D3D12 driver; for a software adapter see docs/guides/gpu.md: SwiftShader via VK_ICD_FILENAMES)',
      };
    }
    const device = await deviceOf(adapter);
    const info = adapter.info;
    return { ok: true as const, value: { adapter, device, description: [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown adapter' } };
  })().catch((e: unknown) => ({ ok: false as const, reason: `WebGPU initialisation failed: ${e instanceof Error ? e.message : String(e)}` }));
  return hardware;
}

export interface ShaderReport {
  name: string;
  /** Compilation and pipeline-validation errors; empty when the shader is valid. */
  errors: string[];
}

/**
 * Compile and validate WGSL sources (default: all of Plateau's) on Dawn's null backend: the WGSL
 * front end and pipeline validation run in full, nothing executes. Works without a GPU.
 */
export async function validateShaders(sources: Readonly<Record<string, string>> = SHADERS): Promise<Acquired<ShaderReport[]>> {
  const mod = await loadDawn();
  if (!mod.ok) return mod;
  const adapter = await mod.value.create(['backend=null']).requestAdapter();
  if (!adapter) return { ok: false, reason: "Dawn's null backend gave no adapter" };
  const device = await adapter.requestDevice();
  const reports: ShaderReport[] = [];
  for (const [name, code] of Object.entries(sources)) {
    device.pushErrorScope('validation');
    const module = device.createShaderModule({ code, label: name });
    const info = await module.getCompilationInfo();
    const errors = info.messages.filter((m) => m.type === 'error').map((m) => `${m.lineNum}:${m.linePos} ${m.message}`);
    if (errors.length === 0) device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' }, label: name });
    const scoped = await device.popErrorScope();
    if (scoped && errors.length === 0) errors.push(scoped.message.split('\n')[0]!);
    reports.push({ name, errors });
  }
  device.destroy();
  return { ok: true, value: reports };
}
