/**
 * `plateau derive <theory> [name]`: run the symbolic derivations. With a name, one tagged result
 * (`results.kind`, `results.latex`, `results.value`, `results.checks`); without, every derivation
 * (`results.derivations`).
 */
import type { Command } from 'commander';
import { PlateauError } from '../../core/errors.ts';
import type { TaggedResult } from '../../core/result.ts';
import { addCommonOptions, type CommandAction } from '../common.ts';
import { theoryParams, type CommonOptions } from '../context.ts';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, fmt, printEnvelope } from '../output.ts';
import { findTheory } from '../registry.ts';

function summarise(name: string, r: TaggedResult): string[] {
  const lines = [`${name}: ${r.kind}${r.asymptotic ? ` (asymptotic, ${r.asymptotic})` : ''} — ${r.method}`];
  if (r.latex) lines.push(`    ${r.latex}`);
  if (typeof r.value === 'number') lines.push(`    value = ${fmt(r.value)}`);
  else if (r.value !== undefined && r.value !== null) lines.push(`    value = ${JSON.stringify(r.value, (_, v: unknown) => (typeof v === 'number' ? Number(fmt(v)) : v))}`);
  if (r.reason) lines.push(`    reason: ${r.reason}`);
  for (const c of r.checks) lines.push(`    ${c.passed ? '✓' : '✗'} ${c.name}: residual ${c.residual.toExponential(2)} (tol ${c.tolerance}, ${c.samples} samples)`);
  return lines;
}

const derive: CommandAction = async (id: string, name: string | undefined, opts: CommonOptions) => {
  const theory = findTheory(id);
  const params = theoryParams(theory, opts, ['model', 'numerics']);
  const names = name ? [name] : Object.keys(theory.derivations);
  if (name && !(name in theory.derivations)) {
    throw new PlateauError('UNKNOWN_NAME', `unknown derivation '${name}' of ${id}; available: ${Object.keys(theory.derivations).join(', ')}`, { name });
  }
  const results = names.map((n) => ({ name: n, title: theory.derivations[n]!.title, result: theory.derivations[n]!.derive(params as never) }));
  if (opts.json) {
    const body = name
      ? { ...results[0]!.result, name, title: results[0]!.title }
      : { derivations: results.map((r) => ({ name: r.name, title: r.title, ...r.result })) };
    printEnvelope({ theory: id, command: 'derive', params, seed: null, backend: null, results: body, diagnostics: {} });
  } else {
    process.stdout.write(`${results.flatMap((r) => summarise(r.name, r.result)).join('\n')}\n`);
  }
  if (results.some((r) => r.result.kind === 'refused')) return name ? EXIT_BAD_INPUT : EXIT_OK;
  return results.some((r) => r.result.kind === 'unsolved' && r.result.checks.some((c) => !c.passed)) && name ? EXIT_FAILED : EXIT_OK;
};

export function registerDeriveCommand(program: Command, wrap: (name: string, a: CommandAction) => (...args: unknown[]) => Promise<void>): void {
  const cmd = program.command('derive <theory> [name]').description('derive results symbolically (each verified numerically); without a name, all of them');
  addCommonOptions(cmd);
  cmd.action(wrap('derive', derive));
}
