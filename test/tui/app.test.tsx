import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunContext } from '../../src/core/theory.ts';
import { executeRunner } from '../../src/runs/execute.ts';
import { App } from '../../src/tui/components/App.tsx';
import type { TuiServices } from '../../src/tui/session.ts';
import { toyTheory, toyValidator } from '../fixtures/toy-logistic/theory.ts';
import { renderUi, type UiHandle } from './render-ui.tsx';

function services(overrides: Partial<TuiServices> = {}): TuiServices {
  return {
    validatorsFor: () => [toyValidator],
    execute: (theory, kind, params, options, ctx) => executeRunner(theory, kind, params, options, ctx, { cache: false }),
    outDir: mkdtempSync(join(tmpdir(), 'plateau-tui-')),
    seed: 1,
    backend: 'cpu',
    ...overrides,
  };
}

/** A simulator that reports progress and half of its series, then waits for the test to let it finish. */
function gatedSimulation() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let seen: RunContext | undefined;
  const execute: TuiServices['execute'] = async (theory, kind, params, options, ctx) => {
    if (kind === 'solve') return executeRunner(theory, kind, params, options, ctx, { cache: false });
    seen = ctx;
    const t = Array.from({ length: 21 }, (_, i) => i / 5);
    const u = t.map((x) => 2 / (1 + 199 * Math.exp(-4 * x)));
    ctx.progress.start('simulate toy', 20);
    ctx.progress.update(10);
    ctx.onPartial?.({ t: t.slice(0, 11), u: u.slice(0, 11), uSe: u.slice(0, 11).map(() => 0.05) });
    await gate;
    ctx.progress.finish();
    return { result: { kind: 'numeric', value: { t, u, uSe: u.map(() => 0.05) }, method: 'gated', checks: [], diagnostics: {} }, cached: false, identity: {} as never };
  };
  return { execute, release: () => release(), ctx: () => seen };
}

let ui: UiHandle | undefined;
afterEach(() => ui?.unmount());

describe('the workbench', () => {
  it('opens a theory, refuses a bad parameter with its range, applies a good one, runs and plots', async () => {
    ui = renderUi(<App theories={[toyTheory]} services={services()} rows={40} />);
    expect(ui.frame()).toMatch(/› toy\s+Toy logistic mode/);
    await ui.press('enter');
    expect(ui.frame()).toContain('τu̇ = 2u(s − u)');
    expect(ui.frame()).toMatch(/u0\s+u₀\s+\(0, ∞\)\s+0\.01/);

    await ui.press('2', 'enter', 'backspace');
    await ui.type('-1');
    await ui.press('enter');
    expect(ui.frame()).toContain('✗ parameter s=-1 is outside its valid range s ∈ (0, ∞) — not applied');
    await ui.press('backspace', 'backspace');
    await ui.type('3');
    await ui.press('enter');
    expect(ui.frame()).toContain('s = 3');
    expect(ui.frame()).toMatch(/›\s+s\s+s\s+\(0, ∞\)\s+3 /);

    await ui.press('m');
    const frame = await ui.waitFor('simulate: numeric');
    expect(frame).toContain('Toy logistic mode: theory and simulation');
    expect(frame).toMatch(/^\s*3 ┤/m);
    expect(frame).toMatch(/[\u2801-\u28ff]/);
    expect(frame).toContain('── u (theory)');
    expect(frame).toContain('•│ u (simulation) ± s.e.');
    expect(frame).toContain('halfTime = 0.950074');

    await ui.press('l');
    expect(ui.frame()).toContain('t · log u');
  });

  it('plots the simulation live from partial results, shows progress, and cancels with Esc', async () => {
    const gated = gatedSimulation();
    ui = renderUi(<App theories={[toyTheory]} services={services({ execute: gated.execute })} initialTheory="toy" rows={40} />);
    await ui.press('m');
    let frame = await ui.waitFor((f) => f.includes('simulation in progress') && f.includes('50% 10/20'));
    expect(frame).toMatch(/⏵ simulate █{10}░{10}\s+50% 10\/20/);
    expect(frame).toContain('•│ u (simulation) ± s.e.');
    await ui.press('escape');
    frame = await ui.waitFor('simulate cancelled');
    expect(gated.ctx()?.signal?.aborted).toBe(true);
    expect(frame).toContain('Esc back');
    gated.release();
  });

  it('replaces the partial plot by the final result when the simulation finishes', async () => {
    const gated = gatedSimulation();
    ui = renderUi(<App theories={[toyTheory]} services={services({ execute: gated.execute })} initialTheory="toy" rows={40} />);
    await ui.press('m');
    await ui.waitFor('simulation in progress');
    gated.release();
    const frame = await ui.waitFor('simulate: numeric (gated');
    expect(frame).not.toContain('simulation in progress');
  });

  it('shows each derivation with its kind and checks, and the validation table; saves both', async () => {
    const svc = services();
    ui = renderUi(<App theories={[toyTheory]} services={svc} initialTheory="toy" rows={40} />);
    await ui.press('d');
    let frame = await ui.waitFor('3 derivations');
    expect(frame).toMatch(/exact\s+half-time — time to reach s\/2/);
    expect(frame).toContain('τ ln(s/u₀ − 1)/(2s)');
    expect(frame).toMatch(/✓ u\(t½\) = s\/2: residual \d\.\de-\d+ \(tol 1e-8, 8 samples\)/);
    expect(frame).toMatch(/unsolved\s+deep-limit/);
    expect(frame).toContain('reason: the toy has no depth');
    await ui.press('w');
    expect(ui.frame()).toContain('saved');
    expect(existsSync(join(svc.outDir, 'toy-derivations.json'))).toBe(true);

    await ui.press('v');
    frame = await ui.waitFor('1/1 claims hold');
    expect(frame).toMatch(/claim\s+theory\s+simulation\s+error\s+tolerance\s+result/);
    expect(frame).toMatch(/reaches-s\s+2\s+2\.0\d+\s+0\.0\d+\s+0\.05\s+✓ pass/);
    await ui.press('w');
    expect(readFileSync(join(svc.outDir, 'toy-validation.csv'), 'utf8')).toMatch(/^claim,theory,simulation,error,tolerance,passed/);
  });

  it('saves a run as JSON, CSV and SVG, and shows the keys in a footer and in the help', async () => {
    const svc = services();
    ui = renderUi(<App theories={[toyTheory]} services={svc} initialTheory="toy" rows={40} />);
    expect(ui.frame()).toContain('s solve · m simulate · d derive · v validate');
    await ui.press('s');
    await ui.waitFor('solve: exact');
    await ui.press('w');
    for (const ext of ['json', 'csv', 'svg']) expect(existsSync(join(svc.outDir, `toy-run.${ext}`))).toBe(true);
    expect(readFileSync(join(svc.outDir, 'toy-run.svg'), 'utf8')).toMatch(/^<svg/);
    await ui.press('?');
    expect(ui.frame()).toContain('Plateau workbench — keys');
    expect(ui.frame()).toMatch(/Esc\s+cancel the run/);
  });
});
