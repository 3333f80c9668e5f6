/**
 * The parameter table of a theory page and its editing: rows (name, symbol, range, current value)
 * and the one validation path of the declaration (`checkValue`, the theory's `validate`, the CLI's
 * option checks), so a bad value shows the message and range the CLI would print and is not applied.
 */
import { camel, optionValues } from '../../cli/context.ts';
import { checkValue, describeDomain, type ParamRole, type ParamSpec, type ParamValue } from '../../core/params.ts';
import type { AnyTheory, CommandOption, OptionValues } from '../../core/theory.ts';
import type { RunnerKind } from '../../runs/execute.ts';

export type ParamValues = Readonly<Record<string, ParamValue>>;

export interface ParamRow {
  /** `param` rows are the theory's parameters; `option` rows are its solver/simulator options. */
  kind: 'param' | 'option';
  name: string;
  symbol: string;
  range: string;
  value: string;
  isDefault: boolean;
  role: ParamRole | 'option';
  description: string;
}

function specs(theory: AnyTheory): Record<string, ParamSpec> {
  return theory.params as Record<string, ParamSpec>;
}

/** Options of the solver and the simulator, each name once (the solver's declaration first). */
export function declaredOptions(theory: AnyTheory): CommandOption[] {
  const seen = new Map<string, CommandOption>();
  for (const o of [...(theory.solver.options ?? []), ...(theory.simulator?.options ?? [])]) if (!seen.has(o.name)) seen.set(o.name, o);
  return [...seen.values()];
}

export function defaultParams(theory: AnyTheory): ParamValues {
  return Object.fromEntries(Object.entries(specs(theory)).map(([name, p]) => [name, p.default]));
}

export function defaultOptions(theory: AnyTheory): OptionValues {
  return Object.fromEntries(declaredOptions(theory).map((o) => [o.name, o.default]));
}

function valueText(v: ParamValue | number | string | undefined): string {
  return v === undefined ? '—' : String(v);
}

function optionRange(o: CommandOption): string {
  if (o.kind === 'string') return 'text';
  return `${o.kind === 'integer' ? 'integers' : 'numbers'}${o.min !== undefined ? ` ≥ ${o.min}` : ''}`;
}

export function paramRows(theory: AnyTheory, values: ParamValues, options: OptionValues): ParamRow[] {
  const params = Object.entries(specs(theory)).map(([name, p]): ParamRow => ({
    kind: 'param',
    name,
    symbol: p.unicode,
    range: describeDomain(p.domain),
    value: valueText(values[name]),
    isDefault: values[name] === p.default,
    role: p.role ?? 'model',
    description: p.unit ? `${p.description} [${p.unit}]` : p.description,
  }));
  const opts = declaredOptions(theory).map((o): ParamRow => ({
    kind: 'option',
    name: o.name,
    symbol: `--${o.name}`,
    range: optionRange(o),
    value: valueText(options[o.name]),
    isDefault: options[o.name] === o.default,
    role: 'option',
    description: o.description,
  }));
  return [...params, ...opts];
}

export type EditOutcome =
  | { ok: true; values: ParamValues; options: OptionValues }
  | { ok: false; error: string };

/**
 * Apply `text` to the parameter or option `name`. Empty text restores the default. Errors are the
 * declaration's own messages (they name the parameter, the value and the valid range).
 */
export function applyEdit(theory: AnyTheory, values: ParamValues, options: OptionValues, name: string, text: string): EditOutcome {
  try {
    const spec = specs(theory)[name];
    if (spec) {
      const value = text.trim() === '' ? spec.default : checkValue(name, spec, text.trim());
      const next = { ...values, [name]: value };
      theory.validate?.(next as never);
      return { ok: true, values: next, options };
    }
    const all = declaredOptions(theory);
    const option = all.find((o) => o.name === name);
    if (!option) return { ok: false, error: `unknown parameter '${name}'` };
    const parsed = optionValues([option], text.trim() === '' ? {} : { [camel(name)]: text.trim() }, all);
    return { ok: true, values, options: { ...options, [name]: parsed[name] } };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

const ROLES: Record<RunnerKind | 'derive', readonly ParamRole[]> = {
  solve: ['model', 'numerics'],
  derive: ['model', 'numerics'],
  simulate: ['model', 'numerics', 'simulation'],
};

/** The parameters a command takes (as `plateau solve|simulate|derive` would resolve them). */
export function paramsFor(theory: AnyTheory, values: ParamValues, kind: RunnerKind | 'derive'): Record<string, ParamValue> {
  const roles = ROLES[kind];
  return Object.fromEntries(Object.entries(specs(theory)).filter(([, p]) => roles.includes(p.role ?? 'model')).map(([name]) => [name, values[name]]));
}

/** The options a runner declares, at their current values. */
export function optionsFor(theory: AnyTheory, options: OptionValues, kind: RunnerKind): OptionValues {
  const runner = kind === 'solve' ? theory.solver : theory.simulator;
  return Object.fromEntries((runner?.options ?? []).map((o) => [o.name, options[o.name] ?? o.default]));
}
