/**
 * Figures in the terminal (see `core/figure.ts`): theory curves drawn with Unicode braille (2×4
 * dots per character cell), simulations as `•` markers with `│` error bars, axes with tick labels
 * from the same scales as the SVG writer (linear or log), and a legend. The output is lines of
 * coloured runs, so the TUI can colour them and tests can read the plain text.
 */
import type { Figure, FigureSeries } from '../core/figure.ts';
import { seriesColourIndex } from './svg.ts';
import { makeScale, tickLabel, type Scale } from './scale.ts';

/** Terminal colour names (as Ink's `<Text color>` takes them), one per series in turn. */
const TERMINAL_PALETTE = ['cyan', 'red', 'green', 'magenta', 'yellow', 'blue', 'white'] as const;

export interface TerminalRun {
  text: string;
  color?: string;
}

export interface TerminalPlot {
  lines: TerminalRun[][];
}

export interface TerminalPlotOptions {
  /** Total width in characters, tick labels included (default 72). */
  width?: number;
  /** Height of the plotting area in rows (default 12). */
  height?: number;
}

/** Bit of braille dot (dx, dy) in a cell: dots 1–3 and 7 in the left column, 4–6 and 8 in the right. */
const BRAILLE_BIT = [
  [0x01, 0x02, 0x04, 0x40],
  [0x08, 0x10, 0x20, 0x80],
] as const;

interface Canvas {
  cols: number;
  rows: number;
  bits: Uint8Array;
  /** Character drawn over the braille (markers, error bars), or '' for none. */
  glyph: string[];
  color: Int16Array;
}

function usable(x: number, y: number, fig: Figure): boolean {
  return Number.isFinite(x) && Number.isFinite(y) && (!fig.logX || x > 0) && (!fig.logY || y > 0);
}

/** Bresenham line between two dots, both inclusive. Cost O(length). */
function line(c: Canvas, x0: number, y0: number, x1: number, y1: number, k: number): void {
  const dx = Math.abs(x1 - x0);
  const dy = -Math.abs(y1 - y0);
  const sx = x0 < x1 ? 1 : -1;
  const sy = y0 < y1 ? 1 : -1;
  let err = dx + dy;
  for (;;) {
    dot(c, x0, y0, k);
    if (x0 === x1 && y0 === y1) return;
    const e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      x0 += sx;
    }
    if (e2 <= dx) {
      err += dx;
      y0 += sy;
    }
  }
}

function dot(c: Canvas, x: number, y: number, k: number): void {
  if (x < 0 || y < 0 || x >= c.cols * 2 || y >= c.rows * 4) return;
  const cell = Math.floor(y / 4) * c.cols + Math.floor(x / 2);
  c.bits[cell]! |= BRAILLE_BIT[x % 2]![y % 4]!;
  c.color[cell] = k;
}

function glyph(c: Canvas, col: number, row: number, ch: string, k: number, over: boolean): void {
  if (col < 0 || row < 0 || col >= c.cols || row >= c.rows) return;
  const cell = row * c.cols + col;
  if (!over && c.glyph[cell] === '•') return;
  c.glyph[cell] = ch;
  c.color[cell] = k;
}

function drawSeries(c: Canvas, s: FigureSeries, k: number, fig: Figure, sx: Scale, sy: Scale): void {
  const dotX = (x: number) => Math.round(sx.unit(x) * (c.cols * 2 - 1));
  const dotY = (y: number) => Math.round((1 - sy.unit(y)) * (c.rows * 4 - 1));
  if (s.role !== 'simulation') {
    let prev: [number, number] | undefined;
    s.x.forEach((x, i) => {
      const y = s.y[i]!;
      if (!usable(x, y, fig)) {
        prev = undefined;
        return;
      }
      const p: [number, number] = [dotX(x), dotY(y)];
      if (prev) line(c, prev[0], prev[1], p[0], p[1], k);
      else dot(c, p[0], p[1], k);
      prev = p;
    });
    return;
  }
  // Markers: at most one per three columns, so a dense simulation stays readable.
  const stride = Math.max(1, Math.ceil(s.x.length / Math.max(1, c.cols / 3)));
  s.x.forEach((x, i) => {
    const y = s.y[i]!;
    if ((i % stride !== 0 && i !== s.x.length - 1) || !usable(x, y, fig)) return;
    const col = Math.floor(dotX(x) / 2);
    const row = Math.floor(dotY(y) / 4);
    const e = s.yErr?.[i];
    if (e !== undefined && e > 0) {
      const lo = fig.logY ? Math.max(y - e, y * 1e-3) : y - e;
      const top = Math.floor(dotY(y + e) / 4);
      const bottom = Math.floor(dotY(lo) / 4);
      for (let r = top; r <= bottom; r++) if (r !== row) glyph(c, col, r, '│', k, false);
    }
    glyph(c, col, row, '•', k, true);
  });
}

function axisScale(values: number[], log: boolean, target: number): Scale {
  return makeScale(values, log, target);
}

