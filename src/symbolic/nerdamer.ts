/**
 * The one place that loads nerdamer (the maintained fork `nerdamer-prime`, CommonJS). Its add-on
 * files (Algebra, Calculus, Solve) must be loaded explicitly for diff/integrate/solve to exist.
 *
 * nerdamer keeps a global history of every expression it parses; `run` clears it after each
 * operation so long sessions do not grow and results never depend on earlier calls.
 */
import { createRequire } from 'node:module';
import { PlateauError } from '../core/errors.ts';
import { add, call, mul, num, pow, sym, type Node } from './ast.ts';

const require = createRequire(import.meta.url);

/** The subset of nerdamer's Frac and Symbol that the converter reads. */
interface NerdFrac {
  num: { toString(): string };
  den: { toString(): string };
}
export interface NerdSymbol {
  group: number;
  previousGroup?: number;
  value: string;
  fname?: string;
  multiplier: NerdFrac;
  power: NerdFrac | NerdSymbol;
  symbols?: Record<string, NerdSymbol>;
  args?: NerdSymbol[];
}
interface NerdExpression {
  symbol: NerdSymbol;
  toString(): string;
  sub(symbol: string, by: string): NerdExpression;
}
type NerdamerFn = ((text: string) => NerdExpression) & {
  diff(text: string, v: string, n?: number): NerdExpression;
  integrate(text: string, v: string): NerdExpression;
  solve(text: string, v: string): NerdExpression;
  flush(): void;
  set(setting: string, value: unknown): void;
  getCore(): { groups: Record<string, number> };
};

const nerdamer = require('nerdamer-prime') as NerdamerFn;
require('nerdamer-prime/Algebra');
require('nerdamer-prime/Calculus');
require('nerdamer-prime/Solve');
// nerdamer prints warnings such as "Unable to compute integral!" with console.warn; Plateau reports
// failed attempts itself (IntegralOutcome.attempts), so they would only clutter stderr.
nerdamer.set('SILENCE_WARNINGS', true);
// nerdamer aborts a simplification after TIMEOUT ms of wall-clock time (default 800). On a loaded
// 2-core machine (parallel test files, CLI subprocesses) simplifications that take 0.2 s alone pass
// 0.8 s, so results would depend on the load; 4 s keeps them deterministic.
nerdamer.set('TIMEOUT', 4000);

const G = nerdamer.getCore().groups as { N: number; P: number; S: number; EX: number; FN: number; PL: number; CB: number; CP: number };

/**
 * Run one nerdamer operation and convert its result. nerdamer throws plain errors (and its own
 * "timeout" for runaway simplification); both become SYMBOLIC errors that callers turn into an
 * `unsolved` result.
 */
export function runNerdamer<T>(what: string, op: (n: NerdamerFn) => T): T {
  try {
    return op(nerdamer);
  } catch (e) {
    throw new PlateauError('SYMBOLIC', `nerdamer failed to ${what}: ${(e as Error).message}`, { what });
  } finally {
    nerdamer.flush();
  }
}

function fracNode(f: NerdFrac): Node {
  return num(Number(f.num.toString()), Number(f.den.toString()));
}

function isFrac(p: NerdFrac | NerdSymbol): p is NerdFrac {
  return (p as NerdSymbol).group === undefined;
}

/** Convert the body of a composite (sum or product) ignoring its own power and multiplier. */
function compositeBody(group: number, symbols: Record<string, NerdSymbol>): Node {
  const parts = Object.values(symbols).map(toTree);
  return group === G.CB ? mul(...parts) : add(...parts);
}

/**
 * nerdamer Symbol → Plateau tree. A nerdamer symbol is multiplier · base^power, where the base
 * depends on the group: N number, P number raised to a power, S variable, EX anything raised to a
 * symbolic power, FN function call, PL/CP sums, CB products.
 */
export function toTree(s: NerdSymbol): Node {
  const multiplier = fracNode(s.multiplier);
  if (s.group === G.N) return multiplier;
  let base: Node;
  switch (s.group) {
    case G.P:
      base = num(Number(s.value));
      break;
    case G.S:
      base = sym(s.value);
      break;
    case G.EX:
      if (s.symbols && s.previousGroup !== undefined) base = compositeBody(s.previousGroup, s.symbols);
      else if (/^-?\d+(\.\d+)?$/.test(s.value)) base = num(Number(s.value));
      else if (s.fname !== undefined && s.args) base = s.fname === '' ? toTree(s.args[0]!) : call(s.fname, ...s.args.map(toTree));
      else base = sym(s.value);
      break;
    case G.FN:
      base = s.fname === '' ? toTree(s.args![0]!) : call(s.fname!, ...s.args!.map(toTree));
      break;
    case G.PL:
    case G.CP:
    case G.CB:
      base = compositeBody(s.group, s.symbols!);
      break;
    default:
      throw new PlateauError('SYMBOLIC', `unknown nerdamer group ${s.group} in ${s.value}`);
  }
  const exponent = isFrac(s.power) ? fracNode(s.power) : toTree(s.power);
  return mul(multiplier, pow(base, exponent));
}

export type { NerdExpression, NerdamerFn };
