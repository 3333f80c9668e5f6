/**
 * View models of the TUI's screens: the theory list, and the theory page's panels (overview,
 * parameters, run, derivations, validation), the help, the status line and the footer. Each is a
 * pure function of the declaration and the UI state that returns lines (see lines.ts).
 */
import { describeDomain, type ParamSpec } from '../../core/params.ts';
import type { AnyTheory } from '../../core/theory.ts';
import { figureToTerminal } from '../../plot/terminal.ts';
import { renderEquations, type RenderedEquation } from '../../symbolic/theory-render.ts';
import { line, wrapText, type Line, type Span } from './lines.ts';
import { paramRows } from './params.ts';
import { runView } from './plot.ts';
import { progressLine } from './progress.ts';
import { alignColumns } from './results.ts';
import { TABS, type TheoryState, type UiState } from './state.ts';

const KIND_COLOR: Record<string, string> = { exact: 'green', numeric: 'cyan', unsolved: 'yellow', refused: 'magenta', error: 'red' };

const equationCache = new WeakMap<AnyTheory, RenderedEquation[] | Error>();

/** The theory's equations rendered once per theory (parsing is not free). */
function theoryEquations(theory: AnyTheory): RenderedEquation[] | Error {
  let eqs = equationCache.get(theory);
  if (!eqs) {
    try {
      eqs = renderEquations(theory);
    } catch (e) {
      eqs = e instanceof Error ? e : new Error(String(e));
    }
    equationCache.set(theory, eqs);
  }
  return eqs;
}

function citationText(theory: AnyTheory): string {
  const c = theory.citation;
  return `${c.authors}, “${c.title}” (${c.year}${c.venue ? `, ${c.venue}` : ''}), arXiv:${c.arxiv}`;
}

export function listLines(theories: readonly AnyTheory[], cursor: number, width: number): Line[] {
  if (theories.length === 0) return [line('No theories are registered yet (theory/index.ts).', { dim: true })];
  const idWidth = Math.max(...theories.map((t) => t.id.length)) + 2;
  const out: Line[] = [line('Theories', { bold: true }), []];
  theories.forEach((t, i) => {
    const selected = i === cursor;
    out.push([{ text: selected ? '› ' : '  ', color: 'cyan' }, { text: t.id.padEnd(idWidth), bold: selected, color: selected ? 'cyan' : undefined }, { text: t.title, bold: selected }]);
    const facts = `${Object.keys(t.equations).length} equations · ${Object.keys(t.derivations).length} derivations · ${t.claims.length} claims${t.simulator ? ' · simulator' : ''}`;
    for (const l of wrapText(`${citationText(t)} — ${facts}`, Math.max(20, width - idWidth - 2))) out.push(line(`${' '.repeat(idWidth + 2)}${l}`, { dim: true }));
  });
  return out;
}

function paramTable(theory: AnyTheory, t: TheoryState, width: number, cursor?: number, editing?: UiState['editing']): { lines: Line[]; focus: number } {
  const rows = paramRows(theory, t.values, t.options);
  const pointer = (i: number) => (cursor === undefined ? [] : [i === cursor ? '›' : ' ']);
  const cells = [[...pointer(-1), 'name', 'symbol', 'range', 'value', 'role'], ...rows.map((r, i) => [...pointer(i), r.name, r.symbol, r.range, editing?.name === r.name ? `${editing.text}▌` : r.value, r.role])];
  const text = alignColumns(cells, cursor === undefined ? [16, 12, 26, 18, 10] : [1, 16, 12, 26, 18, 10]);
  const lines: Line[] = text.map((s, i) => {
    if (i === 0) return line(s, { bold: true });
    const row = rows[i - 1]!;
    const style = i - 1 === cursor ? { color: editing ? 'yellow' : 'cyan', bold: true } : row.isDefault ? {} : { color: 'yellow' };
    return line(s.slice(0, width), style);
  });
  return { lines, focus: cursor === undefined ? 0 : cursor + 1 };
}

