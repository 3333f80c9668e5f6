/**
 * Screen content as data: a line is a list of styled spans. Every panel's view model returns lines,
 * the `<Lines>` component draws them, the plain summary and tests read their text, and scrolling is
 * a window over them.
 */
export interface Span {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
}

export type Line = Span[];

export type Style = Omit<Span, 'text'>;

export function line(text: string, style: Style = {}): Line {
  return [{ text, ...style }];
}

function lineText(l: Line): string {
  return l.map((s) => s.text).join('');
}

export function linesText(lines: readonly Line[]): string {
  return lines.map((l) => lineText(l).trimEnd()).join('\n');
}

/** Greedy word wrap to `width` columns; words longer than the width are cut. */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let cur = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let w = word;
      while ([...w].length > width) {
        if (cur) out.push(cur);
        cur = '';
        out.push([...w].slice(0, width).join(''));
        w = [...w].slice(width).join('');
      }
      if (!cur) cur = w;
      else if ([...cur].length + 1 + [...w].length <= width) cur += ` ${w}`;
      else {
        out.push(cur);
        cur = w;
      }
    }
    out.push(cur);
  }
  return out;
}

export interface LineWindow {
  lines: Line[];
  /** The offset actually used (clamped). */
  offset: number;
  above: number;
  below: number;
}

/** `height` lines from `offset` (clamped so the window is full when it can be). */
export function windowLines(lines: readonly Line[], offset: number, height: number): LineWindow {
  const h = Math.max(1, height);
  const start = Math.max(0, Math.min(offset, lines.length - h));
  const shown = lines.slice(start, start + h);
  return { lines: shown, offset: start, above: start, below: Math.max(0, lines.length - start - shown.length) };
}

/** The window that keeps line `focus` visible, scrolling as little as possible from `offset`. */
export function followFocus(offset: number, focus: number, height: number): number {
  if (focus < offset) return focus;
  if (focus >= offset + height) return focus - height + 1;
  return offset;
}
