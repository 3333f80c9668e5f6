import { describe, expect, it } from 'vitest';
import { geomspace, meanAndStandardError, meanSe } from '../../src/numeric/statistics.ts';

describe('summaries over seeds', () => {
  it('gives the pointwise mean and standard error, +∞ (never NaN) where a run diverged', () => {
    const { mean, se } = meanAndStandardError([[1, 2, 3], [3, 4, Infinity]]);
    expect(Array.from(mean)).toEqual([2, 3, Infinity]);
    expect(se[0]).toBeCloseTo(1, 15); // sd √2 over √2
    expect(se[2]).toBe(Infinity);
    expect(Array.from(meanAndStandardError([[5, 6]]).se)).toEqual([0, 0]);
  });

  it('summarises one sample with the n − 1 standard deviation', () => {
    expect(meanSe([1, 2, 3, 4])).toEqual({ mean: 2.5, sd: Math.sqrt(5 / 3), se: Math.sqrt(5 / 3) / 2 });
  });

  it('spaces points geometrically, both ends included', () => {
    const g = geomspace(1e-3, 10, 5);
    expect(g[0]).toBe(1e-3);
    expect(g[4]).toBeCloseTo(10, 12);
    expect(g[2]! / g[1]!).toBeCloseTo(10, 12);
  });
});
