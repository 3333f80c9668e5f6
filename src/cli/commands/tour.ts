/**
 * `plateau tour` (what `npm start` runs): the flagship demo. Each registered theory shows what
 * Plateau does with it; progress goes to stderr.
 */
import type { Command } from 'commander';
import type { CommandAction } from '../common.ts';
import { runContext, type CommonOptions } from '../context.ts';
import { EXIT_OK } from '../output.ts';
import { allTheories } from '../registry.ts';

const tour: CommandAction = async (opts: CommonOptions) => {
  const ctx = await runContext(opts);
  const began = Date.now();
  process.stdout.write('Plateau — a workbench for the theory of learning dynamics\n');
  process.stdout.write('A theory is declared once; Plateau derives, solves, simulates and compares it.\n\n');
  for (const theory of allTheories()) {
    if (!theory.tour) continue;
    process.stdout.write(`━━ ${theory.title} (${theory.id}) ━━\n`);
    const lines = await theory.tour(ctx);
    process.stdout.write(`${lines.join('\n')}\n\n`);
  }
  process.stdout.write(`Tour finished in ${((Date.now() - began) / 1000).toFixed(1)} s. Next: plateau list, plateau show <theory>, plateau --help.\n`);
  return EXIT_OK;
};

export function registerTourCommand(program: Command, wrap: (name: string, a: CommandAction) => (...args: unknown[]) => Promise<void>): void {
  program
    .command('tour')
    .description('the flagship demo: derive, solve, simulate and validate each theory (under 2 minutes)')
    .option('--seed <n>', 'random seed (default 1)')
    .option('--quiet', 'no progress on stderr')
    .action(wrap('tour', tour));
}
