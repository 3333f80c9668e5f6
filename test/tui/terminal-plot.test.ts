import { describe, expect, it } from 'vitest';
import type { Figure } from '../../src/core/figure.ts';
import { runColumns, runFigure, suggestsLogY, thinFigure } from '../../src/plot/run-figure.ts';
import { figureToTerminal, terminalPlotText } from '../../src/plot/terminal.ts';

const t = Array.from({ length: 41 }, (_, i) => i / 10);
const theory = { t, u: t.map((x) => 2 / (1 + 199 * Math.exp(-4 * x))) };
const simulation = { t: t.filter((_, i) => i % 4 === 0), u: t.filter((_, i) => i % 4 === 0).map((x) => 2 / (1 + 199 * Math.exp(-4 * x))), uSe: t.filter((_, i) => i % 4 === 0).map(() => 0.1) };

describe('run figures', () => {
  it('pairs each quantity with its standard-error series', () => {
    const cols = runColumns({ t: [0, 1], loss: [1, 0.5], lossSe: [0.1, 0.1], other_se: [1, 1], other: [2, 2], scalar: 3 });
    expect(cols?.columns.map((c) => [c.name, Boolean(c.err)])).toEqual([['loss', true], ['other', true]]);
    expect(runColumns({ value: 3 })).toBeUndefined();
  });

  it('draws the theory a simulator carries (`u1Theory`) as the theory curve of u1', () => {
    const fig = runFigure({ id: 'r', title: 'u', simulate: { t: [0, 1], u1: [0, 1], u1Se: [0.1, 0.1], u1Theory: [0, 0.9] } });
    expect(fig.series.map((s) => [s.label, s.role, s.group])).toEqual([['u1 (theory)', 'theory', 'u1'], ['u1 (simulation)', 'simulation', 'u1']]);
  });

  it('draws theory as lines and simulation as markers with error bars', () => {
    const fig = runFigure({ id: 'r', title: 'u', solve: theory, simulate: simulation });
    expect(fig.series.map((s) => `${s.label}:${s.role}`)).toEqual(['u (theory):theory', 'u (simulation):simulation']);
    expect(fig.series[1]!.yErr).toHaveLength(11);
    expect(runFigure({ id: 'r', title: 'u', solve: theory, simulate: simulation, only: ['v'] }).series).toEqual([]);
  });

  it('suggests a log axis for values spanning decades and thins long series', () => {
    expect(suggestsLogY(runFigure({ id: 'r', title: 'u', solve: theory }))).toBe(true);
    const thin = thinFigure(runFigure({ id: 'r', title: 'u', solve: theory }), 5);
    expect(thin.series[0]!.x).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('terminal plots', () => {
  const fig: Figure = runFigure({ id: 'r', title: 'u', solve: theory, simulate: simulation });

  it('has a y axis with ticks, an x axis with labels, braille curves, markers and a legend', () => {
    const text = terminalPlotText(figureToTerminal(fig, { width: 60, height: 10 }));
    const lines = text.split('\n');
    expect(lines).toHaveLength(10 + 4);
    expect(lines[0]).toMatch(/^\s*2\.5 ┤/);
    expect(lines.some((l) => /^\s*0 ┤/.test(l))).toBe(true);
    expect(lines[10]).toMatch(/^\s+└┬─+┬/);
    expect(lines[11]).toMatch(/^\s+0\s+1\s+2\s+3\s+4$/);
    expect(lines[12]!.trim()).toBe('t');
    expect(lines[13]).toContain('── u (theory)');
    expect(lines[13]).toContain('•│ u (simulation) ± s.e.');
    expect(text).toMatch(/[\u2801-\u28ff]/);
    expect(text.match(/•/g)!.length).toBeGreaterThanOrEqual(11);
  });

  it('switches to log axes with decade ticks and skips points a log axis cannot show', () => {
    const log = terminalPlotText(figureToTerminal({ ...fig, logY: true }, { width: 60, height: 10 }));
    expect(log).toMatch(/0\.01 ┤/);
    expect(log).toContain('t · log u');
    const gap = terminalPlotText(figureToTerminal({ ...fig, logY: true, series: [{ label: 'z', role: 'theory', x: [0, 1, 2], y: [1, -1, NaN] }] }, { width: 40, height: 6 }));
    expect(gap).not.toMatch(/NaN/);
  });

  it('colours by quantity: a theory curve and its simulation share a colour', () => {
    const plot = figureToTerminal(fig, { width: 60, height: 10 });
    expect(new Set(plot.lines.flat().map((r) => r.color).filter(Boolean))).toEqual(new Set(['cyan']));
    const two = runFigure({ id: 'r', title: 'u', solve: { ...theory, v: theory.u.map((u) => u / 2) }, simulate: simulation });
    const colours = new Set(figureToTerminal(two, { width: 60, height: 10 }).lines.flat().map((r) => r.color).filter(Boolean));
    expect([...colours].sort()).toEqual(['cyan', 'red']);
  });

  it('wraps a long legend to the width', () => {
    const many = runFigure({ id: 'r', title: 'u', solve: Object.fromEntries([['t', t], ...['alpha', 'beta', 'gamma', 'delta', 'epsilon'].map((n) => [n, theory.u])]) });
    const lines = terminalPlotText(figureToTerminal(many, { width: 50, height: 6 })).split('\n');
    expect(lines.length).toBeGreaterThan(6 + 4);
    expect(lines.every((l) => [...l].length <= 50)).toBe(true);
  });
});
