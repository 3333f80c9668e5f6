/**
 * The run panel's plot and numbers: theory (the solver's series) against simulation (the
 * simulator's, partial while it runs) as one figure, the quantity shown, and the scalar results.
 */
import type { Figure } from '../../core/figure.ts';
import type { AnyTheory } from '../../core/theory.ts';
import { runColumns, runFigure, runQuantities } from '../../plot/run-figure.ts';
import { formatValue } from './results.ts';
import { isCurrent, type TheoryState } from './state.ts';

export interface RunView {
  figure?: Figure;
  quantities: string[];
  /** What the plot shows: `all`, or one quantity. */
  shown: string;
  /** The simulation on the plot is partial (still running or cancelled part-way). */
  partial: boolean;
  /** Results computed for parameters that have since changed. */
  stale: string[];
  scalars: Array<{ source: string; name: string; value: string }>;
}

/** −1 (all) … n−1, wrapping: the `y` key steps through it. */
export function quantityIndex(setting: number, n: number): number {
  return n === 0 ? -1 : ((((setting + 1) % (n + 1)) + (n + 1)) % (n + 1)) - 1;
}

function scalarsOf(source: string, value: Record<string, unknown> | undefined): RunView['scalars'] {
  if (!value) return [];
  const series = new Set(['t', ...(runColumns(value)?.columns.flatMap((c) => [c.name]) ?? [])]);
  return Object.entries(value)
    .filter(([k, v]) => !series.has(k) && (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean'))
    .map(([name, v]) => ({ source, name, value: formatValue(v) }));
}

export function runView(theory: AnyTheory, t: TheoryState): RunView {
  const solve = t.solve?.result.value;
  const simulate = t.partial ?? t.simulate?.result.value;
  const quantities = runQuantities(solve, simulate);
  const index = quantityIndex(t.plot.quantity, quantities.length);
  const only = index >= 0 ? [quantities[index]!] : undefined;
  const stale = (['solve', 'simulate'] as const).filter((k) => t[k] && !isCurrent(theory, t, t[k]));
  const view: RunView = {
    quantities,
    shown: only ? only[0]! : 'all',
    partial: t.partial !== undefined,
    stale,
    scalars: [...scalarsOf('theory', solve), ...scalarsOf('simulation', t.simulate?.result.value)],
  };
  if (quantities.length > 0) {
    view.figure = runFigure({ id: 'run', title: `${theory.title}: theory and simulation`, solve, simulate, only, logX: t.plot.logX, logY: t.plot.logY });
  }
  return view;
}
