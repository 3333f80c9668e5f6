/**
 * WGSL validation without a GPU: every kernel of the WebGPU backend compiles and its compute
 * pipeline validates on Dawn's null backend (which validates and never executes). Runs in
 * `npm test` on every machine.
 */
import { expect, it } from 'vitest';
import { validateShaders } from '../../../src/compute/webgpu/device.ts';
import { SHADERS } from '../../../src/compute/webgpu/shaders.ts';

it('every WGSL kernel compiles and validates as a compute pipeline (Dawn null backend)', async () => {
  const result = await validateShaders();
  if (!result.ok) throw new Error(result.reason);
  expect(result.value.map((r) => r.name)).toEqual(Object.keys(SHADERS));
  for (const report of result.value) expect(report.errors, report.name).toEqual([]);
});

it('the validator reports WGSL errors with their position', async () => {
  const result = await validateShaders({
    unresolved: '@compute @workgroup_size(1) fn main() { let x: f32 = y; }',
    racy: '@group(0) @binding(0) var<storage, read> a: array<f32>; @compute @workgroup_size(1) fn main() { a[0] = 1.0; }',
  });
  if (!result.ok) throw new Error(result.reason);
  expect(result.value[0]!.errors.join()).toMatch(/1:\d+ unresolved value 'y'/);
  expect(result.value[1]!.errors.join()).toMatch(/read-only|cannot store|assign/i);
});
