/**
 * What `plateau tui` prints where it cannot run interactively (no TTY, or CI=true): each theory's
 * overview (citation, summary, parameters, equations), its derivations and its claims, as text,
 * from the same view models as the workbench.
 */
import type { AnyTheory } from '../core/theory.ts';
import { linesText } from './model/lines.ts';
import { overviewLines } from './model/screens.ts';
import { theoryState } from './model/state.ts';

export function plainSummary(theories: readonly AnyTheory[], width = 100): string {
  const out = [
    'plateau tui: no interactive terminal (stdin/stdout are not a TTY, or CI=true), so here is a plain summary.',
    'Run `plateau tui` in a terminal for the workbench (theory browser, parameter editing, live plots, validation).',
    '',
  ];
  if (theories.length === 0) out.push('No theories are registered yet (theory/index.ts).');
  for (const theory of theories) {
    out.push(`━━ ${theory.title} (${theory.id}) ━━`, linesText(overviewLines(theory, theoryState(theory), width)), '');
    const derivations = Object.entries(theory.derivations);
    if (derivations.length) out.push('Derivations', ...derivations.map(([name, d]) => `  ${name} — ${d.title}`), '');
    if (theory.claims.length) out.push('Claims', ...theory.claims.map((c) => `  ${c.id} — ${c.statement}`), '');
  }
  return `${out.join('\n')}\n`;
}
