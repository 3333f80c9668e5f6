/**
 * Progress of long work. Commands report to stderr (never stdout, which carries --json); tests
 * and library callers pass `silentProgress`.
 */
export interface Progress {
  /** Begin a phase of `total` units of work (0 when unknown). */
  start(label: string, total: number): void;
  /** `done` units finished so far in the current phase. */
  update(done: number, note?: string): void;
  /** The phase is complete. */
  finish(note?: string): void;
  /** A one-line message that is not part of a phase. */
  info(message: string): void;
}

export const silentProgress: Progress = {
  start() {},
  update() {},
  finish() {},
  info() {},
};

/**
 * A progress bar on a stream. On a TTY the bar redraws in place; otherwise (CI, pipes) it prints
 * one line per phase start and end and at most one line per 10 % in between.
 */
export function streamProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = Boolean(stream.isTTY) && process.env.CI !== 'true';
  let label = '';
  let total = 0;
  let began = 0;
  let lastDecile = -1;
  const elapsed = () => `${((Date.now() - began) / 1000).toFixed(1)}s`;
  return {
    start(l, t) {
      label = l;
      total = t;
      began = Date.now();
      lastDecile = -1;
      if (!tty) stream.write(`… ${label}\n`);
    },
    update(done, note) {
      const frac = total > 0 ? Math.min(1, done / total) : 0;
      if (tty) {
        const width = 24;
        const filled = Math.round(frac * width);
        const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
        stream.write(`\r${label} ${bar} ${total > 0 ? `${done}/${total}` : done} ${elapsed()}${note ? ` ${note}` : ''}\x1b[K`);
      } else {
        const decile = Math.floor(frac * 10);
        if (decile > lastDecile && decile < 10) {
          lastDecile = decile;
          if (decile > 0) stream.write(`  ${label}: ${Math.round(frac * 100)}%${note ? ` ${note}` : ''}\n`);
        }
      }
    },
    finish(note) {
      if (tty) stream.write(`\r\x1b[K`);
      stream.write(`✓ ${label} (${elapsed()})${note ? ` ${note}` : ''}\n`);
    },
    info(message) {
      stream.write(`${message}\n`);
    },
  };
}

/**
 * Let the event loop run once (UI redraws, Esc, Ctrl-C, partial results) between units of
 * synchronous numeric work, e.g. after each seed of a simulation.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
