/**
 * A small SVG writer for figures (see `core/figure.ts`): axes with ticks (linear or log), theory
 * curves as lines, simulations as markers with error bars, a legend. Self-contained SVG (no fonts
 * or scripts fetched), for `--out`, `plateau reproduce` and the generated docs.
 */
import type { Figure } from '../core/figure.ts';
import { makeScale, tickLabel } from './scale.ts';

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];

/** Colour of each series: by group where series have one (theory and simulation of one quantity match), else by position. */
export function seriesColourIndex(fig: Figure): number[] {
  const groups: string[] = [];
  return fig.series.map((s, k) => {
    if (s.group === undefined) return k;
    if (!groups.includes(s.group)) groups.push(s.group);
    return groups.indexOf(s.group);
  });
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface SvgOptions {
  width?: number;
  height?: number;
}

export function figureToSvg(fig: Figure, opts: SvgOptions = {}): string {
  const W = opts.width ?? 640;
  const H = opts.height ?? 420;
  const m = { left: 70, right: 20, top: 36, bottom: 56 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const xs = fig.series.flatMap((s) => s.x);
  const ys = fig.series.flatMap((s) => s.y.flatMap((y, i) => (s.yErr ? [y - s.yErr[i]!, y + s.yErr[i]!] : [y])));
  const sx = makeScale(xs, Boolean(fig.logX));
  const sy = makeScale(ys, Boolean(fig.logY));
  const X = (x: number) => m.left + sx.unit(x) * pw;
  const Y = (y: number) => m.top + (1 - sy.unit(y)) * ph;
  const ok = (x: number, y: number) => Number.isFinite(x) && Number.isFinite(y) && (!fig.logX || x > 0) && (!fig.logY || y > 0);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${esc(fig.title)}</text>`,
    `<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`,
  ];
  for (const t of sx.ticks) {
    const x = X(t);
    out.push(`<line x1="${x}" y1="${m.top + ph}" x2="${x}" y2="${m.top + ph + 5}" stroke="#333"/>`, `<line x1="${x}" y1="${m.top}" x2="${x}" y2="${m.top + ph}" stroke="#eee"/>`);
    out.push(`<text x="${x}" y="${m.top + ph + 18}" text-anchor="middle">${esc(tickLabel(t, sx.log))}</text>`);
  }
  for (const t of sy.ticks) {
    const y = Y(t);
    out.push(`<line x1="${m.left - 5}" y1="${y}" x2="${m.left}" y2="${y}" stroke="#333"/>`, `<line x1="${m.left}" y1="${y}" x2="${m.left + pw}" y2="${y}" stroke="#eee"/>`);
    out.push(`<text x="${m.left - 8}" y="${y + 4}" text-anchor="end">${esc(tickLabel(t, sy.log))}</text>`);
  }
  out.push(`<text x="${m.left + pw / 2}" y="${H - 14}" text-anchor="middle">${esc(fig.xLabel)}</text>`);
  out.push(`<text transform="translate(16 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(fig.yLabel)}</text>`);
  const colourOf = seriesColourIndex(fig);
  fig.series.forEach((s, k) => {
    const color = PALETTE[colourOf[k]! % PALETTE.length]!;
    if (s.role === 'simulation') {
      s.x.forEach((x, i) => {
        const y = s.y[i]!;
        if (!ok(x, y)) return;
        const e = s.yErr?.[i];
        if (e !== undefined && e > 0) {
          const lo = fig.logY ? Math.max(y - e, y * 1e-3) : y - e;
          out.push(`<line x1="${X(x)}" y1="${Y(lo)}" x2="${X(x)}" y2="${Y(y + e)}" stroke="${color}"/>`);
        }
        out.push(`<circle cx="${X(x)}" cy="${Y(y)}" r="2.6" fill="${color}"/>`);
      });
    } else {
      const segments: string[][] = [[]];
      s.x.forEach((x, i) => {
        if (ok(x, s.y[i]!)) segments.at(-1)!.push(`${X(x).toFixed(2)},${Y(s.y[i]!).toFixed(2)}`);
        else if (segments.at(-1)!.length) segments.push([]);
      });
      const dash = s.role === 'reference' ? ' stroke-dasharray="5 4"' : '';
      for (const seg of segments) if (seg.length > 1) out.push(`<polyline points="${seg.join(' ')}" fill="none" stroke="${color}" stroke-width="1.8"${dash}/>`);
    }
  });
  const legendX = m.left + pw - 8;
  // A light box behind the legend keeps it readable where it covers the data.
  const legendWidth = Math.max(0, ...fig.series.map((s) => s.label.length)) * 6.6 + 34;
  if (fig.series.length) out.push(`<rect x="${(legendX - legendWidth).toFixed(1)}" y="${m.top + 2}" width="${(legendWidth + 4).toFixed(1)}" height="${fig.series.length * 16 + 4}" fill="white" fill-opacity="0.85" stroke="#ddd"/>`);
  fig.series.forEach((s, k) => {
    const color = PALETTE[colourOf[k]! % PALETTE.length]!;
    const y = m.top + 14 + k * 16;
    const mark = s.role === 'simulation'
      ? `<circle cx="${legendX - 10}" cy="${y - 4}" r="3" fill="${color}"/>`
      : `<line x1="${legendX - 20}" y1="${y - 4}" x2="${legendX}" y2="${y - 4}" stroke="${color}" stroke-width="2"${s.role === 'reference' ? ' stroke-dasharray="5 4"' : ''}/>`;
    out.push(mark, `<text x="${legendX - 26}" y="${y}" text-anchor="end">${esc(s.label)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** A figure as a long-format CSV table: series, role, x, y, yErr. */
export function figureToCsv(fig: Figure): string {
  const lines = ['series,role,x,y,yErr'];
  for (const s of fig.series) {
    s.x.forEach((x, i) => lines.push(`"${s.label.replace(/"/g, '""')}",${s.role},${x},${s.y[i]},${s.yErr?.[i] ?? ''}`));
  }
  return `${lines.join('\n')}\n`;
}