export function overviewLines(theory: AnyTheory, t: TheoryState, width: number): Line[] {
  const out: Line[] = [];
  for (const l of wrapText(citationText(theory), width)) out.push(line(l, { dim: true }));
  out.push([]);
  for (const l of wrapText(theory.summary, width)) out.push(line(l));
  out.push([], line('Parameters', { bold: true }));
  out.push(...paramTable(theory, t, width).lines.map((l) => [{ text: '  ' }, ...l]));
  out.push([], line('Equations', { bold: true }));
  const eqs = theoryEquations(theory);
  if (eqs instanceof Error) out.push(line(`could not render the equations: ${eqs.message}`, { color: 'red' }));
  else {
    for (const e of eqs) {
      out.push([{ text: `  (${e.ref}) `, dim: true }, { text: e.title }, { text: `  [${e.kind}]`, dim: true }]);
      for (const l of wrapText(e.unicode, width - 6)) out.push(line(`      ${l}`, { color: 'cyan' }));
      if (e.note) for (const l of wrapText(e.note, width - 6)) out.push(line(`      ${l}`, { dim: true }));
    }
  }
  return out;
}

export function paramLines(theory: AnyTheory, t: TheoryState, editing: UiState['editing'], width: number): { lines: Line[]; focus: number } {
  const table = paramTable(theory, t, width, t.paramCursor, editing);
  const rows = paramRows(theory, t.values, t.options);
  const row = rows[t.paramCursor];
  const out = [...table.lines, []];
  if (row) {
    const spec = (theory.params as Record<string, ParamSpec>)[row.name];
    out.push(line(`${row.name} (${row.symbol}): ${row.description}`, { bold: true }));
    out.push(line(`valid range: ${spec ? describeDomain(spec.domain) : row.range}${spec?.default !== undefined ? ` · default ${String(spec.default)}` : ''}`, { dim: true }));
  }
  if (editing) {
    out.push(line(`new value for ${editing.name}: ${editing.text}▌   (Enter applies, Esc cancels, empty = default)`, { color: 'yellow' }));
    if (editing.error) for (const l of wrapText(`✗ ${editing.error} — not applied`, width)) out.push(line(l, { color: 'red' }));
  }
  return { lines: out, focus: table.focus };
}

export function runLines(theory: AnyTheory, t: TheoryState, width: number, plotHeight: number): Line[] {
  const view = runView(theory, t);
  const out: Line[] = [];
  const describe = (k: 'solve' | 'simulate') => {
    const o = t[k];
    if (!o) return undefined;
    return `${k}: ${o.result.kind} (${o.result.method}${o.cached ? ', from the run store' : `, ${o.seconds.toFixed(1)}s`})`;
  };
  const ran = [describe('solve'), describe('simulate')].filter(Boolean);
  if (ran.length === 0 && !view.partial) {
    out.push(line('Nothing run yet.', { bold: true }));
    out.push(line(`s solves ${theory.id} (${theory.solver.title}).`));
    if (theory.simulator) out.push(line(`m simulates it (${theory.simulator.title}) and plots the simulation against the theory as it runs.`));
    out.push(line('v validates the claims; Esc cancels a run.', { dim: true }));
    return out;
  }
  out.push(line(ran.join(' · ') + (view.partial ? `${ran.length ? ' · ' : ''}simulation in progress` : ''), { dim: true }));
  for (const k of ['solve', 'simulate'] as const) {
    const r = t[k]?.result;
    if (r?.reason) for (const l of wrapText(`${k} ${r.kind}: ${r.reason}`, width)) out.push(line(l, { color: KIND_COLOR[r.kind] }));
  }
  if (view.stale.length) out.push(line(`parameters changed since the last ${view.stale.join(' and ')}: press s or m to rerun`, { color: 'yellow' }));
  if (view.figure && view.figure.series.length > 0) {
    out.push(line(view.figure.title, { bold: true }));
    const plot = figureToTerminal(view.figure, { width, height: plotHeight });
    out.push(...plot.lines.map((runs) => runs.map((r): Span => (r.color ? { text: r.text, color: r.color } : { text: r.text }))));
    const axes = `showing ${view.shown === 'all' ? `all of ${view.quantities.join(', ')}` : view.shown} (y: next) · y axis ${t.plot.logY ? 'log' : 'linear'} (l) · x axis ${t.plot.logX ? 'log' : 'linear'} (x)`;
    out.push(line(axes, { dim: true }));
  } else if (ran.length) {
    out.push(line('(no time series to plot)', { dim: true }));
  }
  if (view.scalars.length) {
    const text = view.scalars.map((s) => `${s.name} = ${s.value}${s.source === 'simulation' ? ' (sim)' : ''}`).join(' · ');
    for (const l of wrapText(text, width)) out.push(line(l));
  }
  return out;
}

