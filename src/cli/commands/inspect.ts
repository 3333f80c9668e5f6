/**
 * `plateau list` and `plateau show <theory>`: what is registered, and one theory's declaration
 * (parameters with ranges, equations rendered from the declaration, derivations, claims).
 */
import type { Command } from 'commander';
import { describeDomain, type ParamSpec } from '../../core/params.ts';
import { renderEquations } from '../../symbolic/theory-render.ts';
import type { CommandAction } from '../common.ts';
import { EXIT_OK, printEnvelope } from '../output.ts';
import { allTheories, findTheory } from '../registry.ts';

const list: CommandAction = async (opts: { json?: boolean }) => {
  const rows = allTheories().map((t) => ({
    id: t.id,
    title: t.title,
    citation: `${t.citation.authors} (${t.citation.year}), arXiv:${t.citation.arxiv}`,
    equations: Object.keys(t.equations).length,
    derivations: Object.keys(t.derivations).length,
    claims: t.claims.length,
  }));
  if (opts.json) {
    printEnvelope({ theory: null, command: 'list', params: {}, seed: null, backend: null, results: { theories: rows }, diagnostics: {} });
  } else {
    for (const r of rows) process.stdout.write(`${r.id.padEnd(12)} ${r.title}\n${' '.repeat(13)}${r.citation} — ${r.equations} equations, ${r.derivations} derivations, ${r.claims} claims\n`);
  }
  return EXIT_OK;
};

const show: CommandAction = async (id: string, opts: { json?: boolean }) => {
  const t = findTheory(id);
  const params = Object.entries(t.params as Record<string, ParamSpec>).map(([name, p]) => ({
    name,
    latex: p.latex,
    unicode: p.unicode,
    description: p.description,
    range: describeDomain(p.domain),
    default: p.default ?? null,
    role: p.role ?? 'model',
    ...(p.unit ? { unit: p.unit } : {}),
  }));
  const equations = renderEquations(t);
  const derivations = Object.entries(t.derivations).map(([name, d]) => ({ name, title: d.title, description: d.description, from: d.from }));
  const claims = t.claims.map((c) => ({ id: c.id, statement: c.statement, equations: c.equations, validator: c.validator }));
  if (opts.json) {
    printEnvelope({
      theory: t.id,
      command: 'show',
      params: {},
      seed: null,
      backend: null,
      results: { id: t.id, title: t.title, citation: t.citation, summary: t.summary, params, equations, derivations, claims },
      diagnostics: {},
    });
    return EXIT_OK;
  }
  const out: string[] = [`${t.title}`, `${t.citation.authors}, "${t.citation.title}" (${t.citation.year}), arXiv:${t.citation.arxiv}`, '', t.summary, '', 'Parameters:'];
  for (const p of params) out.push(`  ${p.name.padEnd(8)} ${p.unicode.padEnd(6)} ∈ ${p.range.padEnd(22)} default ${String(p.default).padEnd(8)} ${p.description}${p.role !== 'model' ? ` [${p.role}]` : ''}`);
  out.push('', 'Equations:');
  for (const e of equations) out.push(`  (${e.ref}) ${e.title}`, `      ${e.unicode}`);
  out.push('', 'Derivations (plateau derive ' + t.id + ' <name>):');
  for (const d of derivations) out.push(`  ${d.name.padEnd(22)} ${d.title}`);
  out.push('', 'Claims (plateau validate ' + t.id + '):');
  for (const c of claims) out.push(`  ${c.id.padEnd(22)} ${c.statement}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return EXIT_OK;
};

export function registerInspectCommands(program: Command, wrap: (name: string, a: CommandAction) => (...args: unknown[]) => Promise<void>): void {
  program.command('list').description('list the registered theories').option('--json', 'print one JSON object on stdout').action(wrap('list', list));
  program
    .command('show <theory>')
    .description("show a theory's parameters, equations, derivations and claims")
    .option('--json', 'print one JSON object on stdout')
    .action(wrap('show', show));
}
