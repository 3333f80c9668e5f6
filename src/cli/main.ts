/**
 * The `plateau` command line. Every command has `--help`; theory commands have `--json` (one
 * object on stdout) and report errors with exit status 2 for bad input, 1 for failures.
 */
import { Command } from 'commander';
import type { CommandAction } from './common.ts';
import { reportError } from './output.ts';
import { registerBenchCommand } from './commands/bench.ts';
import { registerDeriveCommand } from './commands/derive.ts';
import { registerDocsCommand } from './commands/docs.ts';
import { registerInspectCommands } from './commands/inspect.ts';
import { registerReproduceCommand } from './commands/reproduce.ts';
import { registerRunCommands } from './commands/run.ts';
import { registerSweepCommand } from './commands/sweep.ts';
import { registerTourCommand } from './commands/tour.ts';
import { registerTuiCommand } from './commands/tui.ts';
import { registerValidateCommand } from './commands/validate.ts';

type Wrap = (name: string, a: CommandAction) => (...args: unknown[]) => Promise<void>;

/** Run an action; turn its result or error into the process exit status. */
const wrap: Wrap = (name, action) => async (...args: unknown[]) => {
  const opts = args.find((a, i) => i === args.length - 2 && a && typeof a === 'object') as { json?: boolean } | undefined;
  try {
    process.exitCode = await (action as (...a: unknown[]) => Promise<number>)(...args.slice(0, -1));
  } catch (e) {
    process.exitCode = reportError(e, name, Boolean(opts?.json));
  }
};

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('plateau')
    .description('A symbolic-numeric workbench for the theory of neural-network learning dynamics')
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({ outputError: (str, write) => write(str) })
    // commander's own usage errors (unknown option, missing argument) are bad input: exit 2.
    // Set before the commands are added so that every subcommand inherits it.
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));
  registerInspectCommands(program, wrap);
  registerDeriveCommand(program, wrap);
  registerRunCommands(program, wrap);
  registerValidateCommand(program, wrap);
  registerReproduceCommand(program, wrap);
  registerTourCommand(program, wrap);
  registerTuiCommand(program, wrap);
  registerDocsCommand(program, wrap);
  registerSweepCommand(program, wrap);
  registerBenchCommand(program, wrap);
  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  await buildProgram().parseAsync(argv as string[]);
}
