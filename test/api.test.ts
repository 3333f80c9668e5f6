/**
 * The public API of src/index.ts, including the example of its doc comment (docs are executed).
 */
import { describe, expect, it } from 'vitest';
import { executeRunner, findTheory, resolveParams, silentProgress, symbolic } from '../src/index.ts';

describe('public API', () => {
  it('runs the example of the doc comment: solve saxe through the run store', async () => {
    const saxe = findTheory('saxe');
    const params = resolveParams(saxe.params, { s: 2, u0: 1e-3, tau: 1 }, 'saxe');
    const { result } = await executeRunner(saxe, 'solve', params, { 't-end': 10 }, { seed: 1, progress: silentProgress, backend: 'cpu' });
    expect(result.value.learningTime).toBeCloseTo(2.63634, 4);
    expect(result.kind).toBe('numeric');
    expect((result.value.t as number[]).length).toBe((result.value.u as number[]).length);
  });

  it('exposes the symbolic layer as one namespace', () => {
    expect(symbolic.parse('tau*diff(u,t) - 2*u*(s-u)').unicode()).toBe('τu̇ − 2u(s − u)');
  });
});
