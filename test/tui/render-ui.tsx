/**
 * The one way TUI tests render: `renderUi(<App …/>)` over ink-testing-library, with helpers to
 * press keys and wait for a frame. Tests assert frames (plain text), never component internals.
 */
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';

const KEYS: Record<string, string> = {
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  backspace: '\u0008',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
};

export interface UiHandle {
  /** The last frame, as plain text. */
  frame(): string;
  /** Press keys in order: names from KEYS (`enter`, `escape`, `down`, …) or literal text. */
  press(...keys: string[]): Promise<void>;
  /** Type text one character at a time. */
  type(text: string): Promise<void>;
  /** Wait until the frame satisfies `test` (text it must contain, or a predicate). */
  waitFor(test: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  unmount(): void;
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

/** ANSI colour codes out, so frames compare as text. */
function strip(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001B\[[0-9;]*m/g, '');
}

export function renderUi(element: ReactElement): UiHandle {
  const ui = render(element);
  const frame = () => strip(ui.lastFrame() ?? '');
  const settle = async () => {
    // Ink flushes input on setImmediate and renders on the next tick; two short waits cover both.
    await tick();
    await tick();
  };
  return {
    frame,
    async press(...keys) {
      for (const k of keys) {
        ui.stdin.write(KEYS[k] ?? k);
        await settle();
      }
    },
    async type(text) {
      for (const c of text) {
        ui.stdin.write(c);
        await settle();
      }
    },
    async waitFor(test, timeoutMs = 10_000) {
      const ok = (f: string) => (typeof test === 'string' ? f.includes(test) : test instanceof RegExp ? test.test(f) : test(f));
      const until = Date.now() + timeoutMs;
      while (!ok(frame())) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${String(test)}; last frame:\n${frame()}`);
        await tick();
      }
      return frame();
    },
    unmount() {
      ui.unmount();
      ui.cleanup();
    },
  };
}
