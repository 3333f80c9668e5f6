/**
 * `plateau sweep plan|run|merge <spec.json>`: grids of runs of one theory command, on a local
 * worker pool, resumable, sharded across machines by `--shard i/n` or the scheduler's environment
 * (Slurm job arrays, Kubernetes Indexed Jobs); see docs/guides/scale-out.md. The hidden
 * `plateau sweep worker` is the pool's child process.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Option, type Command } from 'commander';
import { PlateauError } from '../../core/errors.ts';
import type { ParamRole } from '../../core/params.ts';
import { silentProgress, streamProgress } from '../../core/progress.ts';
import type { AnyTheory, OptionValues } from '../../core/theory.ts';
import { selectBackend } from '../../compute/registry.ts';
import { runnerOf } from '../../runs/execute.ts';
import { mergeSweep, planSweep, runSweep, type SweepSetup } from '../../runs/sweep.ts';
import { serveSweepWorker } from '../../runs/sweep-pool.ts';
import { loadSweepSpec, parseShard, shardFromEnv, type Shard, type SweepSpec } from '../../runs/sweep-spec.ts';
import type { CommandAction } from '../common.ts';
import { camel, optionValues, resolveTheoryParams } from '../context.ts';
import { EXIT_FAILED, EXIT_OK, fmt, printEnvelope, type Envelope } from '../output.ts';
import { findTheory } from '../registry.ts';

/** The `plateau` entry script, which pool workers run. */
const PLATEAU_BIN = fileURLToPath(new URL('../../../bin/plateau.js', import.meta.url));

interface SweepOptions {
  json?: boolean;
  quiet?: boolean;
  shard?: string;
  shards?: string;
  workers?: string;
  sample?: string;
  out?: string;
  from?: string[];
  backend?: string;
}

/** The theory of a spec: from its `theoryModule` when it has one, else from the registry. */
async function resolveTheory(spec: SweepSpec): Promise<AnyTheory> {
  if (!spec.theoryModule) return findTheory(spec.theory);
  const mod = (await import(pathToFileURL(spec.theoryModule).href)) as Record<string, unknown>;
  const found = Object.values(mod).find((v): v is AnyTheory => typeof v === 'object' && v !== null && (v as AnyTheory).id === spec.theory);
  if (!found) throw new PlateauError('UNKNOWN_THEORY', `${spec.theoryModule} exports no theory with id '${spec.theory}'`, { theory: spec.theory });
  return found;
}

function rolesOf(command: SweepSpec['command']): ParamRole[] {
  return command === 'solve' ? ['model', 'numerics'] : ['model', 'numerics', 'simulation'];
}

async function setupOf(specPath: string, opts: SweepOptions): Promise<SweepSetup> {
  const spec = loadSweepSpec(specPath);
  const theory = await resolveTheory(spec);
  const runner = runnerOf(theory, spec.command);
  const declared = runner.options ?? [];
  for (const name of Object.keys(spec.options ?? {})) {
    if (!declared.some((o) => o.name === name)) {
      throw new PlateauError('BAD_INPUT', `sweep spec: option '${name}' does not apply to ${theory.id} ${spec.command}; options: ${declared.map((o) => o.name).join(', ') || '(none)'}`, { option: name });
    }
  }
  const parsed = Object.fromEntries(Object.entries(spec.options ?? {}).map(([k, v]) => [camel(k), v]));
  const options: OptionValues = optionValues(declared, parsed, declared);
  const backend = (await selectBackend(opts.backend ?? spec.backend ?? process.env.PLATEAU_BACKEND)).name;
  return { spec, theory, backend, resolve: (given) => ({ params: resolveTheoryParams(theory, given, rolesOf(spec.command)), options }) };
}

function positiveInteger(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < (name === 'sample' ? 0 : 1)) throw new PlateauError('BAD_INPUT', `--${name} ${text} is invalid; expected an integer ≥ ${name === 'sample' ? 0 : 1}`, { [name]: text });
  return n;
}

function shardOf(opts: SweepOptions): Shard | undefined {
  if (opts.shard !== undefined) return parseShard(opts.shard);
  return shardFromEnv(process.env, positiveInteger('shards', opts.shards));
}

function envelope(setup: SweepSetup, command: string, results: Record<string, unknown>, diagnostics: Record<string, unknown> = {}): Envelope {
  return { theory: setup.theory.id, command, params: { ...setup.spec.params }, seed: null, backend: setup.backend, results, diagnostics };
}

