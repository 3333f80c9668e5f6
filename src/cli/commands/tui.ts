/**
 * `plateau tui [theory]`: the interactive workbench (src/tui). Without a TTY, or under CI=true, it
 * prints a plain summary of the registered theories and exits 0 instead (Ink needs raw mode).
 */
import type { Command } from 'commander';
import { PlateauError } from '../../core/errors.ts';
import { selectBackend } from '../../compute/registry.ts';
import type { CommandAction } from '../common.ts';
import { parseSeed, type CommonOptions } from '../context.ts';
import { EXIT_OK } from '../output.ts';
import { allTheories, validatorsFor } from '../registry.ts';

function interactiveTerminal(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY) && process.env.CI !== 'true';
}

const tui: CommandAction = async (theoryId: string | undefined, opts: CommonOptions) => {
  const theories = allTheories();
  if (theoryId && !theories.some((t) => t.id === theoryId)) {
    throw new PlateauError('UNKNOWN_THEORY', `unknown theory '${theoryId}'; registered theories: ${theories.map((t) => t.id).join(', ') || '(none)'}`, { theory: theoryId });
  }
  const shown = theoryId ? theories.filter((t) => t.id === theoryId) : theories;
  if (!interactiveTerminal()) {
    const { plainSummary } = await import('../../tui/plain.ts');
    process.stdout.write(plainSummary(shown, process.stdout.columns || 100));
    return EXIT_OK;
  }
  const backend = await selectBackend(opts.backend ?? process.env.PLATEAU_BACKEND);
  // Loaded on demand: the other commands never pay for React and Ink.
  const [{ startTui }, { defaultServices }] = await Promise.all([import('../../tui/start.tsx'), import('../../tui/session.ts')]);
  await startTui(theories, defaultServices(validatorsFor, opts.out ?? 'plateau-out', parseSeed(opts), backend.name), theoryId);
  return EXIT_OK;
};

export function registerTuiCommand(program: Command, wrap: (name: string, a: CommandAction) => (...args: unknown[]) => Promise<void>): void {
  program
    .command('tui [theory]')
    .description('the interactive workbench: browse theories, edit parameters, run with live plots, validate (plain summary without a TTY)')
    .option('--out <dir>', 'where the w key saves results (default plateau-out/)')
    .option('--seed <n>', 'random seed (default 1)')
    .option('--backend <name>', 'compute backend (cpu | webgpu)')
    .action(wrap('tui', tui));
}
