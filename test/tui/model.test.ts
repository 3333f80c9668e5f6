import { describe, expect, it } from 'vitest';
import { applyEdit, defaultOptions, defaultParams, paramRows, paramsFor } from '../../src/tui/model/params.ts';
import { progressLine, uiProgress, type ProgressView } from '../../src/tui/model/progress.ts';
import { quantityIndex, runView } from '../../src/tui/model/plot.ts';
import { derivationRow, formatValue, validationRow } from '../../src/tui/model/results.ts';
import { followFocus, linesText, windowLines, wrapText, line } from '../../src/tui/model/lines.ts';
import { footerKeys, overviewLines, validationLines } from '../../src/tui/model/screens.ts';
import { clampScroll, handleKey, initialState, reduce, splitKeys, theoryState, type UiState } from '../../src/tui/model/state.ts';
import { toyTheory } from '../fixtures/toy-logistic/theory.ts';

const theories = [toyTheory];

function press(state: UiState, ...keys: Array<string | Record<string, boolean>>): UiState {
  return keys.reduce<UiState>((s, k) => handleKey(s, theories, typeof k === 'string' ? k : '', typeof k === 'string' ? {} : k).state, state);
}

describe('parameter table and editing', () => {
  const values = defaultParams(toyTheory);
  const options = defaultOptions(toyTheory);

  it('lists every parameter with its symbol, range and value, then the runner options', () => {
    const rows = paramRows(toyTheory, values, options);
    expect(rows.map((r) => r.name)).toEqual(['s', 'u0', 'tau', 'noise', 'seeds', 't-end']);
    expect(rows[1]).toMatchObject({ symbol: 'u₀', range: '(0, ∞)', value: '0.01', role: 'model', isDefault: true });
    expect(rows[4]).toMatchObject({ range: 'integers in [1, 64]', role: 'simulation' });
    expect(rows[5]).toMatchObject({ kind: 'option', range: 'numbers ≥ 0', value: '4' });
  });

  it('applies a valid value and refuses a bad one with its range, leaving the values unchanged', () => {
    const ok = applyEdit(toyTheory, values, options, 's', '3');
    expect(ok).toMatchObject({ ok: true, values: { s: 3 } });
    const bad = applyEdit(toyTheory, values, options, 's', '-1');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain('s ∈ (0, ∞)');
    expect(values.s).toBe(2);
    expect(applyEdit(toyTheory, values, options, 'seeds', '2.5')).toMatchObject({ ok: false, error: expect.stringContaining('not an integer') });
  });

  it("checks constraints between parameters with the theory's own validate", () => {
    const out = applyEdit(toyTheory, values, options, 'u0', '5');
    expect(out).toMatchObject({ ok: false, error: expect.stringContaining('must lie below s') });
  });

  it('checks runner options like the CLI does, and empty text restores the default', () => {
    expect(applyEdit(toyTheory, values, options, 't-end', '-2')).toMatchObject({ ok: false, error: expect.stringContaining('≥ 0') });
    const changed = applyEdit(toyTheory, values, options, 't-end', '8');
    expect(changed).toMatchObject({ ok: true, options: { 't-end': 8 } });
    expect(applyEdit(toyTheory, { ...values, s: 5 }, options, 's', '')).toMatchObject({ ok: true, values: { s: 2 } });
  });

  it('passes each command only the parameters of its roles', () => {
    expect(Object.keys(paramsFor(toyTheory, values, 'solve'))).toEqual(['s', 'u0', 'tau']);
    expect(Object.keys(paramsFor(toyTheory, values, 'simulate'))).toEqual(['s', 'u0', 'tau', 'noise', 'seeds']);
  });
});

describe('progress', () => {
  it('reports start and finish at once and throttles updates in between', () => {
    let clock = 0;
    const seen: ProgressView[] = [];
    const p = uiProgress((v) => seen.push(v), 100, () => clock);
    p.start('simulate', 10);
    for (let i = 1; i <= 9; i++) {
      clock += 30;
      p.update(i);
    }
    p.finish('ok');
    expect(seen[0]).toMatchObject({ label: 'simulate', done: 0, total: 10 });
    expect(seen.length).toBeLessThan(6);
    expect(seen.at(-1)).toMatchObject({ done: 10, finished: true, note: 'ok' });
  });

  it('draws a bar with the fraction done, or a moving block when the total is unknown', () => {
    const line40 = progressLine({ label: 'x', done: 4, total: 10, elapsedMs: 1500, finished: false }, 10);
    expect(line40).toBe('████░░░░░░  40% 4/10 1.5s');
    expect(progressLine({ label: 'x', done: 0, total: 0, elapsedMs: 0, finished: false }, 10)).toMatch(/^███░{7} 0\.0s$/);
  });
});

