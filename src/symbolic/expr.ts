/**
 * `Expr`: an expression held both as nerdamer text (for symbolic operations) and as Plateau's tree
 * (for rendering and compiling). All symbolic operations go through nerdamer (`nerdamer.ts`); this
 * module wraps them so the rest of Plateau never sees nerdamer objects.
 *
 * Time derivatives are written `diff(u,t)` in equations. nerdamer would evaluate that to 0 (u is a
 * plain symbol), so the parser stores it as the placeholder symbol `d__u__t` and the renderers show
 * it as u̇.
 */
import { PlateauError } from '../core/errors.ts';
import { call, freeSymbols, sym, transform, type Node } from './ast.ts';
import { compileTree, type CompiledFn } from './compile.ts';
import { runNerdamer, toTree, type NerdExpression } from './nerdamer.ts';
import { toTeX, toText, toUnicode, type SymbolNames } from './render.ts';

const DERIVATIVE = /diff\(\s*([A-Za-z_]\w*)\s*,\s*([A-Za-z_]\w*)\s*\)/g;
const PLACEHOLDER = /^d__([A-Za-z_]\w*?)__([A-Za-z_]\w*)$/;

/** `d__u__t` for the time derivative of u. */
export function derivativeSymbol(variable: string, time = 't'): string {
  return `d__${variable}__${time}`;
}

/** Names that nerdamer reads as constants: using them as variables would silently change meaning. */
const RESERVED = new Set(['E', 'i', 'PI']);

function fromNerdamer(result: NerdExpression): Expr {
  return new Expr(result.toString(), toTree(result.symbol));
}

export class Expr {
  /** nerdamer's canonical text; parseable again. */
  readonly text: string;
  readonly tree: Node;

  constructor(text: string, tree: Node) {
    this.text = text;
    this.tree = tree;
  }

  /** Parse nerdamer syntax. `diff(x,t)` becomes a derivative placeholder (see module comment). */
  static parse(text: string): Expr {
    const prepared = text.replace(DERIVATIVE, (_, v: string, t: string) => derivativeSymbol(v, t));
    for (const word of prepared.match(/[A-Za-z_]\w*/g) ?? []) {
      if (RESERVED.has(word)) throw new PlateauError('SYMBOLIC', `'${word}' is a nerdamer constant; rename the symbol in '${text}'`);
    }
    return runNerdamer(`parse ${text}`, (n) => fromNerdamer(n(prepared)));
  }

  /** Build from a tree (e.g. after a rewrite); nerdamer re-canonicalises it. */
  static fromTree(tree: Node): Expr {
    return Expr.parse(toText(tree));
  }

  toString(): string {
    return this.text;
  }

  /** Free symbols, sorted (constants e and pi excluded). */
  symbols(): string[] {
    return freeSymbols(this.tree);
  }

  /** LaTeX; derivative placeholders render as dotted variables. */
  tex(names: SymbolNames = {}): string {
    return toTeX(displayTree(this.tree), names);
  }

  unicode(names: SymbolNames = {}): string {
    return toUnicode(displayTree(this.tree), names);
  }

  /** Compile to a float64 closure over `args` (positional). */
  compile(args: readonly string[]): CompiledFn {
    return compileTree(this.tree, args);
  }

  /** Evaluate at named values (convenience for checks; hot loops use `compile`). */
  evaluate(values: Readonly<Record<string, number>>): number {
    const names = this.symbols();
    return this.compile(names)(...names.map((n) => {
      const v = values[n];
      if (v === undefined) throw new PlateauError('SYMBOLIC', `no value for symbol '${n}' in ${this.text}`, { symbol: n });
      return v;
    }));
  }
}

/** Replace derivative placeholders by diff(x, t) calls, for rendering. */
function displayTree(tree: Node): Node {
  return transform(tree, (x) => {
    if (x.type !== 'sym') return x;
    const m = PLACEHOLDER.exec(x.name);
    return m ? call('diff', sym(m[1]!), sym(m[2]!)) : x;
  });
}

type Operand = Expr | string;
/** Text of an operand; an equation string `a = b` stands for its residual a − b. */
function textOf(e: Operand): string {
  if (typeof e !== 'string') return e.text;
  const sides = e.split('=');
  if (sides.length === 2) return difference(sides[0]!, sides[1]!).text;
  return Expr.parse(e).text;
}

export function parse(text: string): Expr {
  return Expr.parse(text);
}

export function simplify(e: Operand): Expr {
  return runNerdamer('simplify', (n) => fromNerdamer(n(`simplify(${textOf(e)})`)));
}

export function expand(e: Operand): Expr {
  return runNerdamer('expand', (n) => fromNerdamer(n(`expand(${textOf(e)})`)));
}

export function factor(e: Operand): Expr {
  return runNerdamer('factor', (n) => fromNerdamer(n(`factor(${textOf(e)})`)));
}

/** ∂ⁿe/∂vⁿ. */
export function diff(e: Operand, v: string, order = 1): Expr {
  return runNerdamer(`differentiate by ${v}`, (n) => fromNerdamer(n.diff(textOf(e), v, order)));
}

/** Replace each symbol by an expression, simultaneously. */
export function substitute(e: Operand, replacements: Readonly<Record<string, Operand>>): Expr {
  const entries = Object.entries(replacements);
  // Rename first so that replacements mentioning other replaced symbols are not substituted twice.
  let text = textOf(e);
  return runNerdamer('substitute', (n) => {
    entries.forEach(([v], i) => {
      text = n(text).sub(v, `zz__sub${i}`).toString();
    });
    entries.forEach(([, by], i) => {
      text = n(text).sub(`zz__sub${i}`, `(${textOf(by)})`).toString();
    });
    return fromNerdamer(n(text));
  });
}

/** nerdamer's antiderivative, unverified; undefined when nerdamer leaves an integral unevaluated. */
export function rawIntegral(e: Operand, v: string): Expr | undefined {
  const result = runNerdamer(`integrate by ${v}`, (n) => fromNerdamer(n.integrate(textOf(e), v)));
  return result.text.includes('integrate(') ? undefined : result;
}

/** nerdamer's roots of e = 0 in v, unverified (nerdamer is known to drop roots). */
export function rawRoots(e: Operand, v: string): Expr[] {
  return runNerdamer(`solve for ${v}`, (n) => {
    const out = n.solve(textOf(e), v) as unknown as { symbol: { elements?: Array<Parameters<typeof toTree>[0]> } };
    const elements = out.symbol.elements ?? [];
    return elements.map((s) => Expr.fromTree(toTree(s)));
  });
}

/** a − b as one expression (the residual of the equation a = b). */
export function difference(a: Operand, b: Operand): Expr {
  const left = typeof a === 'string' ? Expr.parse(a).text : a.text;
  const right = typeof b === 'string' ? Expr.parse(b).text : b.text;
  return Expr.parse(`(${left})-(${right})`);
}

export type { Operand };
