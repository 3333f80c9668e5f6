import { describe, expect, it } from 'vitest';
import type { Figure } from '../../src/core/figure.ts';
import { makeScale } from '../../src/plot/scale.ts';
import { figureToCsv, figureToSvg } from '../../src/plot/svg.ts';

const fig: Figure = {
  id: 'demo',
  title: 'Loss <vs> time',
  xLabel: 't',
  yLabel: 'loss',
  logY: true,
  series: [
    { label: 'theory', role: 'theory', x: [0, 1, 2, 3], y: [1, 0.5, 0.2, 0.1] },
    { label: 'simulation', role: 'simulation', x: [0, 1, 2, 3], y: [1.02, 0.48, 0.21, 0.09], yErr: [0.01, 0.02, 0.01, 0.01] },
    { label: 'diverged', role: 'theory', x: [0, 1, 2], y: [1, NaN, 0.3] },
  ],
};

describe('figure writers', () => {
  it('picks nice linear ticks and whole decades on log axes', () => {
    expect(makeScale([0.13, 9.7], false).ticks).toEqual([0, 2, 4, 6, 8, 10]);
    const log = makeScale([0.003, 42], true);
    expect(log.ticks).toEqual([1e-3, 1e-2, 1e-1, 1, 10, 100]);
    expect(log.unit(1)).toBeCloseTo(0.6, 12);
  });

  it('writes well-formed SVG with escaped text, markers, error bars and gaps at non-finite points', () => {
    const svg = figureToSvg(fig);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Loss &lt;vs&gt; time');
    expect(svg.match(/<circle/g)!.length).toBe(4 + 1); // four points + one legend marker
    expect(svg.match(/<polyline/g)!.length).toBe(1); // the NaN splits 'diverged' into single points
    expect(svg).not.toMatch(/NaN/);
  });

  it('writes a long-format CSV', () => {
    const csv = figureToCsv(fig).trim().split('\n');
    expect(csv[0]).toBe('series,role,x,y,yErr');
    expect(csv).toHaveLength(1 + 4 + 4 + 3);
    expect(csv[5]).toBe('"simulation",simulation,0,1.02,0.01');
  });
});