describe('results as rows', () => {
  it('formats values a person reads', () => {
    expect(formatValue(1.23456789)).toBe('1.23457');
    expect(formatValue([1, 2, 3, 4, 5])).toBe('[1, 2, 3, 4, … (5)]');
    expect(formatValue({ s: 0.5, gamma: 2e-7 })).toBe('s = 0.5, gamma = 2.0000e-7');
    expect(formatValue(null)).toBe('—');
  });

  it('shows a derived formula in Unicode with its kind and checks', () => {
    const row = derivationRow(toyTheory, 'half-time', toyTheory.derivations['half-time']!.derive(defaultParams(toyTheory) as never));
    expect(row.kind).toBe('exact');
    expect(row.formula).toBe('τ ln(s/u₀ − 1)/(2s)');
    expect(row.checks[0]).toMatchObject({ passed: true });
    expect(derivationRow(toyTheory, 'deep-limit', new Error('boom'))).toMatchObject({ kind: 'error', reason: 'boom' });
  });

  it('makes a validation row from an outcome or an error', () => {
    const claim = toyTheory.claims[0]!;
    const ok = validationRow(claim, { id: claim.id, passed: true, theory: 2, simulation: [2.01, 2.02], error: 0.005, tolerance: 0.05, measure: 'rel', details: {} });
    expect(ok).toMatchObject({ theory: '2', simulation: '[2.01, 2.02]', error: '0.005', tolerance: '0.05', passed: true });
    expect(validationRow(claim, new Error('no data'))).toMatchObject({ passed: false, failure: 'no data' });
  });
});

describe('lines', () => {
  it('wraps words to a width and windows long content', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    const lines = Array.from({ length: 10 }, (_, i) => line(String(i)));
    expect(windowLines(lines, 8, 4)).toMatchObject({ offset: 6, above: 6, below: 0 });
    expect(followFocus(0, 7, 4)).toBe(4);
    expect(followFocus(5, 2, 4)).toBe(2);
  });
});

describe('the state machine', () => {
  it('opens a theory from the list and switches panels', () => {
    let s = initialState(theories);
    expect(s.screen).toBe('list');
    s = press(s, { return: true });
    expect(s).toMatchObject({ screen: 'theory', theoryId: 'toy', tab: 'overview' });
    s = press(s, { tab: true });
    expect(s.tab).toBe('params');
    s = press(s, '5');
    expect(s.tab).toBe('validate');
    s = press(s, { escape: true });
    expect(s.screen).toBe('list');
  });

  it('edits a parameter: a bad value stays in the editor with the error, a good one is applied', () => {
    let s = press(initialState(theories, 'toy'), '2', { downArrow: true }, { return: true });
    expect(s.editing).toMatchObject({ name: 'u0', text: '0.01' });
    s = press(s, { backspace: true }, { backspace: true }, { backspace: true }, { backspace: true }, 'x', { return: true });
    expect(s.editing?.error).toBe('parameter u0=x: not a number; valid range u0 ∈ (0, ∞)');
    expect(s.theories.toy!.values.u0).toBe(0.01);
    s = press(s, { backspace: true }, '0', '.', '0', '5', { return: true });
    expect(s.editing).toBeUndefined();
    expect(s.theories.toy!.values.u0).toBe(0.05);
    expect(s.message).toMatchObject({ text: 'u0 = 0.05', tone: 'success' });
  });

  it('splits keys typed ahead in one chunk into keystrokes, Enter and deletes included', () => {
    expect(splitKeys('jm', {})).toEqual([['j', {}], ['m', {}]]);
    expect(splitKeys('\x7f3\r', {})).toEqual([['', { delete: true }], ['3', {}], ['', { return: true }]]);
    expect(splitKeys('\u001B[A', { upArrow: true })).toEqual([['\u001B[A', { upArrow: true }]]);
    let s = press(initialState(theories, 'toy'), '2', { return: true });
    for (const [input, key] of splitKeys('\x7f3\r', {})) s = handleKey(s, theories, input, key).state;
    expect(s.editing).toBeUndefined();
    expect(s.theories.toy!.values.s).toBe(3);
  });

  it('starts work as an effect, refuses a second run while busy, and cancels with Esc', () => {
    const s0 = initialState(theories, 'toy');
    const started = handleKey(s0, theories, 'm', {});
    expect(started.effect).toEqual({ type: 'run', kind: 'simulate' });
    expect(started.state).toMatchObject({ tab: 'run', busy: { activity: 'simulate' } });
    const again = handleKey(started.state, theories, 's', {});
    expect(again.effect).toBeUndefined();
    expect(again.state.message?.text).toContain('Esc cancels');
    const cancel = handleKey(started.state, theories, '', { escape: true });
    expect(cancel.effect).toEqual({ type: 'cancel' });
    expect(reduce(cancel.state, { type: 'cancelled' })).toMatchObject({ busy: undefined, message: { text: 'simulate cancelled' } });
  });

  it('keeps partial simulation results until the final one arrives', () => {
    const s0 = handleKey(initialState(theories, 'toy'), theories, 'm', {}).state;
    const partial = { t: [0, 1], u: [0.01, 0.5] };
    const s1 = reduce(s0, { type: 'partial', theoryId: 'toy', partial });
    expect(s1.theories.toy!.partial).toBe(partial);
    const result = { kind: 'numeric' as const, value: { t: [0, 1, 2], u: [0.01, 0.5, 1.9] }, method: 'm', checks: [], diagnostics: {} };
    const s2 = reduce(s1, { type: 'ran', theoryId: 'toy', outcome: { kind: 'simulate', params: {}, options: {}, result, cached: false, seconds: 0 } });
    expect(s2.theories.toy!.partial).toBeUndefined();
    expect(s2.theories.toy!.simulate?.result).toBe(result);
  });

  it('quits with q, shows help with ?, and keeps scrolling within the content', () => {
    expect(handleKey(initialState(theories), theories, 'q', {}).effect).toEqual({ type: 'quit' });
    const help = press(initialState(theories, 'toy'), '?');
    expect(help.help).toBe(true);
    expect(press(help, 'x').help).toBe(false);
    const scrolled = press(initialState(theories, 'toy'), 'j', 'j', 'j');
    expect(clampScroll(scrolled, 1).theories.toy!.scroll).toBe(1);
  });
});

