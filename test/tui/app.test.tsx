import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/tui/components/App.tsx';
import { executeRunner } from '../../src/runs/execute.ts';
import type { TuiServices } from '../../src/tui/session.ts';
import { toyTheory, toyValidator } from '../fixtures/toy-logistic/theory.ts';
import { renderUi, type UiHandle } from './render-ui.tsx';

function services(): TuiServices {
  return {
    validatorsFor: () => [toyValidator],
    execute: (theory, kind, params, options, ctx) => executeRunner(theory, kind, params, options, ctx, { cache: false }),
    outDir: mkdtempSync(join(tmpdir(), 'plateau-tui-')),
    seed: 1,
    backend: 'cpu',
  };
}

let ui: UiHandle | undefined;
afterEach(() => ui?.unmount());

describe('the workbench', () => {
  it('opens a theory, changes a parameter, runs, and shows the plot', async () => {
    ui = renderUi(<App theories={[toyTheory]} services={services()} rows={40} />);
    expect(ui.frame()).toContain('toy');
    await ui.press('enter');
    console.log(ui.frame());
    await ui.press('2', 'enter', 'backspace');
    await ui.type('-1');
    await ui.press('enter');
    console.log(ui.frame());
    await ui.press('backspace', 'backspace');
    await ui.type('3');
    await ui.press('enter');
    await ui.press('m');
    await ui.waitFor('simulate: numeric');
    console.log(ui.frame());
  });
});
