/**
 * `plateau bench [--only ids] [--json] [--quick]`: the benchmarks of bench/ (Plateau against numpy
 * on one BLAS thread), the same as `npm run bench`. Never part of the tests.
 */
import type { Command } from 'commander';
import { EXIT_OK, toJson } from '../output.ts';
import type { CommandAction } from '../common.ts';
import { selectBackend } from '../../compute/registry.ts';

interface BenchCliOptions {
  only?: string;
  json?: boolean;
  quick?: boolean;
  size?: 'test' | 'large';
  backend?: string;
}

const bench: CommandAction = async (opts: BenchCliOptions) => {
  await selectBackend(opts.backend ?? process.env.PLATEAU_BACKEND);
  // bench/ sits beside src/ and imports it; loaded on demand so other commands never pay for it.
  const { runBench } = await import('../../../bench/run.ts');
  const only = opts.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const report = await runBench({ only, json: opts.json, quick: opts.quick, size: opts.size });
  if (opts.json) process.stdout.write(`${toJson(report)}\n`);
  return EXIT_OK;
};

export function registerBenchCommand(program: Command, wrap: (name: string, a: CommandAction) => (...args: unknown[]) => Promise<void>): void {
  program
    .command('bench')
    .description('benchmarks against numpy (matmul GFLOP/s, trainer steps, a validator end to end); prints ratios')
    .option('--only <ids>', 'comma-separated benchmark ids (matmul, trainers, validators, …)')
    .option('--quick', 'smaller sizes (a smoke run)')
    .option('--size <size>', 'validator size: test or large (default test)')
    .option('--backend <name>', 'compute backend (cpu | webgpu)')
    .option('--json', 'print one JSON object on stdout')
    .action(wrap('bench', bench));
}
