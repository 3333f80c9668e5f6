/**
 * What every command shares: reading `--set`/`--params`/`--seed`/`--backend`, resolving the
 * theory's parameters (one validation path, from the declaration), and the run context.
 */
import { readFileSync } from 'node:fs';
import { PlateauError } from '../core/errors.ts';
import { parseAssignments, resolveParams, type ParamRole, type ParamSpec } from '../core/params.ts';
import { silentProgress, streamProgress } from '../core/progress.ts';
import type { AnyTheory, CommandOption, OptionValues, RunContext } from '../core/theory.ts';
import { selectBackend } from '../compute/registry.ts';

export interface CommonOptions {
  json?: boolean;
  set?: string[];
  params?: string;
  seed?: string;
  backend?: string;
  out?: string;
  csv?: boolean;
  quiet?: boolean;
}

const DEFAULT_SEED = 1;

/** Values from `--params file.json` then `--set a=1,b=2` (later wins). */
function givenValues(opts: CommonOptions): Record<string, unknown> {
  let given: Record<string, unknown> = {};
  if (opts.params) {
    try {
      given = JSON.parse(readFileSync(opts.params, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new PlateauError('BAD_INPUT', `cannot read --params ${opts.params}: ${(e as Error).message}`, { file: opts.params });
    }
  }
  for (const s of opts.set ?? []) Object.assign(given, parseAssignments(s));
  return given;
}

/**
 * Resolve a theory's parameters for a command that uses parameters of the given roles. A
 * parameter of another role (e.g. `d` on `solve`) is refused with a hint, not silently ignored.
 */
export function theoryParams(theory: AnyTheory, opts: CommonOptions, roles: readonly ParamRole[]): Record<string, unknown> {
  return resolveTheoryParams(theory, givenValues(opts), roles);
}

/** `theoryParams` on values already read (e.g. from a sweep spec): the same one validation path. */
export function resolveTheoryParams(theory: AnyTheory, given: Record<string, unknown>, roles: readonly ParamRole[]): Record<string, unknown> {
  const specs: Record<string, ParamSpec> = {};
  for (const [name, spec] of Object.entries(theory.params as Record<string, ParamSpec>)) {
    if (roles.includes(spec.role ?? 'model')) specs[name] = spec;
  }
  for (const name of Object.keys(given)) {
    const spec = (theory.params as Record<string, ParamSpec>)[name];
    if (spec && !(name in specs)) {
      throw new PlateauError('UNKNOWN_PARAM', `parameter '${name}' is a ${spec.role} parameter of ${theory.id} and does not apply here${spec.role === 'simulation' ? ' (use plateau simulate)' : ''}`, { param: name });
    }
  }
  const params = resolveParams(specs, given, `theory ${theory.id}`);
  theory.validate?.(params as never);
  return params;
}

export function parseSeed(opts: CommonOptions): number {
  if (opts.seed === undefined) return DEFAULT_SEED;
  const seed = Number(opts.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new PlateauError('BAD_INPUT', `--seed ${opts.seed} is not a valid seed; valid range: integers ≥ 0`, { seed: opts.seed });
  }
  return seed;
}

export async function runContext(opts: CommonOptions): Promise<RunContext> {
  const backend = await selectBackend(opts.backend ?? process.env.PLATEAU_BACKEND);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return {
    seed: parseSeed(opts),
    progress: opts.quiet ? silentProgress : streamProgress(),
    signal: controller.signal,
    backend: backend.name,
  };
}

/** Values of a runner's declared options from commander's parsed options (camelCased). */
export function optionValues(declared: readonly CommandOption[] | undefined, parsed: Record<string, unknown>, all: readonly CommandOption[]): OptionValues {
  const out: Record<string, number | string | undefined> = {};
  for (const opt of all) {
    const raw = parsed[camel(opt.name)];
    const isDeclared = declared?.some((d) => d.name === opt.name) ?? false;
    if (raw !== undefined && !isDeclared) {
      throw new PlateauError('BAD_INPUT', `option --${opt.name} does not apply to this theory's command`, { option: opt.name });
    }
  }
  for (const opt of declared ?? []) {
    const raw = parsed[camel(opt.name)];
    if (raw === undefined) {
      out[opt.name] = opt.default;
      continue;
    }
    if (opt.kind === 'string') {
      out[opt.name] = String(raw);
      continue;
    }
    const value = Number(raw);
    const bad = !Number.isFinite(value) || (opt.kind === 'integer' && !Number.isInteger(value)) || (opt.min !== undefined && value < opt.min);
    if (bad) {
      const range = `${opt.kind === 'integer' ? 'integer' : 'number'}${opt.min !== undefined ? ` ≥ ${opt.min}` : ''}`;
      throw new PlateauError('BAD_INPUT', `--${opt.name} ${String(raw)} is invalid; expected a ${range}`, { option: opt.name, value: raw });
    }
    out[opt.name] = value;
  }
  return out;
}

export function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
