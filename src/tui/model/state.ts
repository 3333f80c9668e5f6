/**
 * The TUI as a state machine: `UiState` (what is on screen and what each theory holds), `handleKey`
 * (a keystroke → the next state and, for long work, an effect to start) and `reduce` (what
 * running work reports back → the next state). Both are pure; `session.ts` runs the effects.
 */
import type { ParamValue } from '../../core/params.ts';
import type { TaggedResult } from '../../core/result.ts';
import type { AnyTheory, OptionValues } from '../../core/theory.ts';
import type { RunnerKind } from '../../runs/execute.ts';
import { applyEdit, defaultOptions, defaultParams, optionsFor, paramRows, paramsFor, type ParamValues } from './params.ts';
import type { ProgressView } from './progress.ts';
import type { DerivationRow, ValidationRow } from './results.ts';

export type Tab = 'overview' | 'params' | 'run' | 'derive' | 'validate';

export const TABS: ReadonlyArray<{ id: Tab; label: string }> = [
  { id: 'overview', label: 'Overview' },
  { id: 'params', label: 'Parameters' },
  { id: 'run', label: 'Run' },
  { id: 'derive', label: 'Derivations' },
  { id: 'validate', label: 'Validation' },
];

export type Activity = 'solve' | 'simulate' | 'derive' | 'validate';

export interface RunOutcome {
  kind: RunnerKind;
  params: Record<string, ParamValue>;
  options: OptionValues;
  result: TaggedResult<Record<string, unknown>>;
  cached: boolean;
  seconds: number;
}

export interface PlotSettings {
  logX: boolean;
  logY: boolean;
  /** Index into the run's quantities; −1 shows all of them. */
  quantity: number;
}

export interface TheoryState {
  values: ParamValues;
  options: OptionValues;
  solve?: RunOutcome;
  simulate?: RunOutcome;
  /** The simulation so far while it runs (from `RunContext.onPartial`). */
  partial?: Record<string, unknown>;
  derivations?: DerivationRow[];
  validation?: ValidationRow[];
  plot: PlotSettings;
  paramCursor: number;
  /** First visible line of the scrolled panels (overview, derivations, validation). */
  scroll: number;
}

export interface Busy {
  activity: Activity;
  theoryId: string;
  /** What is running now, e.g. `solve`, `simulate`, `claim 2/4: wider-is-better`. */
  stage: string;
  progress?: ProgressView;
}

export interface Message {
  text: string;
  tone: 'info' | 'error' | 'success';
}

export interface UiState {
  screen: 'list' | 'theory';
  listCursor: number;
  theoryId?: string;
  tab: Tab;
  help: boolean;
  editing?: { name: string; text: string; error?: string };
  busy?: Busy;
  message?: Message;
  theories: Readonly<Record<string, TheoryState>>;
  quit: boolean;
}

export type Effect =
  | { type: 'run'; kind: RunnerKind }
  | { type: 'derive' }
  | { type: 'validate' }
  | { type: 'cancel' }
  | { type: 'save' }
  | { type: 'quit' };

/** Keys as Ink reports them (the subset the TUI reads). */
export interface KeyPress {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
}

export function theoryState(theory: AnyTheory): TheoryState {
  return { values: defaultParams(theory), options: defaultOptions(theory), plot: { logX: false, logY: false, quantity: -1 }, paramCursor: 0, scroll: 0 };
}

export function initialState(theories: readonly AnyTheory[], openId?: string): UiState {
  const state: UiState = { screen: 'list', listCursor: 0, tab: 'overview', help: false, theories: {}, quit: false };
  const index = openId ? theories.findIndex((t) => t.id === openId) : -1;
  return index >= 0 ? openTheory({ ...state, listCursor: index }, theories[index]!) : state;
}

function openTheory(state: UiState, theory: AnyTheory): UiState {
  const theories = state.theories[theory.id] ? state.theories : { ...state.theories, [theory.id]: theoryState(theory) };
  return { ...state, screen: 'theory', theoryId: theory.id, tab: 'overview', theories, message: undefined };
}

/** The open theory's state (the theory page is only shown with one). */
export function current(state: UiState): TheoryState | undefined {
  return state.theoryId ? state.theories[state.theoryId] : undefined;
}

function updateTheory(state: UiState, id: string, change: (t: TheoryState) => TheoryState): UiState {
  const t = state.theories[id];
  return t ? { ...state, theories: { ...state.theories, [id]: change(t) } } : state;
}

/** Does a stored run still match the current parameters and options? */
export function isCurrent(theory: AnyTheory, t: TheoryState, outcome: RunOutcome | undefined): boolean {
  if (!outcome) return false;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return same(outcome.params, paramsFor(theory, t.values, outcome.kind)) && same(outcome.options, optionsFor(theory, t.options, outcome.kind));
}

function info(state: UiState, text: string, tone: Message['tone'] = 'info'): UiState {
  return { ...state, message: { text, tone } };
}

const clampIndex = (i: number, n: number) => Math.max(0, Math.min(n - 1, i));

