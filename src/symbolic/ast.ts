/**
 * Plateau's own expression tree. nerdamer's internal symbols are converted into this tree once
 * (see `from-nerdamer.ts`); every rendering (LaTeX, Unicode, nerdamer text) and the float64
 * compiler work on it, so one tree gives every form of an equation.
 *
 * Division is a product with a negative power; subtraction is a sum with a −1 factor. Numbers keep
 * their exact rational form (num/den) so renderings print ½ rather than 0.5.
 */
export type Node =
  | { readonly type: 'num'; readonly num: number; readonly den: number }
  | { readonly type: 'sym'; readonly name: string }
  | { readonly type: 'add'; readonly terms: readonly Node[] }
  | { readonly type: 'mul'; readonly factors: readonly Node[] }
  | { readonly type: 'pow'; readonly base: Node; readonly exp: Node }
  | { readonly type: 'call'; readonly fn: string; readonly args: readonly Node[] };

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a || 1;
}

export function num(n: number, d = 1): Node {
  if (d < 0) {
    n = -n;
    d = -d;
  }
  if (Number.isInteger(n) && Number.isInteger(d)) {
    const g = gcd(n, d);
    return { type: 'num', num: n / g, den: d / g };
  }
  return { type: 'num', num: n / d, den: 1 };
}

export const sym = (name: string): Node => ({ type: 'sym', name });

export function add(...terms: Node[]): Node {
  const flat: Node[] = [];
  for (const t of terms) {
    if (t.type === 'add') flat.push(...t.terms);
    else if (!isZero(t)) flat.push(t);
  }
  if (flat.length === 0) return num(0);
  if (flat.length === 1) return flat[0]!;
  return { type: 'add', terms: flat };
}

export function mul(...factors: Node[]): Node {
  const flat: Node[] = [];
  for (const f of factors) {
    if (f.type === 'mul') flat.push(...f.factors);
    else if (isZero(f)) return num(0);
    else if (!isOne(f)) flat.push(f);
  }
  if (flat.length === 0) return num(1);
  if (flat.length === 1) return flat[0]!;
  return { type: 'mul', factors: flat };
}

export function pow(base: Node, exp: Node): Node {
  if (isOne(exp)) return base;
  if (isZero(exp)) return num(1);
  return { type: 'pow', base, exp };
}

export const call = (fn: string, ...args: Node[]): Node => ({ type: 'call', fn, args });
const neg = (x: Node): Node => mul(num(-1), x);
export const sub = (a: Node, b: Node): Node => add(a, neg(b));
export const div = (a: Node, b: Node): Node => mul(a, pow(b, num(-1)));

function isZero(n: Node): boolean {
  return n.type === 'num' && n.num === 0;
}

function isOne(n: Node): boolean {
  return n.type === 'num' && n.num === n.den;
}

/** `e^x` and `exp(x)` both count as exponentials; returns the exponent or undefined. */
export function exponentOf(n: Node): Node | undefined {
  if (n.type === 'pow' && n.base.type === 'sym' && n.base.name === 'e') return n.exp;
  if (n.type === 'call' && n.fn === 'exp') return n.args[0];
  return undefined;
}

/** Structural equality (order-sensitive, which is enough for trees that come from nerdamer). */
export function equal(a: Node, b: Node): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'num':
      return a.num === (b as typeof a).num && a.den === (b as typeof a).den;
    case 'sym':
      return a.name === (b as typeof a).name;
    case 'add':
      return listEqual(a.terms, (b as typeof a).terms);
    case 'mul':
      return listEqual(a.factors, (b as typeof a).factors);
    case 'pow':
      return equal(a.base, (b as typeof a).base) && equal(a.exp, (b as typeof a).exp);
    case 'call':
      return a.fn === (b as typeof a).fn && listEqual(a.args, (b as typeof a).args);
  }
}

function listEqual(a: readonly Node[], b: readonly Node[]): boolean {
  return a.length === b.length && a.every((x, i) => equal(x, b[i]!));
}

/** Named constants that are not free variables. */
export const CONSTANTS: Readonly<Record<string, number>> = { e: Math.E, pi: Math.PI };

/** Free variables of a tree, sorted. */
export function freeSymbols(n: Node): string[] {
  const out = new Set<string>();
  const walk = (x: Node): void => {
    switch (x.type) {
      case 'sym':
        if (!(x.name in CONSTANTS)) out.add(x.name);
        return;
      case 'num':
        return;
      case 'add':
        x.terms.forEach(walk);
        return;
      case 'mul':
        x.factors.forEach(walk);
        return;
      case 'pow':
        walk(x.base);
        walk(x.exp);
        return;
      case 'call':
        x.args.forEach(walk);
        return;
    }
  };
  walk(n);
  return [...out].sort();
}

/** Rebuild a tree bottom-up, letting `f` replace any node after its children are rebuilt. */
export function transform(n: Node, f: (x: Node) => Node): Node {
  switch (n.type) {
    case 'num':
    case 'sym':
      return f(n);
    case 'add':
      return f(add(...n.terms.map((t) => transform(t, f))));
    case 'mul':
      return f(mul(...n.factors.map((t) => transform(t, f))));
    case 'pow':
      return f(pow(transform(n.base, f), transform(n.exp, f)));
    case 'call':
      return f(call(n.fn, ...n.args.map((t) => transform(t, f))));
  }
}

/** Split a product into numerator and denominator factors (negative numeric powers go below). */
export function splitFraction(n: Node): { numer: Node[]; denom: Node[] } {
  const factors = n.type === 'mul' ? n.factors : [n];
  const numer: Node[] = [];
  const denom: Node[] = [];
  for (const f of factors) {
    if (f.type === 'pow' && f.exp.type === 'num' && f.exp.num < 0) {
      denom.push(pow(f.base, num(-f.exp.num, f.exp.den)));
    } else if (f.type === 'num' && f.den !== 1) {
      if (f.num !== 1) numer.push(num(f.num));
      denom.push(num(f.den));
    } else {
      numer.push(f);
    }
  }
  return { numer, denom };
}
