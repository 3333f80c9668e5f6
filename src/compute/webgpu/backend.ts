/**
 * The WebGPU backend (optional, float32): `gdStep` runs on the GPU with the weights kept in device
 * buffers for the whole run; every other kernel falls back to the CPU backend (a synchronous
 * kernel cannot wait for the GPU in JavaScript, and a host round trip per call would cost more
 * than it saves). Available only when the `webgpu` package loads and `requestAdapter()` returns an
 * adapter. Its priority is below the CPU's: float32 results are opt-in, by `--backend webgpu` or
 * PLATEAU_BACKEND=webgpu (DESIGN.md §4), and automatic selection never probes the GPU.
 */
/// <reference types="@webgpu/types" />
import { PlateauError } from '../../core/errors.ts';
import type { Backend } from '../backend.ts';
import { ChainStepper } from '../linear-chain.ts';
import { GpuChainOps } from './chain-ops.ts';
import { acquireDevice } from './device.ts';

let device: GPUDevice | undefined;

export const webgpuBackend: Backend = {
  name: 'webgpu',
  priority: -10,
  precision: 'float32',
  async init() {
    const acquired = await acquireDevice();
    if (!acquired.ok) throw new Error(acquired.reason);
    device = acquired.value.device;
    return true;
  },
  kernels: {
    gdStep(spec, weights) {
      if (!device) throw new PlateauError('NO_GPU', 'the webgpu backend is not initialised: select it with --backend webgpu first', {});
      return new ChainStepper(new GpuChainOps(device), spec, weights);
    },
  },
};
