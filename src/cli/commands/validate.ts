/**
 * `plateau validate <theory> [claim]`: check the theory's claims against finite-size simulation.
 * `results.claims` lists `{id, passed, theory, simulation, error, tolerance, ...}`; the exit status
 * is 1 when any claim fails.
 */
import type { Command } from 'commander';
import { PlateauError } from '../../core/errors.ts';
import type { ClaimOutcome, ValidatorSize } from '../../core/validator.ts';
import { addCommonOptions, type CommandAction } from '../common.ts';
import { runContext, type CommonOptions } from '../context.ts';
import { EXIT_FAILED, EXIT_OK, fmt, printEnvelope } from '../output.ts';
import { findTheory, validatorsFor } from '../registry.ts';

function headline(x: number | number[]): string {
  return Array.isArray(x) ? `[${x.slice(0, 4).map(fmt).join(', ')}${x.length > 4 ? ', …' : ''}]` : fmt(x);
}

const validate: CommandAction = async (id: string, claim: string | undefined, opts: CommonOptions & { size?: string }) => {
  const theory = findTheory(id);
  const size = (opts.size ?? 'test') as ValidatorSize;
  if (size !== 'test' && size !== 'large') throw new PlateauError('BAD_INPUT', `--size ${opts.size} is invalid; valid: test | large`, { size: opts.size });
  let pairs = theory.claims.map((c, i) => ({ claim: c, validator: validatorsFor(theory)[i]! }));
  if (claim) {
    pairs = pairs.filter((p) => p.claim.id === claim);
    if (pairs.length === 0) throw new PlateauError('UNKNOWN_NAME', `unknown claim '${claim}' of ${id}; claims: ${theory.claims.map((c) => c.id).join(', ')}`, { claim });
  }
  const ctx = await runContext(opts);
  const outcomes: Array<ClaimOutcome & { statement: string; seconds: number }> = [];
  for (const { claim: c, validator } of pairs) {
    ctx.progress.start(`validate ${c.id}`, 0);
    const began = Date.now();
    const outcome = await validator.run({ ...ctx, size });
    const seconds = (Date.now() - began) / 1000;
    ctx.progress.finish(outcome.passed ? 'passed' : 'FAILED');
    outcomes.push({ ...outcome, id: c.id, statement: c.statement, seconds });
  }
  const passed = outcomes.every((o) => o.passed);
  if (opts.json) {
    printEnvelope({ theory: id, command: 'validate', params: { size }, seed: ctx.seed, backend: ctx.backend, results: { passed, claims: outcomes }, diagnostics: {} });
  } else {
    const rows = outcomes.map((o) => `${o.passed ? '✓' : '✗'} ${o.id.padEnd(26)} theory ${headline(o.theory).padEnd(28)} sim ${headline(o.simulation).padEnd(28)} error ${fmt(o.error).padEnd(10)} tol ${fmt(o.tolerance).padEnd(8)} ${o.seconds.toFixed(1)}s\n    ${o.statement}\n    error = ${o.measure}`);
    process.stdout.write(`${rows.join('\n')}\n${passed ? 'all claims hold' : 'some claims FAILED'}\n`);
  }
  return passed ? EXIT_OK : EXIT_FAILED;
};

export function registerValidateCommand(program: Command, wrap: (name: string, a: CommandAction) => (...args: unknown[]) => Promise<void>): void {
  const cmd = program.command('validate <theory> [claim]').description("check a theory's claims against finite-size simulation (exit 1 if one fails)");
  addCommonOptions(cmd);
  cmd.option('--size <size>', 'test (seconds) | large (paper-sized)', 'test');
  cmd.action(wrap('validate', validate));
}
