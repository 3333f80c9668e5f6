/**
 * Start the workbench in the terminal: full screen (the alternate screen buffer, restored on exit),
 * until the user quits.
 */
import { render } from 'ink';
import type { AnyTheory } from '../core/theory.ts';
import { App } from './components/App.tsx';
import type { TuiServices } from './session.ts';

export async function startTui(theories: readonly AnyTheory[], services: TuiServices, initialTheory?: string): Promise<void> {
  const out = process.stdout;
  out.write('\u001B[?1049h\u001B[H');
  try {
    const app = render(<App theories={theories} services={services} initialTheory={initialTheory} />, { exitOnCtrlC: true, patchConsole: true });
    await app.waitUntilExit();
  } finally {
    out.write('\u001B[?1049l');
  }
}
