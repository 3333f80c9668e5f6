/**
 * The Saxe validators at test size: each claim passes, and the numbers behind it are the ones the
 * paper and the digest lead us to expect.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/core/progress.ts';
import type { Validator } from '../../src/core/validator.ts';
import { validators } from '../../validators/index.ts';
import { saxe } from '../../theory/saxe/index.ts';

const reference = JSON.parse(readFileSync(new URL('../fixtures/saxe/reference.json', import.meta.url), 'utf8'));
const run = (v: Validator) => v.run({ seed: 1, progress: silentProgress, backend: 'cpu', size: 'test' });
const byId = (id: string) => validators.find((v) => v.id === id)!;

describe('Saxe validators (test size)', () => {
  it('every claim of the theory has a registered validator', () => {
    for (const c of saxe.claims) expect(byId(c.validator)?.claim).toBe(c.id);
  });

  it('euler-error: GD deviates from eq. 12 by O(λs), halving with λ; equal to the scalar map (Python)', async () => {
    const o = await run(byId('saxe-euler-error'));
    expect(o.passed).toBe(true);
    expect(o.simulation).toBeCloseTo(2, 1);
    const errors = o.details.errors as number[];
    reference.euler.runs.forEach((r: { error: number }, i: number) => expect(errors[i]).toBeCloseTo(r.error, 10));
  });

  it('hierarchy-delays: positive delays, growing for weak modes', async () => {
    const o = await run(byId('saxe-hierarchy-delays'));
    expect(o.passed).toBe(true);
    const delays = o.details.meanDelay as number[];
    expect(delays.every((d) => d > 0)).toBe(true);
    expect(delays.at(-1)!).toBeGreaterThan(3 * delays[0]!);
  });

  it('depth-by-init: orthogonal and decoupled flat, scaled Gaussian grows', async () => {
    const o = await run(byId('saxe-depth-by-init'));
    expect(o.passed).toBe(true);
    const g = o.details.growth as Record<string, number>;
    expect(g['scaled-gaussian']!).toBeGreaterThan(2 * g.orthogonal!);
  });

  it('optimal-rate: α_opt ∝ 1/λ̂₁, iterations bounded by eq. 44, matrix GD = scalar maps', async () => {
    const o = await run(byId('saxe-optimal-rate'));
    expect(o.passed).toBe(true);
    const table = o.details.table as Array<{ kappa: number; iterations: number; ceilingEq44: number }>;
    for (const r of table) {
      expect(r.kappa).toBeGreaterThan(1);
      expect(r.kappa).toBeLessThan(2);
    }
  });

  it('random-products: moduli follow r^{2/k}, orthogonal products stay on the circle', async () => {
    const o = await run(byId('saxe-random-products'));
    expect(o.passed).toBe(true);
    expect((o.simulation as number[])[1]).toBeCloseTo(0.4, 1);
  });
});