function handleEditKey(state: UiState, theory: AnyTheory, input: string, key: KeyPress): UiState {
  const editing = state.editing!;
  if (key.escape) return info({ ...state, editing: undefined }, `${editing.name} unchanged`);
  if (key.backspace || key.delete) return { ...state, editing: { ...editing, text: editing.text.slice(0, -1), error: undefined } };
  if (key.return) {
    const t = current(state)!;
    const out = applyEdit(theory, t.values, t.options, editing.name, editing.text);
    if (!out.ok) return { ...state, editing: { ...editing, error: out.error } };
    const next = updateTheory({ ...state, editing: undefined }, theory.id, (x) => ({ ...x, values: out.values, options: out.options }));
    const row = paramRows(theory, out.values, out.options).find((r) => r.name === editing.name);
    return info(next, `${editing.name} = ${row?.value ?? editing.text}`, 'success');
  }
  const printable = [...input].filter((c) => c >= ' ' && c !== '\x7f').join('');
  if (!printable || key.ctrl) return state;
  return { ...state, editing: { ...editing, text: editing.text + printable, error: undefined } };
}

function startWork(state: UiState, theory: AnyTheory, effect: Effect & { type: 'run' | 'derive' | 'validate' }): { state: UiState; effect?: Effect } {
  if (state.busy) return { state: info(state, `${state.busy.activity} is running: Esc cancels it`, 'error') };
  if (effect.type === 'run' && effect.kind === 'simulate' && !theory.simulator) return { state: info(state, `${theory.id} has no simulator`, 'error') };
  if (effect.type === 'validate' && theory.claims.length === 0) return { state: info(state, `${theory.id} declares no claims`, 'error') };
  const tab: Tab = effect.type === 'run' ? 'run' : effect.type;
  const activity: Activity = effect.type === 'run' ? effect.kind : effect.type;
  const next = { ...state, tab, message: undefined, busy: { activity, theoryId: theory.id, stage: activity } };
  // A new simulation replaces what an earlier (perhaps cancelled) one left on the plot.
  return { state: activity === 'simulate' ? updateTheory(next, theory.id, (x) => ({ ...x, partial: undefined })) : next, effect };
}

const CONTROL_KEYS: Record<string, KeyPress> = { '\r': { return: true }, '\x7f': { delete: true }, '\b': { backspace: true }, '\t': { tab: true } };

/**
 * What the terminal delivered at once, as single keystrokes: keys typed ahead (or sent by tmux)
 * arrive as one string such as `jjm` or `0.5\r`, which means one key per character. Escape
 * sequences are already split by Ink, and a chunk with one in it is left whole.
 */
export function splitKeys(input: string, key: KeyPress): Array<[string, KeyPress]> {
  const chars = [...input];
  if (chars.length < 2 || !chars.every((c) => c >= ' ' || c in CONTROL_KEYS)) return [[input, key]];
  return chars.map((c) => (c in CONTROL_KEYS ? ['', CONTROL_KEYS[c]!] : [c, {}]));
}

/**
 * One keystroke. `theories` is the registry the list shows; the result is the next state and, for
 * work that takes time (runs, derivations, validation, saving), the effect to start.
 */