/** Tick labels placed along the x axis without overlaps: the text of the label row. */
function xTickRow(sx: Scale, cols: number): string {
  const row = Array<string>(cols + 8).fill(' ');
  let freeFrom = 0;
  for (const t of sx.ticks) {
    const label = tickLabel(t, sx.log);
    const at = Math.round(sx.unit(t) * (cols - 1));
    const start = Math.max(0, Math.min(at - Math.floor(label.length / 2), cols + 8 - label.length));
    if (start < freeFrom) continue;
    for (let i = 0; i < label.length; i++) row[start + i] = label[i]!;
    freeFrom = start + label.length + 1;
  }
  return row.join('').trimEnd();
}

/** Draw a figure as coloured lines of text: the plot with its axes, then the x label and legend. */
export function figureToTerminal(fig: Figure, opts: TerminalPlotOptions = {}): TerminalPlot {
  const width = opts.width ?? 72;
  const rows = Math.max(3, opts.height ?? 12);
  const xs = fig.series.flatMap((s) => s.x);
  const ys = fig.series.flatMap((s) => s.y.flatMap((y, i) => (s.yErr ? [y - s.yErr[i]!, y + s.yErr[i]!] : [y])));
  const sy = axisScale(ys, Boolean(fig.logY), Math.max(2, Math.floor(rows / 3)));
  const yLabels = sy.ticks.map((t) => tickLabel(t, sy.log));
  const gutter = Math.max(...yLabels.map((l) => l.length)) + 1;
  const cols = Math.max(8, width - gutter - 1);
  const sx = axisScale(xs, Boolean(fig.logX), Math.max(2, Math.floor(cols / 12)));
  const colourOf = seriesColourIndex(fig);
  const canvas: Canvas = { cols, rows, bits: new Uint8Array(cols * rows), glyph: Array<string>(cols * rows).fill(''), color: new Int16Array(cols * rows).fill(-1) };
  // Theory and reference curves first, simulations on top.
  const order = fig.series.map((s, k) => ({ s, k })).sort((a, b) => Number(a.s.role === 'simulation') - Number(b.s.role === 'simulation'));
  for (const { s, k } of order) drawSeries(canvas, s, colourOf[k]!, fig, sx, sy);

  const tickRow = new Map<number, string>();
  sy.ticks.forEach((t, i) => tickRow.set(Math.round((1 - sy.unit(t)) * (rows - 1)), yLabels[i]!));
  const lines: TerminalRun[][] = [];
  for (let r = 0; r < rows; r++) {
    const label = tickRow.get(r);
    const runs: TerminalRun[] = [{ text: `${(label ?? '').padStart(gutter - 1)} ${label !== undefined ? '┤' : '│'}` }];
    for (let col = 0; col < cols; col++) {
      const cell = r * cols + col;
      const ch = canvas.glyph[cell] || (canvas.bits[cell] ? String.fromCharCode(0x2800 + canvas.bits[cell]!) : ' ');
      const k = canvas.color[cell]!;
      const color = k >= 0 ? TERMINAL_PALETTE[k % TERMINAL_PALETTE.length] : undefined;
      const last = runs.at(-1)!;
      if (last.color === color && runs.length > 1) last.text += ch;
      else runs.push(color ? { text: ch, color } : { text: ch });
    }
    lines.push(runs);
  }
  const axis = Array<string>(cols).fill('─');
  for (const t of sx.ticks) axis[Math.round(sx.unit(t) * (cols - 1))] = '┬';
  lines.push([{ text: `${' '.repeat(gutter)}└${axis.join('')}` }]);
  lines.push([{ text: `${' '.repeat(gutter + 1)}${xTickRow(sx, cols)}` }]);
  const scales = `${fig.logX ? 'log ' : ''}${fig.xLabel}${fig.logY ? ` · log ${fig.yLabel}` : ''}`;
  lines.push([{ text: `${' '.repeat(gutter + 1 + Math.max(0, Math.floor((cols - scales.length) / 2)))}${scales}` }]);
  // The legend wraps to the plot's width; entries are three spaces apart.
  const indent = ' '.repeat(gutter + 1);
  let legend: TerminalRun[] = [{ text: indent }];
  let used = indent.length;
  fig.series.forEach((s, k) => {
    const color = TERMINAL_PALETTE[colourOf[k]! % TERMINAL_PALETTE.length]!;
    const mark = s.role === 'simulation' ? (s.yErr ? '•│' : '•') : s.role === 'reference' ? '┄┄' : '──';
    const text = ` ${s.label}${s.role === 'simulation' && s.yErr ? ' ± s.e.' : ''}`;
    const first = used === indent.length;
    if (!first && used + 3 + mark.length + [...text].length > width) {
      lines.push(legend);
      legend = [{ text: indent }];
      used = indent.length;
    }
    const gap = used === indent.length ? '' : '   ';
    legend.push({ text: `${gap}${mark}`, color }, { text });
    used += gap.length + mark.length + [...text].length;
  });
  lines.push(legend);
  return { lines };
}

/** The plot as plain text (no colours), for tests, logs and text screenshots. */
export function terminalPlotText(plot: TerminalPlot): string {
  return plot.lines.map((runs) => runs.map((r) => r.text).join('').trimEnd()).join('\n');
}