export function derivationLines(theory: AnyTheory, t: TheoryState, width: number): Line[] {
  const names = Object.keys(theory.derivations);
  if (names.length === 0) return [line(`${theory.id} declares no derivations.`, { dim: true })];
  if (!t.derivations) {
    return [line('Press d to run the derivations at the current parameters.', { bold: true }), [], ...names.map((n) => line(`  ${n} — ${theory.derivations[n]!.title}`, { dim: true }))];
  }
  const out: Line[] = [];
  for (const d of t.derivations) {
    out.push([{ text: d.kind.padEnd(9), color: KIND_COLOR[d.kind], bold: true }, { text: ` ${d.name}`, bold: true }, { text: ` — ${d.title}${d.asymptotic ? ` (asymptotic: ${d.asymptotic})` : ''}`, dim: true }]);
    if (d.formula) for (const l of wrapText(d.formula, width - 10)) out.push(line(`          ${l}`, { color: 'cyan' }));
    if (d.value !== '—') for (const l of wrapText(`value ${d.value}`, width - 10)) out.push(line(`          ${l}`));
    if (d.method) out.push(line(`          method: ${d.method}`, { dim: true }));
    if (d.reason) for (const l of wrapText(`reason: ${d.reason}`, width - 10)) out.push(line(`          ${l}`, { color: KIND_COLOR[d.kind] }));
    for (const c of d.checks) {
      out.push([{ text: `          ${c.passed ? '✓' : '✗'} `, color: c.passed ? 'green' : 'red' }, { text: `${c.name}: residual ${c.residual} (tol ${c.tolerance}, ${c.samples} samples)` }]);
    }
  }
  const pending = names.length - t.derivations.length;
  if (pending > 0) out.push(line(`… ${pending} more`, { dim: true }));
  return out;
}

export function validationLines(theory: AnyTheory, t: TheoryState, width: number): Line[] {
  if (theory.claims.length === 0) return [line(`${theory.id} declares no claims.`, { dim: true })];
  const out: Line[] = [];
  if (!t.validation) out.push(line('Press v to run the validators (test size).', { bold: true }), []);
  const rows = t.validation ?? [];
  const cells = [['claim', 'theory', 'simulation', 'error', 'tolerance', 'result'], ...rows.map((r) => [r.claim, r.theory, r.simulation, r.error, r.tolerance, r.failure ? 'ERROR' : r.passed ? '✓ pass' : '✗ FAIL'])];
  if (rows.length) {
    alignColumns(cells, [24, 20, 20, 10, 10, 8]).forEach((s, i) => {
      const r = rows[i - 1];
      out.push(line(s.slice(0, width), i === 0 ? { bold: true } : { color: r!.passed ? 'green' : 'red' }));
    });
    out.push([]);
  }
  for (const c of theory.claims) {
    const r = rows.find((x) => x.claim === c.id);
    for (const [j, l] of wrapText(`${c.id}: ${c.statement}`, width).entries()) out.push(line(l, j === 0 ? { bold: Boolean(r) } : {}));
    if (r?.measure) out.push(line(`    error = ${r.measure}${r.seconds !== undefined ? ` · ${r.seconds.toFixed(1)}s` : ''}`, { dim: true }));
    if (r?.failure) for (const l of wrapText(`    ${r.failure}`, width)) out.push(line(l, { color: 'red' }));
  }
  return out;
}