const plan: CommandAction = async (specPath: string, opts: SweepOptions) => {
  const setup = await setupOf(specPath, opts);
  const p = await planSweep(setup, { shard: shardOf(opts), workers: positiveInteger('workers', opts.workers), sample: positiveInteger('sample', opts.sample) });
  if (opts.json) printEnvelope(envelope(setup, 'sweep plan', { ...p }));
  else {
    const eta = p.estimatedSeconds === null ? 'unknown (no run sampled)' : `${fmt(p.estimatedSeconds)} s on ${p.workers} workers (mean ${fmt(p.meanSeconds ?? 0)} s per run over ${p.sampled} sampled)`;
    process.stdout.write(
      [
        `sweep ${setup.spec.name ?? specPath}: ${setup.theory.id} ${setup.spec.command}, ${p.runs} runs (${p.gridPoints} grid points × ${p.seeds} seeds)`,
        `  shard ${p.shard.index}/${p.shard.count}: ${p.shardRuns} runs, ${p.cached + p.sampled} cached, ${p.remaining} to run`,
        `  estimate: ${eta}`,
      ].join('\n') + '\n',
    );
  }
  return EXIT_OK;
};

const run: CommandAction = async (specPath: string, opts: SweepOptions) => {
  const setup = await setupOf(specPath, opts);
  const outcome = await runSweep(setup, {
    shard: shardOf(opts),
    workers: positiveInteger('workers', opts.workers),
    out: opts.out,
    progress: opts.quiet ? silentProgress : streamProgress(),
    worker: { script: PLATEAU_BIN, args: ['sweep', 'worker'] },
  });
  const results = { dir: outcome.dir, shardFile: outcome.shardFile, shard: outcome.shard.shard, ...outcome.counts, table: outcome.table ? `${outcome.dir}/table.json` : null };
  if (opts.json) printEnvelope(envelope(setup, 'sweep run', results, { log: outcome.shard.log }));
  else {
    process.stdout.write(`${outcome.counts.runs} runs: ${outcome.counts.computed} computed, ${outcome.counts.cached} cached, ${outcome.counts.failed} failed → ${outcome.table ? `${outcome.dir}/table.csv` : outcome.shardFile}\n`);
  }
  return outcome.counts.failed > 0 ? EXIT_FAILED : EXIT_OK;
};

const merge: CommandAction = async (specPath: string, opts: SweepOptions) => {
  const spec = loadSweepSpec(specPath);
  const { table, files, written } = mergeSweep(spec, { from: opts.from, out: opts.out });
  const results = { rows: table.rows.length, missing: table.missing, complete: table.missing.length === 0, files, ...written, columns: table.columns };
  if (opts.json) printEnvelope({ theory: spec.theory, command: 'sweep merge', params: { ...spec.params }, seed: null, backend: spec.backend ?? null, results, diagnostics: {} });
  else {
    process.stdout.write(`merged ${files.length} shard files: ${table.rows.length} rows → ${written.csv}\n`);
    if (table.missing.length > 0) process.stdout.write(`missing runs: ${table.missing.join(', ')}\n`);
  }
  return table.missing.length === 0 ? EXIT_OK : EXIT_FAILED;
};

const worker: CommandAction = async () => {
  serveSweepWorker(resolveTheory);
  return new Promise<number>(() => {});
};

export function registerSweepCommand(program: Command, wrap: (name: string, a: CommandAction) => (...args: unknown[]) => Promise<void>): void {
  const sweep = program.command('sweep').description('grids of runs (params × seeds) from a JSON spec: plan, run on a local pool or in shards, merge');
  const shardOptions = (cmd: Command) =>
    cmd
      .option('--shard <i/n>', 'run only shard i of n (runs with number ≡ i mod n)')
      .option('--shards <n>', 'number of shards, with the index from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID')
      .option('--workers <n>', 'local worker processes (default: one per core)')
      .addOption(new Option('--backend <name>', 'compute backend (cpu | webgpu); default: the spec\'s, PLATEAU_BACKEND, or the best available'))
      .option('--json', 'print one JSON object on stdout');
  shardOptions(sweep.command('plan <spec>').description('print the number of runs, how many are cached, and a time estimate from sampled runs'))
    .option('--sample <k>', 'uncached runs to time for the estimate (default 1; they are cached)')
    .action(wrap('sweep plan', plan));
  shardOptions(sweep.command('run <spec>').description('run the sweep (or one shard) on local workers; resumes from the run store'))
    .option('--out <dir>', 'folder for shard files and the table (default $PLATEAU_HOME/sweeps/<name>)')
    .option('--quiet', 'no progress on stderr')
    .action(wrap('sweep run', run));
  sweep
    .command('merge <spec>')
    .description('join shard files into one table (table.csv + table.json)')
    .option('--from <dir-or-file...>', 'where the shard files are (default the sweep folder)')
    .option('--out <dir>', 'folder for the table (default $PLATEAU_HOME/sweeps/<name>)')
    .option('--json', 'print one JSON object on stdout')
    .action(wrap('sweep merge', merge));
  sweep.command('worker', { hidden: true }).description('a worker of sweep run (started by it)').action(wrap('sweep worker', worker));
}