export function handleKey(state: UiState, theories: readonly AnyTheory[], input: string, key: KeyPress): { state: UiState; effect?: Effect } {
  if (state.help) {
    if (input === 'q') return { state: { ...state, quit: true }, effect: { type: 'quit' } };
    return { state: { ...state, help: false } };
  }
  if (state.screen === 'list') {
    if (input === 'q') return { state: { ...state, quit: true }, effect: { type: 'quit' } };
    if (input === '?') return { state: { ...state, help: true } };
    if (key.upArrow || input === 'k') return { state: { ...state, listCursor: clampIndex(state.listCursor - 1, theories.length) } };
    if (key.downArrow || input === 'j') return { state: { ...state, listCursor: clampIndex(state.listCursor + 1, theories.length) } };
    if (key.return && theories[state.listCursor]) return { state: openTheory(state, theories[state.listCursor]!) };
    return { state };
  }
  const theory = theories.find((t) => t.id === state.theoryId);
  const t = current(state);
  if (!theory || !t) return { state: { ...state, screen: 'list' } };
  if (state.editing) return { state: handleEditKey(state, theory, input, key) };
  if (key.escape) {
    if (state.busy) return { state: info(state, `cancelling ${state.busy.activity}…`), effect: { type: 'cancel' } };
    return { state: { ...state, screen: 'list', message: undefined } };
  }
  if (input === 'q') return { state: { ...state, quit: true }, effect: { type: 'quit' } };
  if (input === '?') return { state: { ...state, help: true } };
  const tabIndex = TABS.findIndex((x) => x.id === state.tab);
  const switchTab = (i: number) => ({ state: updateTheory({ ...state, tab: TABS[(i + TABS.length) % TABS.length]!.id }, theory.id, (x) => ({ ...x, scroll: 0 })) });
  if (key.tab || key.rightArrow) return switchTab(key.shift ? tabIndex - 1 : tabIndex + 1);
  if (key.leftArrow) return switchTab(tabIndex - 1);
  if (/^[1-5]$/.test(input)) return switchTab(Number(input) - 1);
  if (key.backspace || key.delete) return { state: { ...state, screen: 'list', message: undefined } };
  if (input === 's') return startWork(state, theory, { type: 'run', kind: 'solve' });
  if (input === 'm') return startWork(state, theory, { type: 'run', kind: 'simulate' });
  if (input === 'd') return startWork(state, theory, { type: 'derive' });
  if (input === 'v') return startWork(state, theory, { type: 'validate' });
  if (input === 'w') {
    if (state.tab === 'overview' || state.tab === 'params') return { state: info(state, 'nothing to save here: w saves the Run, Derivations or Validation tab', 'error') };
    return { state, effect: { type: 'save' } };
  }
  const move = (delta: number) => {
    if (state.tab === 'params') {
      const n = paramRows(theory, t.values, t.options).length;
      return { state: updateTheory(state, theory.id, (x) => ({ ...x, paramCursor: clampIndex(x.paramCursor + delta, n) })) };
    }
    return { state: updateTheory(state, theory.id, (x) => ({ ...x, scroll: Math.max(0, x.scroll + delta) })) };
  };
  if (key.upArrow || input === 'k') return move(-1);
  if (key.downArrow || input === 'j') return move(1);
  if (key.pageUp) return move(-10);
  if (key.pageDown) return move(10);
  if (state.tab === 'params') {
    const rows = paramRows(theory, t.values, t.options);
    if (key.return || input === 'e') {
      const row = rows[t.paramCursor];
      if (!row) return { state };
      return { state: { ...state, editing: { name: row.name, text: row.value === '—' ? '' : row.value }, message: undefined } };
    }
    if (input === 'r') return { state: info(updateTheory(state, theory.id, (x) => ({ ...x, values: defaultParams(theory), options: defaultOptions(theory) })), 'parameters reset to their defaults', 'success') };
  }
  if (state.tab === 'run') {
    const plot = (change: Partial<PlotSettings>) => ({ state: updateTheory(state, theory.id, (x) => ({ ...x, plot: { ...x.plot, ...change } })) });
    if (input === 'l') return plot({ logY: !t.plot.logY });
    if (input === 'x') return plot({ logX: !t.plot.logX });
    if (input === 'y') return plot({ quantity: t.plot.quantity + 1 });
  }
  return { state };
}

/** Keep the open theory's scroll within the lines its panel has (the view knows how many). */
export function clampScroll(state: UiState, maxOffset: number): UiState {
  const t = current(state);
  if (!t || t.scroll <= maxOffset) return state;
  return updateTheory(state, state.theoryId!, (x) => ({ ...x, scroll: Math.max(0, maxOffset) }));
}

/** What running work reports back. */
export type WorkEvent =
  | { type: 'stage'; stage: string }
  | { type: 'progress'; progress: ProgressView }
  | { type: 'partial'; theoryId: string; partial: Record<string, unknown> }
  | { type: 'ran'; theoryId: string; outcome: RunOutcome }
  | { type: 'derived'; theoryId: string; rows: DerivationRow[] }
  | { type: 'validated'; theoryId: string; rows: ValidationRow[] }
  | { type: 'done'; message?: Message }
  | { type: 'failed'; error: string }
  | { type: 'cancelled' }
  | { type: 'message'; message: Message };

export function reduce(state: UiState, event: WorkEvent): UiState {
  switch (event.type) {
    case 'stage':
      return state.busy ? { ...state, busy: { ...state.busy, stage: event.stage } } : state;
    case 'progress':
      return state.busy ? { ...state, busy: { ...state.busy, progress: event.progress } } : state;
    case 'partial':
      return updateTheory(state, event.theoryId, (x) => ({ ...x, partial: event.partial }));
    case 'ran':
      return updateTheory(state, event.theoryId, (x) => ({ ...x, [event.outcome.kind]: event.outcome, ...(event.outcome.kind === 'simulate' ? { partial: undefined } : {}) }));
    case 'derived':
      return updateTheory(state, event.theoryId, (x) => ({ ...x, derivations: event.rows }));
    case 'validated':
      return updateTheory(state, event.theoryId, (x) => ({ ...x, validation: event.rows }));
    case 'done':
      return { ...state, busy: undefined, message: event.message };
    case 'failed': {
      const id = state.busy?.theoryId;
      const cleared = id ? updateTheory(state, id, (x) => ({ ...x, partial: undefined })) : state;
      return { ...cleared, busy: undefined, message: { text: event.error, tone: 'error' } };
    }
    case 'cancelled': {
      const what = state.busy?.activity ?? 'work';
      return { ...state, busy: undefined, message: { text: `${what} cancelled`, tone: 'info' } };
    }
    case 'message':
      return { ...state, message: event.message };
  }
}
