/**
 * Parameters and their domains. Validation of user input lives here, once: every error names the
 * parameter, the value given and the valid range.
 */
import { PlateauError } from './errors.ts';

export type Domain =
  | { kind: 'real'; min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'choice'; options: readonly string[] }
  | { kind: 'boolean' };

/** What a parameter is for: the model itself, only finite-size simulation, or numerics. */
export type ParamRole = 'model' | 'simulation' | 'numerics';

export interface ParamSpec {
  /** LaTeX name, e.g. `u_0`, `\tau`. */
  latex: string;
  /** Name as a human reads it in plain text (Unicode), e.g. `u₀`, `τ`. */
  unicode: string;
  description: string;
  domain: Domain;
  /** Default value; `undefined` together with `optional: true` means "absent" (e.g. full batch). */
  default?: number | string | boolean;
  optional?: boolean;
  unit?: string;
  role?: ParamRole;
  /** Name of the symbol in equations when it differs from the parameter name. */
  symbol?: string;
}

type ValueOfDomain<D> = D extends { kind: 'choice' } ? string : D extends { kind: 'boolean' } ? boolean : number;
type ValueOf<S> = S extends { domain: infer D; optional: true } ? ValueOfDomain<D> | undefined : S extends { domain: infer D } ? ValueOfDomain<D> : never;

/** The typed parameter record of a theory, e.g. `{ s: number; u0: number; … }`. */
export type ParamsOf<PS extends Record<string, ParamSpec>> = { readonly [K in keyof PS]: ValueOf<PS[K]> };

export type ParamValue = number | string | boolean | undefined;
export type ParamRecord = Readonly<Record<string, ParamValue>>;

/** The valid range as a person reads it: `(0, ∞)`, `{3, 4, …}`, `mup | ntk`. */
export function describeDomain(domain: Domain): string {
  switch (domain.kind) {
    case 'real': {
      const lo = domain.min === undefined ? '(−∞' : `${domain.minExclusive ? '(' : '['}${domain.min}`;
      const hi = domain.max === undefined ? '∞)' : `${domain.max}${domain.maxExclusive ? ')' : ']'}`;
      return `${lo}, ${hi}`;
    }
    case 'integer': {
      const lo = domain.min ?? -Infinity;
      const hi = domain.max;
      if (hi === undefined) return `integers ≥ ${lo}`;
      return `integers in [${lo}, ${hi}]`;
    }
    case 'choice':
      return domain.options.join(' | ');
    case 'boolean':
      return 'true | false';
  }
}

function badParam(name: string, given: unknown, domain: Domain, why?: string): PlateauError {
  const range = describeDomain(domain);
  const msg = why
    ? `parameter ${name}=${String(given)}: ${why}; valid range ${name} ∈ ${range}`
    : `parameter ${name}=${String(given)} is outside its valid range ${name} ∈ ${range}`;
  return new PlateauError('BAD_PARAM', msg, { param: name, value: given, range });
}

/** Check a value against a domain; returns the value (converted from text when given text). */
export function checkValue(name: string, spec: ParamSpec, raw: unknown): ParamValue {
  const { domain } = spec;
  if (domain.kind === 'choice') {
    const text = String(raw);
    if (!domain.options.includes(text)) throw badParam(name, raw, domain, 'not one of the choices');
    return text;
  }
  if (domain.kind === 'boolean') {
    if (raw === true || raw === 'true' || raw === '1') return true;
    if (raw === false || raw === 'false' || raw === '0') return false;
    throw badParam(name, raw, domain, 'not a boolean');
  }
  const value = typeof raw === 'number' ? raw : parseNumber(String(raw));
  if (value === undefined || Number.isNaN(value)) throw badParam(name, raw, domain, 'not a number');
  if (domain.kind === 'integer' && !Number.isInteger(value)) throw badParam(name, raw, domain, 'not an integer');
  const { min, max } = domain;
  const minExclusive = domain.kind === 'real' && domain.minExclusive;
  const maxExclusive = domain.kind === 'real' && domain.maxExclusive;
  if (min !== undefined && (value < min || (minExclusive && value === min))) throw badParam(name, raw, domain);
  if (max !== undefined && (value > max || (maxExclusive && value === max))) throw badParam(name, raw, domain);
  if (!Number.isFinite(value) && domain.kind === 'integer') throw badParam(name, raw, domain, 'not finite');
  return value;
}

function parseNumber(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return undefined;
  if (t === 'inf' || t === 'infinity' || t === '+inf') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/**
 * Resolve user-given values (text or numbers) against the declared specs: unknown names are an
 * UNKNOWN_PARAM error listing the valid names, values are checked against their domains, and
 * missing values take their defaults.
 */
export function resolveParams(
  specs: Readonly<Record<string, ParamSpec>>,
  given: Readonly<Record<string, unknown>>,
  context: string,
): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const name of Object.keys(given)) {
    if (!(name in specs)) {
      throw new PlateauError(
        'UNKNOWN_PARAM',
        `unknown parameter '${name}' for ${context}; valid parameters: ${Object.keys(specs).join(', ')}`,
        { param: name, valid: Object.keys(specs) },
      );
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    const raw = given[name];
    if (raw === undefined || raw === '') {
      out[name] = spec.default;
      continue;
    }
    out[name] = checkValue(name, spec, raw);
  }
  return out;
}

/**
 * Parse `name=value,name=value` (the CLI's `--set`). Values stay text; `resolveParams` checks them.
 */
export function parseAssignments(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq <= 0) {
      throw new PlateauError('BAD_INPUT', `cannot read '${item}' in --set: expected name=value`, { item });
    }
    out[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return out;
}