export const KEYS: ReadonlyArray<{ keys: string; action: string; where: string }> = [
  { keys: '↑ ↓ / j k', action: 'move, scroll', where: 'everywhere' },
  { keys: 'Enter', action: 'open the theory / edit the parameter', where: 'list, Parameters' },
  { keys: 'Tab ← → 1-5', action: 'switch panel', where: 'theory page' },
  { keys: 's', action: 'solve (theory curves)', where: 'theory page' },
  { keys: 'm', action: 'simulate, plotted live against the theory', where: 'theory page' },
  { keys: 'd', action: 'run the derivations', where: 'theory page' },
  { keys: 'v', action: 'validate the claims (test size)', where: 'theory page' },
  { keys: 'Esc', action: 'cancel the run / cancel the edit / back to the list', where: 'everywhere' },
  { keys: 'l  x  y', action: 'log y axis, log x axis, next quantity', where: 'Run' },
  { keys: 'w', action: 'save the panel (JSON, CSV, SVG)', where: 'Run, Derivations, Validation' },
  { keys: 'r', action: 'reset parameters to their defaults', where: 'Parameters' },
  { keys: '?', action: 'this help', where: 'everywhere' },
  { keys: 'q', action: 'quit', where: 'everywhere' },
];

export function helpLines(outDir: string): Line[] {
  const rows = alignColumns([['key', 'does', 'where'], ...KEYS.map((k) => [k.keys, k.action, k.where])]);
  return [
    line('Plateau workbench — keys', { bold: true }),
    [],
    ...rows.map((r, i) => line(`  ${r}`, i === 0 ? { bold: true } : {})),
    [],
    line(`Saved results go to ${outDir}/ (atomic writes).`, { dim: true }),
    line('Parameter values are checked against the declaration: a bad value shows its range and is not applied.', { dim: true }),
    line('Any key closes this help.', { dim: true }),
  ];
}

/** The footer: the keys of what is in view (first line) and of moving around (second line). */
export function footerKeys(state: UiState): [string, string] {
  if (state.help) return ['any key closes the help', 'q quit'];
  if (state.editing) return ['type a value · Enter apply · Esc cancel · Backspace delete', 'empty value = default'];
  if (state.screen === 'list') return ['↑↓ select · Enter open', '? help · q quit'];
  const byTab: Record<string, string> = {
    overview: '↑↓ scroll',
    params: '↑↓ select · Enter edit · r reset',
    run: 'l log-y · x log-x · y quantity · w save',
    derive: '↑↓ scroll · w save',
    validate: '↑↓ scroll · w save',
  };
  return [`s solve · m simulate · d derive · v validate · ${byTab[state.tab]}`, `Tab / 1-5 panel · ${state.busy ? 'Esc cancel' : 'Esc back'} · ? help · q quit`];
}

export function tabLine(state: UiState): Line {
  const spans: Span[] = [];
  TABS.forEach((tab, i) => {
    const active = tab.id === state.tab;
    spans.push({ text: ` ${i + 1} ${tab.label} `, inverse: active, bold: active, dim: !active }, { text: ' ' });
  });
  return spans;
}

export function statusLine(state: UiState, width: number): Line {
  if (state.busy) {
    const p = state.busy.progress;
    const bar = p ? progressLine(p, 20) : '…';
    return [{ text: '⏵ ', color: 'yellow' }, { text: `${state.busy.stage} `, bold: true }, { text: bar.slice(0, Math.max(0, width - state.busy.stage.length - 3)), color: 'yellow' }];
  }
  if (state.message) {
    const color = state.message.tone === 'error' ? 'red' : state.message.tone === 'success' ? 'green' : undefined;
    return line(state.message.text.slice(0, width), color ? { color } : {});
  }
  return [];
}
