/**
 * Figures (as data) and the tour section of the Saxe theory.
 */
import { describe, expect, it } from 'vitest';
import { silentProgress } from '../../../src/core/progress.ts';
import { saxe } from '../../../theory/saxe/index.ts';

const ctx = { seed: 1, progress: silentProgress, backend: 'cpu', size: 'test' as const };

describe('figures', () => {
  it('declares Fig. 3, Fig. 4, Fig. 6A, Fig. 6B/C and GD vs eq. 12', () => {
    expect(Object.keys(saxe.figures!)).toEqual(['fig3', 'fig4', 'fig6a', 'fig6bc', 'gd-vs-eq12']);
  });

  it('Fig. 4: iterations below the eq. 44 ceiling and optimal rates next to 1/λ̂₁, on valid log axes', async () => {
    const [iterations, rates] = await saxe.figures!.fig4!.build(ctx);
    const [sim, ceiling] = iterations!.series;
    sim!.y.forEach((n, i) => expect(n).toBeLessThanOrEqual(ceiling!.y[i]!));
    for (const s of rates!.series) expect(s.y.every((y) => y > 0)).toBe(true);
    const ratio = rates!.series[0]!.y.map((y, i) => y / rates!.series[1]!.y[i]!);
    expect(Math.min(...ratio)).toBeGreaterThan(1);
    expect(Math.max(...ratio)).toBeLessThan(2);
  });

  it('Fig. 6B/C: one theory line and one simulated CDF per k, CDFs within [0, 1]', async () => {
    const [cdf] = await saxe.figures!.fig6bc!.build(ctx);
    expect(cdf!.series.map((s) => s.role)).toEqual(['theory', 'simulation', 'theory', 'simulation']);
    for (const s of cdf!.series) {
      expect(s.x).toHaveLength(s.y.length);
      expect(s.y.every((y) => y >= 0 && y <= 1)).toBe(true);
    }
  });
});

describe('tour', () => {
  it('shows a derivation with its check, a solve and a validator verdict', async () => {
    const lines = await saxe.tour!(ctx);
    const text = lines.join('\n');
    expect(text).toMatch(/eq\. 11/);
    expect(text).toMatch(/✓/);
    expect(text).toMatch(/learning time to uf = 1\.9 is 2\.636/);
    expect(text).toMatch(/saxe-euler-error.*passed/);
  });
});
