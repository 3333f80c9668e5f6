/**
 * `plateau reproduce <figure>`: build a figure a theory declares (e.g. `deep-linear/width-sweep`)
 * and write each panel as CSV + SVG into `--out` (default `figures/`), atomically.
 * `plateau reproduce --list` lists every declared figure.
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { PlateauError } from '../../core/errors.ts';
import { figureToCsv, figureToSvg } from '../../plot/svg.ts';
import { writeFileAtomic } from '../../runs/atomic.ts';
import type { CommandAction } from '../common.ts';
import { runContext, type CommonOptions } from '../context.ts';
import { EXIT_OK, printEnvelope } from '../output.ts';
import { allTheories } from '../registry.ts';

function declaredFigures(): Array<{ id: string; theory: string; title: string; description: string }> {
  return allTheories().flatMap((t) => Object.entries(t.figures ?? {}).map(([name, f]) => ({ id: `${t.id}/${name}`, theory: t.id, title: f.title, description: f.description })));
}

const reproduce: CommandAction = async (figureId: string | undefined, opts: CommonOptions & { list?: boolean; size?: string }) => {
  const figures = declaredFigures();
  if (opts.list || !figureId) {
    if (opts.json) printEnvelope({ theory: null, command: 'reproduce', params: {}, seed: null, backend: null, results: { figures }, diagnostics: {} });
    else process.stdout.write(`${figures.map((f) => `${f.id.padEnd(32)} ${f.title}`).join('\n')}\n`);
    return EXIT_OK;
  }
  const [theoryId, name] = figureId.includes('/') ? figureId.split('/') : [figures.find((f) => f.id.endsWith(`/${figureId}`))?.theory, figureId];
  const theory = allTheories().find((t) => t.id === theoryId);
  const spec = theory?.figures?.[name!];
  if (!theory || !spec) {
    throw new PlateauError('UNKNOWN_NAME', `unknown figure '${figureId}'; figures: ${figures.map((f) => f.id).join(', ') || '(none)'}`, { figure: figureId });
  }
  const size = opts.size === 'large' ? 'large' : 'test';
  const ctx = await runContext(opts);
  const panels = await spec.build({ ...ctx, size });
  const dir = opts.out ?? 'figures';
  const files: string[] = [];
  for (const panel of panels) {
    const base = join(dir, `${theory.id}-${panel.id}`);
    writeFileAtomic(`${base}.csv`, figureToCsv(panel));
    writeFileAtomic(`${base}.svg`, figureToSvg(panel));
    files.push(`${base}.csv`, `${base}.svg`);
  }
  if (opts.json) {
    printEnvelope({ theory: theory.id, command: 'reproduce', params: { figure: figureId, size }, seed: ctx.seed, backend: ctx.backend, results: { files, panels }, diagnostics: {} });
  } else {
    process.stdout.write(`${files.map((f) => `wrote ${f}`).join('\n')}\n`);
  }
  return EXIT_OK;
};

export function registerReproduceCommand(program: Command, wrap: (name: string, a: CommandAction) => (...args: unknown[]) => Promise<void>): void {
  program
    .command('reproduce [figure]')
    .description("rebuild a paper figure (CSV + SVG per panel); 'reproduce --list' lists them")
    .option('--list', 'list the declared figures')
    .option('--size <size>', 'test (seconds) | large (paper-sized)', 'test')
    .option('--out <dir>', 'output directory (default figures/)')
    .option('--seed <n>', 'random seed (default 1)')
    .option('--backend <name>', 'compute backend (cpu | webgpu)')
    .option('--json', 'print one JSON object on stdout')
    .option('--quiet', 'no progress on stderr')
    .action(wrap('reproduce', reproduce));
}