describe('screens', () => {
  it('shows the summary, the parameters and the equations in Unicode on the overview', () => {
    const text = linesText(overviewLines(toyTheory, theoryState(toyTheory), 90));
    expect(text).toContain('One mode of a two-layer linear network');
    expect(text).toMatch(/u0\s+u₀\s+\(0, ∞\)\s+0\.01/);
    expect(text).toContain('(eq. T1) balanced mode');
    expect(text).toContain('τu̇ = 2u(s − u)');
    expect(text).toContain('u = s/((s/u₀ − 1)e^(−2st/τ) + 1)');
  });

  it('lists claims before validation and a table after', () => {
    const t = theoryState(toyTheory);
    expect(linesText(validationLines(toyTheory, t, 90))).toContain('Press v to run the validators');
    const rows = [validationRow(toyTheory.claims[0]!, { id: 'reaches-s', passed: false, theory: 2, simulation: 1.5, error: 0.25, tolerance: 0.05, measure: 'rel', details: {} })];
    const text = linesText(validationLines(toyTheory, { ...t, validation: rows }, 90));
    expect(text).toMatch(/claim\s+theory\s+simulation\s+error\s+tolerance\s+result/);
    expect(text).toMatch(/reaches-s\s+2\s+1\.5\s+0\.25\s+0\.05\s+✗ FAIL/);
  });

  it('names the keys of the panel in view in the footer', () => {
    const s = initialState(theories, 'toy');
    expect(footerKeys(s)[0]).toContain('s solve');
    expect(footerKeys(s)[1]).toContain('Esc back');
    expect(footerKeys({ ...s, tab: 'run' })[0]).toContain('l log-y');
    expect(footerKeys({ ...s, editing: { name: 's', text: '' } })[0]).toContain('Enter apply');
  });

  it('overlays theory and the running simulation, and marks results of changed parameters as stale', () => {
    let t = theoryState(toyTheory);
    const solve = { kind: 'exact' as const, value: { t: [0, 1, 2], u: [0.01, 1, 1.9], halfTime: 1.3 }, method: 'eq. T2', checks: [], diagnostics: {} };
    t = { ...t, solve: { kind: 'solve', params: paramsFor(toyTheory, t.values, 'solve'), options: { 't-end': 4 }, result: solve, cached: false, seconds: 0 }, partial: { t: [0, 1], u: [0.01, 0.9], uSe: [0, 0.1] } };
    const view = runView(toyTheory, t);
    expect(view.figure?.series.map((s) => [s.label, s.role, s.yErr?.length])).toEqual([['u (theory)', 'theory', undefined], ['u (simulation)', 'simulation', 2]]);
    expect(view).toMatchObject({ partial: true, stale: [], scalars: [{ name: 'halfTime', value: '1.3' }] });
    expect(runView(toyTheory, { ...t, values: { ...t.values, s: 3 } }).stale).toEqual(['solve']);
    expect([quantityIndex(-1, 2), quantityIndex(0, 2), quantityIndex(2, 2)]).toEqual([-1, 0, -1]);
  });
});
