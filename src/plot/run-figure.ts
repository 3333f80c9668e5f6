/**
 * A figure from run results: the solver's series as theory curves and the simulator's series as
 * markers with error bars, over the shared `t` axis. One function serves the TUI's live plot (with
 * partial results as a simulation advances) and the plots of the generated docs.
 *
 * Conventions a runner's value follows (names are the quantity's plus a suffix):
 * - error bars: `testLossSe` (or another of ERROR_SUFFIXES) holds the standard errors of `testLoss`,
 *   the way a simulator reports "means and standard errors";
 * - a simulator may carry the theory it is compared with: `u1Theory` (THEORY_SUFFIXES) is drawn as
 *   the theory curve of `u1`.
 * A quantity's theory curve and its simulation share a figure group, hence a colour.
 */
import { seriesOf } from '../cli/output.ts';
import type { Figure, FigureSeries } from '../core/figure.ts';

const ERROR_SUFFIXES = ['Se', 'SE', '_se', 'Stderr', 'StdErr', 'Sem', 'Err', 'Std', '_std'] as const;
const THEORY_SUFFIXES = ['Theory', '_theory'] as const;

export interface RunColumn {
  name: string;
  y: number[];
  err?: number[];
  /** The theory curve this run carries for the quantity (`<name>Theory`), if any. */
  theory?: number[];
}

/** The series of a run value: `x` (its `t`) and each quantity with its error series, if any. */
export function runColumns(value: Readonly<Record<string, unknown>> | undefined): { x: number[]; columns: RunColumn[] } | undefined {
  if (!value) return undefined;
  const s = seriesOf(value as Record<string, unknown>);
  if (!s || s.rows === 0) return undefined;
  const names = s.columns.filter((c) => c !== 't');
  const sibling = (name: string, suffixes: readonly string[]) => suffixes.map((suffix) => `${name}${suffix}`).find((e) => names.includes(e));
  const attached = new Set(names.flatMap((n) => [sibling(n, ERROR_SUFFIXES), sibling(n, THEORY_SUFFIXES)]).filter((e): e is string => e !== undefined));
  const array = (name: string) => Array.from(value[name] as ArrayLike<number>);
  const columns = names
    .filter((n) => !attached.has(n))
    .map((name) => {
      const column: RunColumn = { name, y: array(name) };
      const err = sibling(name, ERROR_SUFFIXES);
      const theory = sibling(name, THEORY_SUFFIXES);
      if (err) column.err = array(err);
      if (theory) column.theory = array(theory);
      return column;
    });
  return { x: array('t'), columns };
}

/** The quantities a run figure can show: the union over solver and simulator, solver first. */
export function runQuantities(solve?: Readonly<Record<string, unknown>>, simulate?: Readonly<Record<string, unknown>>): string[] {
  const names = [...(runColumns(solve)?.columns ?? []), ...(runColumns(simulate)?.columns ?? [])].map((c) => c.name);
  return [...new Set(names)];
}

export interface RunFigureInput {
  id: string;
  title: string;
  solve?: Readonly<Record<string, unknown>>;
  simulate?: Readonly<Record<string, unknown>>;
  /** Show only these quantities (default: all). */
  only?: readonly string[];
  xLabel?: string;
  logX?: boolean;
  logY?: boolean;
}

export function runFigure(input: RunFigureInput): Figure {
  const keep = (name: string) => !input.only || input.only.includes(name);
  const series: FigureSeries[] = [];
  const theory = runColumns(input.solve);
  const simulation = runColumns(input.simulate);
  for (const c of theory?.columns ?? []) {
    if (keep(c.name)) series.push({ label: `${c.name} (theory)`, role: 'theory', x: theory!.x, y: c.y, group: c.name });
  }
  for (const c of simulation?.columns ?? []) {
    if (!keep(c.name)) continue;
    if (c.theory) series.push({ label: `${c.name} (theory)`, role: 'theory', x: simulation!.x, y: c.theory, group: c.name });
    const s: FigureSeries = { label: `${c.name} (simulation)`, role: 'simulation', x: simulation!.x, y: c.y, group: c.name };
    if (c.err) s.yErr = c.err;
    series.push(s);
  }
  const names = [...new Set(series.map((s) => s.label.replace(/ \((theory|simulation)\)$/, '')))];
  const fig: Figure = { id: input.id, title: input.title, xLabel: input.xLabel ?? 't', yLabel: names.join(', '), series };
  if (input.logX) fig.logX = true;
  if (input.logY) fig.logY = true;
  return fig;
}

/** A log y axis suits a figure whose values are all positive and span more than two decades. */
export function suggestsLogY(fig: Figure): boolean {
  const ys = fig.series.flatMap((s) => s.y).filter(Number.isFinite);
  if (ys.length === 0 || ys.some((y) => y <= 0)) return false;
  return Math.max(...ys) / Math.min(...ys) > 100;
}

/** At most `max` points per series, evenly spaced and always keeping the last. Cost O(max). */
export function thinFigure(fig: Figure, max: number): Figure {
  const pick = <T>(a: readonly T[], idx: number[]) => idx.map((i) => a[i]!);
  return {
    ...fig,
    series: fig.series.map((s) => {
      if (s.x.length <= max) return s;
      const idx = Array.from({ length: max }, (_, k) => Math.round((k * (s.x.length - 1)) / (max - 1)));
      const out: FigureSeries = { ...s, x: pick(s.x, idx), y: pick(s.y, idx) };
      if (s.yErr) out.yErr = pick(s.yErr, idx);
      return out;
    }),
  };
}
