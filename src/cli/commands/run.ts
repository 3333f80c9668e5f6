/**
 * `plateau solve <theory>` (the theory's numeric solution) and `plateau simulate <theory>`
 * (finite-size simulation): one implementation serves both.
 */
import type { Command } from 'commander';
import type { CommandOption } from '../../core/theory.ts';
import { executeRunner, type RunnerKind } from '../../runs/execute.ts';
import { writeFileAtomic, writeJsonAtomic } from '../../runs/atomic.ts';
import { join } from 'node:path';
import { optionValues, runContext, theoryParams, type CommonOptions } from '../context.ts';
import { EXIT_BAD_INPUT, EXIT_OK, fmt, printEnvelope, seriesCsv, seriesOf, type Envelope } from '../output.ts';
import { addCommonOptions, type CommandAction } from '../common.ts';
import { allTheories, findTheory } from '../registry.ts';

function declaredOptions(kind: RunnerKind): CommandOption[] {
  const seen = new Map<string, CommandOption>();
  for (const t of allTheories()) {
    const runner = kind === 'solve' ? t.solver : t.simulator;
    for (const o of runner?.options ?? []) if (!seen.has(o.name)) seen.set(o.name, o);
  }
  return [...seen.values()];
}

function printHuman(env: Envelope, cached: boolean): void {
  const r = env.results;
  const lines = [`${env.theory} ${env.command}: ${String(r.kind)} (${String(r.method)})${cached ? ' [cached]' : ''}`];
  if (r.reason) lines.push(`  reason: ${String(r.reason)}`);
  const series = seriesOf(r);
  for (const [k, v] of Object.entries(r)) {
    if (['kind', 'method', 'reason', 'checks'].includes(k) || series?.columns.includes(k)) continue;
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') lines.push(`  ${k} = ${fmt(v)}`);
  }
  if (series) {
    lines.push(`  series (${series.rows} points; --json or --csv for all):`);
    lines.push(`    ${series.columns.map((c) => c.padStart(12)).join(' ')}`);
    const picks = new Set([0, ...Array.from({ length: 8 }, (_, i) => Math.round(((i + 1) * (series.rows - 1)) / 8))]);
    for (const i of [...picks].sort((a, b) => a - b)) {
      lines.push(`    ${series.columns.map((c) => fmt((r[c] as ArrayLike<number>)[i]).padStart(12)).join(' ')}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function action(kind: RunnerKind): CommandAction {
  return async (theoryId: string, opts: CommonOptions & { cache?: boolean } & Record<string, unknown>) => {
    const theory = findTheory(theoryId);
    const roles = kind === 'solve' ? (['model', 'numerics'] as const) : (['model', 'numerics', 'simulation'] as const);
    const params = theoryParams(theory, opts, roles);
    const runner = kind === 'solve' ? theory.solver : theory.simulator;
    const options = optionValues(runner?.options, opts, declaredOptions(kind));
    const ctx = await runContext(opts);
    const { result, cached } = await executeRunner(theory, kind, params, options, ctx, { cache: opts.cache !== false });
    const { value, diagnostics, ...tag } = result;
    const env: Envelope = {
      theory: theory.id,
      command: kind,
      params,
      seed: ctx.seed,
      backend: ctx.backend,
      results: { ...value, ...tag },
      diagnostics: { ...diagnostics, options, cached },
    };
    if (opts.out) {
      writeJsonAtomic(join(opts.out, `${theory.id}-${kind}.json`), env);
      const csv = seriesCsv(env.results);
      if (csv) writeFileAtomic(join(opts.out, `${theory.id}-${kind}.csv`), csv);
    }
    if (opts.json) printEnvelope(env);
    else if (opts.csv) process.stdout.write(seriesCsv(env.results) ?? '');
    else printHuman(env, cached);
    return result.kind === 'refused' ? EXIT_BAD_INPUT : EXIT_OK;
  };
}

export function registerRunCommands(program: Command, wrap: (name: string, a: CommandAction) => (...args: unknown[]) => Promise<void>): void {
  const descriptions: Record<RunnerKind, string> = {
    solve: "solve a theory numerically (ODE trajectories, DMFT, fixed points); prints the theory's curves",
    simulate: 'simulate finite-size networks and report means and standard errors over seeds',
  };
  for (const kind of ['solve', 'simulate'] as const) {
    const cmd = program.command(`${kind} <theory>`).description(descriptions[kind]);
    addCommonOptions(cmd);
    cmd.option('--no-cache', 'recompute even if the run store holds this run');
    for (const o of declaredOptions(kind)) {
      const dflt = o.default === undefined ? '' : ` (default ${o.default})`;
      cmd.option(`--${o.name} <${o.kind === 'string' ? 'text' : 'n'}>`, `${o.description}${dflt}`);
    }
    cmd.action(wrap(kind, action(kind)));
  }
}
