/**
 * Running a theory's solver or simulator with the run store in front: the one entry point the CLI,
 * the TUI and sweeps share.
 */
import { PlateauError } from '../core/errors.ts';
import type { TaggedResult } from '../core/result.ts';
import type { AnyTheory, OptionValues, RunContext, RunnerSpec } from '../core/theory.ts';
import { RunStore, type RunIdentity } from './store.ts';

export type RunnerKind = 'solve' | 'simulate';

export function runnerOf(theory: AnyTheory, kind: RunnerKind): RunnerSpec<Record<string, unknown>> {
  const runner = kind === 'solve' ? theory.solver : theory.simulator;
  if (!runner) throw new PlateauError('UNKNOWN_NAME', `theory ${theory.id} has no ${kind === 'solve' ? 'solver' : 'simulator'}`, { theory: theory.id });
  return runner as RunnerSpec<Record<string, unknown>>;
}

export interface ExecuteOptions {
  /** Use (and fill) the on-disk run store. Default true. */
  cache?: boolean;
  store?: RunStore;
}

export interface Executed {
  result: TaggedResult<Record<string, unknown>>;
  cached: boolean;
  identity: RunIdentity;
}

/** Run `kind` of `theory` at `params`, reusing a stored result for the same identity. */
export async function executeRunner(
  theory: AnyTheory,
  kind: RunnerKind,
  params: Record<string, unknown>,
  options: OptionValues,
  ctx: RunContext,
  exec: ExecuteOptions = {},
): Promise<Executed> {
  const runner = runnerOf(theory, kind);
  const identity: RunIdentity = { theory: theory.id, version: theory.version, command: kind, params, options, seed: ctx.seed, backend: ctx.backend };
  const compute = () => runner.run(params, options, ctx);
  if (exec.cache === false) return { result: await compute(), cached: false, identity };
  const store = exec.store ?? new RunStore();
  // Refused results are cheap and depend on nothing stochastic: never cache them.
  const hit = store.get<TaggedResult<Record<string, unknown>>>(identity);
  if (hit) return { result: hit.result, cached: true, identity };
  const result = await compute();
  if (result.kind !== 'refused') store.put(identity, JSON.parse(JSON.stringify(result, (_, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v))));
  return { result, cached: false, identity };
}
