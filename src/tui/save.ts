/**
 * Saving from the TUI: the tab in view goes to `outDir` as JSON (everything), CSV (the table or the
 * plotted series) and, for runs, SVG (the plot, by the same writer as `plateau reproduce`). All
 * writes are atomic.
 */
import { join } from 'node:path';
import { toJson } from '../cli/output.ts';
import type { AnyTheory } from '../core/theory.ts';
import { figureToCsv, figureToSvg } from '../plot/svg.ts';
import { writeFileAtomic } from '../runs/atomic.ts';
import { runView } from './model/plot.ts';
import type { RunOutcome, Tab, TheoryState } from './model/state.ts';

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function rowsToCsv<R extends object>(rows: readonly R[], columns: ReadonlyArray<keyof R & string>): string {
  return `${[columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n')}\n`;
}

function runJson(o: RunOutcome | undefined): Record<string, unknown> | undefined {
  if (!o) return undefined;
  const { value, diagnostics, ...tag } = o.result;
  return { params: o.params, options: o.options, cached: o.cached, seconds: o.seconds, results: { ...value, ...tag }, diagnostics };
}

/** Write the tab's results; returns the paths written (empty when the tab holds nothing yet). */
export function saveTab(theory: AnyTheory, t: TheoryState, tab: Tab, outDir: string, meta: { seed: number; backend: string }): string[] {
  const base = join(outDir, `${theory.id}-${tab === 'run' ? 'run' : tab === 'derive' ? 'derivations' : 'validation'}`);
  const head = { theory: theory.id, seed: meta.seed, backend: meta.backend };
  const written: string[] = [];
  const write = (ext: string, text: string) => {
    writeFileAtomic(`${base}.${ext}`, text);
    written.push(`${base}.${ext}`);
  };
  if (tab === 'run') {
    const view = runView(theory, t);
    if (!t.solve && !t.simulate) return [];
    write('json', `${toJson({ ...head, command: 'tui run', solve: runJson(t.solve), simulate: runJson(t.simulate) })}\n`);
    if (view.figure) {
      write('csv', figureToCsv(view.figure));
      write('svg', figureToSvg(view.figure));
    }
  } else if (tab === 'derive' && t.derivations) {
    write('json', `${toJson({ ...head, command: 'tui derive', params: t.values, derivations: t.derivations })}\n`);
    const rows = t.derivations.map((d) => ({ ...d, checks: d.checks.map((c) => `${c.passed ? 'pass' : 'FAIL'} ${c.name} ${c.residual}`).join('; ') }));
    write('csv', rowsToCsv(rows, ['name', 'kind', 'value', 'formula', 'method', 'asymptotic', 'reason', 'checks']));
  } else if (tab === 'validate' && t.validation) {
    write('json', `${toJson({ ...head, command: 'tui validate', size: 'test', claims: t.validation })}\n`);
    write('csv', rowsToCsv(t.validation, ['claim', 'theory', 'simulation', 'error', 'tolerance', 'passed', 'measure', 'seconds', 'failure']));
  }
  return written;
}
