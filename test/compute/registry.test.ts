import { afterEach, describe, expect, it } from 'vitest';
import { PlateauError } from '../../src/core/errors.ts';
import type { Backend } from '../../src/compute/backend.ts';
import { cpuKernels } from '../../src/compute/cpu/kernels.ts';
import type { Kernels } from '../../src/compute/kernels.ts';
import { activeBackend, kernels, registerBackend, registeredBackends, selectBackend } from '../../src/compute/registry.ts';

let fastMatmulCalls = 0;
const fast: Backend = {
  name: 'fast',
  priority: 10,
  precision: 'float64',
  init: () => Promise.resolve(true),
  kernels: {
    matmul: (...args: Parameters<Kernels['matmul']>) => {
      fastMatmulCalls++;
      cpuKernels.matmul(...args);
    },
  },
};
const absentGpu: Backend = {
  name: 'fakegpu',
  priority: 20,
  precision: 'float32',
  init: () => Promise.resolve(false),
  kernels: {},
};
const throwing: Backend = {
  name: 'wasm',
  priority: 30,
  precision: 'float64',
  init: () => Promise.reject(new Error('module not compiled')),
  kernels: {},
};
registerBackend(fast);
registerBackend(absentGpu);
registerBackend(throwing);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(PlateauError);
    return (e as PlateauError).code;
  }
  return 'no error';
}

describe('backend registry', () => {
  afterEach(() => {
    delete process.env.PLATEAU_BACKEND;
  });

  it('is the CPU backend before any selection, with complete kernels', () => {
    expect(activeBackend().name).toBe('cpu');
    expect(kernels()).toBe(kernels());
    expect(kernels().matvec).toBe(cpuKernels.matvec);
  });

  it('lists backends by priority', () => {
    // The built-in webgpu backend sits below the CPU: float32 is opt-in, never chosen automatically.
    expect(registeredBackends().map((b) => b.name)).toEqual(['wasm', 'fakegpu', 'fast', 'cpu', 'webgpu']);
  });

  it('picks the highest-priority backend whose init succeeds', async () => {
    const chosen = await selectBackend();
    expect(chosen.name).toBe('fast');
    expect(activeBackend()).toBe(fast);
  });

  it('falls back to the CPU kernel for a kernel the backend lacks', async () => {
    await selectBackend('fast');
    const k = kernels();
    const a = Float64Array.of(1, 2, 3, 4);
    const c = new Float64Array(4);
    k.matmul(2, 2, 2, a, a, c);
    expect(fastMatmulCalls).toBeGreaterThan(0);
    expect(Array.from(c)).toEqual([7, 10, 15, 22]);
    expect(k.gram).toBe(cpuKernels.gram);
    expect(k.reduce).toBe(cpuKernels.reduce);
  });

  it('refuses an unavailable GPU backend with NO_GPU instead of falling back', async () => {
    await selectBackend('cpu');
    expect(await codeOf(selectBackend('fakegpu'))).toBe('NO_GPU');
    expect(await codeOf(selectBackend('cuda'))).toBe('NO_GPU');
    expect(activeBackend().name).toBe('cpu');
  });

  it('refuses an unknown name with BAD_INPUT and lists the known ones', async () => {
    await expect(selectBackend('quantum')).rejects.toThrow(/registered backends: wasm, fakegpu, fast, cpu, webgpu/);
    expect(await codeOf(selectBackend('quantum'))).toBe('BAD_INPUT');
  });

  it('reports the reason when a requested backend throws in init', async () => {
    await expect(selectBackend('wasm')).rejects.toThrow(/module not compiled/);
  });

  it('reads PLATEAU_BACKEND as a request, and an explicit argument overrides it', async () => {
    process.env.PLATEAU_BACKEND = 'cpu';
    expect((await selectBackend()).name).toBe('cpu');
    process.env.PLATEAU_BACKEND = 'fakegpu';
    expect(await codeOf(selectBackend())).toBe('NO_GPU');
    expect((await selectBackend('fast')).name).toBe('fast');
    process.env.PLATEAU_BACKEND = '';
    expect((await selectBackend()).name).toBe('fast');
  });

  it('refuses a second backend with a taken name', () => {
    expect(() => registerBackend({ ...fast })).toThrow(/already registered/);
  });
});
