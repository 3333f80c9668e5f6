import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.ts';

describe('seeded generator (xoshiro128** + Box–Muller)', () => {
  it('is deterministic per seed and differs across seeds and derived streams', () => {
    const a = new Rng(42).fillNormal(new Float64Array(8));
    const b = new Rng(42).fillNormal(new Float64Array(8));
    const c = new Rng(43).fillNormal(new Float64Array(8));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    expect(Rng.derive(1, 'weights').uniform()).not.toBe(Rng.derive(1, 'data').uniform());
  });

  it('has uniform and normal moments within sampling error', () => {
    const rng = new Rng(3);
    const n = 200_000;
    let su = 0;
    let sz = 0;
    let sz2 = 0;
    let sz4 = 0;
    for (let i = 0; i < n; i++) {
      su += rng.uniform();
      const z = rng.normal();
      sz += z;
      sz2 += z * z;
      sz4 += z ** 4;
    }
    expect(Math.abs(su / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sz / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(sz2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(sz4 / n - 3)).toBeLessThan(4 * Math.sqrt(96 / n));
  });

  it('gives uniforms in [0, 1) with 53-bit resolution', () => {
    const rng = new Rng(9);
    for (let i = 0; i < 10_000; i++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      expect(Number.isInteger(u * 2 ** 53)).toBe(true);
    }
  });
});
