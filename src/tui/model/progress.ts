/**
 * Progress in the TUI: a `Progress` (the interface every long computation reports to) that keeps
 * the current phase as plain data and hands it to the UI at a bounded rate, and the text of the bar.
 */
import type { Progress } from '../../core/progress.ts';

export interface ProgressView {
  label: string;
  done: number;
  /** 0 when the amount of work is unknown. */
  total: number;
  note?: string;
  /** Milliseconds since the phase began. */
  elapsedMs: number;
  finished: boolean;
}

/**
 * A Progress that reports a `ProgressView` to `onChange`: at once on start and finish, and at most
 * every `intervalMs` in between (a runner may call `update` thousands of times a second). An update
 * held back is delivered when the interval ends, so the bar never lags behind a runner that pauses.
 */
export function uiProgress(onChange: (view: ProgressView) => void, intervalMs = 80, now: () => number = Date.now): Progress {
  let view: ProgressView = { label: '', done: 0, total: 0, elapsedMs: 0, finished: false };
  let began = now();
  let lastEmit = -Infinity;
  let trailing: NodeJS.Timeout | undefined;
  const deliver = () => {
    clearTimeout(trailing);
    trailing = undefined;
    const t = now();
    lastEmit = t;
    view = { ...view, elapsedMs: t - began };
    onChange(view);
  };
  const emit = (force: boolean) => {
    const wait = intervalMs - (now() - lastEmit);
    if (force || wait <= 0) deliver();
    else trailing ??= setTimeout(deliver, wait);
  };
  return {
    start(label, total) {
      began = now();
      view = { label, done: 0, total, elapsedMs: 0, finished: false };
      emit(true);
    },
    update(done, note) {
      view = note === undefined ? { ...view, done } : { ...view, done, note };
      emit(false);
    },
    finish(note) {
      view = { ...view, done: view.total > 0 ? view.total : view.done, finished: true, ...(note === undefined ? {} : { note }) };
      emit(true);
    },
    info(message) {
      view = { ...view, note: message };
      emit(false);
    },
  };
}

/** `████░░░░ 42% 21/50 1.3s note` — unknown totals show a moving block instead of a percentage. */
export function progressLine(p: ProgressView, width = 24): string {
  const secs = `${(p.elapsedMs / 1000).toFixed(1)}s`;
  const note = p.note ? ` ${p.note}` : '';
  if (p.total > 0) {
    const frac = Math.max(0, Math.min(1, p.done / p.total));
    const filled = Math.round(frac * width);
    return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${String(Math.round(frac * 100)).padStart(3)}% ${p.done}/${p.total} ${secs}${note}`;
  }
  if (p.finished) return `${'█'.repeat(width)} done ${secs}${note}`;
  const at = Math.floor(p.elapsedMs / 120) % (width - 3);
  return `${'░'.repeat(at)}███${'░'.repeat(width - 3 - at)} ${p.done > 0 ? `${p.done} ` : ''}${secs}${note}`;
}
