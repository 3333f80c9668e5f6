/**
 * Axis scales and tick choice shared by every plot renderer (SVG files and terminal plots).
 */
export interface Scale {
  min: number;
  max: number;
  log: boolean;
  /** Map a data value to [0, 1] along the axis. */
  unit(x: number): number;
  ticks: number[];
}

/** "Nice" tick step for a span: 1, 2 or 5 × 10ᵏ giving about `target` ticks. */
function niceStep(span: number, target: number): number {
  const raw = span / Math.max(1, target);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  return (norm < 1.5 ? 1 : norm < 3.5 ? 2 : norm < 7.5 ? 5 : 10) * mag;
}

/**
 * A scale covering `values` (non-finite values ignored; on a log axis, non-positive ones too).
 * Linear axes are padded to nice tick multiples; log axes span whole decades when they can.
 */
export function makeScale(values: readonly number[], log: boolean, target = 5): Scale {
  const usable = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  let min = usable.length ? Math.min(...usable) : 0;
  let max = usable.length ? Math.max(...usable) : 1;
  if (log) {
    if (!usable.length) [min, max] = [1, 10];
    let lo = Math.floor(Math.log10(min));
    let hi = Math.ceil(Math.log10(max));
    if (hi === lo) hi = lo + 1;
    const decades = hi - lo;
    const every = Math.max(1, Math.ceil(decades / target));
    lo = Math.floor(lo / every) * every;
    const ticks: number[] = [];
    for (let k = lo; k <= hi; k += every) ticks.push(10 ** k);
    const [a, b] = [10 ** lo, 10 ** hi];
    return { min: a, max: b, log, ticks, unit: (x) => (Math.log10(x) - lo) / (hi - lo) };
  }
  if (max === min) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const step = niceStep(max - min, target);
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return { min: lo, max: hi, log, ticks, unit: (x) => (x - lo) / (hi - lo) };
}

/** Tick label: compact, powers of ten on log axes. */
export function tickLabel(v: number, log: boolean): string {
  if (log) {
    const k = Math.round(Math.log10(v));
    return k >= -2 && k <= 3 ? String(10 ** k >= 1 ? 10 ** k : Number((10 ** k).toPrecision(1))) : `1e${k}`;
  }
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e5 ? String(Number(v.toPrecision(4))) : v.toExponential(1);
}
