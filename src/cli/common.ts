/**
 * Options every theory command takes, and the action type the commands share.
 */
import { Option, type Command } from 'commander';

export type CommandAction = (...args: never[]) => Promise<number>;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function addCommonOptions(cmd: Command): Command {
  return cmd
    .option('--set <name=value,...>', 'parameter values, e.g. --set s=2,u0=0.001 (repeatable)', collect)
    .option('--params <file.json>', 'parameter values from a JSON file (--set wins)')
    .option('--seed <n>', 'random seed (default 1)')
    .addOption(new Option('--backend <name>', 'compute backend (cpu | webgpu); default: PLATEAU_BACKEND or the best available'))
    .option('--json', 'print one JSON object on stdout')
    .option('--csv', 'print the time series as CSV on stdout')
    .option('--out <dir>', 'also write results (JSON, CSV) into this directory, atomically')
    .option('--quiet', 'no progress on stderr');
}
