/**
 * Our own compiler from expression trees to float64 JavaScript closures.
 *
 * nerdamer's `buildFunction` evaluates formulas as written, so s·e^{2st/τ}/(e^{2st/τ} − 1 + s/u₀)
 * returns NaN (∞/∞) once 2st/τ > 709. This compiler emits stable forms instead:
 * - **exp-normalised quotients**: a quotient whose denominator is a sum containing e^{z} is
 *   evaluated as num·e^{−pz}/(Σ terms·e^{−z})^p when z ≥ 0 and as written when z < 0, so no
 *   exponential in either branch exceeds 1 in the denominator (the logistic 1/(1 + e^{−x}) is the
 *   simplest case);
 * - log(1 + x) → log1p(x), e^{x} − 1 → expm1(x), log(e^{a} + e^{b}) → log-sum-exp;
 * - √(c₁x² + c₂y²) → hypot(√c₁·x, √c₂·y);
 * - small integer powers by multiplication, x^{1/2} by sqrt, and x^{p/q} with odd q on the real
 *   branch (so (−8)^{1/3} = −2, not NaN).
 * The result is a closure over positional float64 arguments, built once with `new Function` so
 * that V8 compiles it like hand-written code.
 */
import { PlateauError } from '../core/errors.ts';
import { CONSTANTS, equal, exponentOf, freeSymbols, mul, num, pow, splitFraction, type Node } from './ast.ts';

export type CompiledFn = (...args: number[]) => number;

const MATH_FUNCTIONS: Record<string, string> = {
  exp: 'Math.exp', log: 'Math.log', sqrt: 'Math.sqrt', abs: 'Math.abs', sign: 'Math.sign',
  sin: 'Math.sin', cos: 'Math.cos', tan: 'Math.tan', sinh: 'Math.sinh', cosh: 'Math.cosh',
  tanh: 'Math.tanh', asinh: 'Math.asinh', acosh: 'Math.acosh', atanh: 'Math.atanh', atan: 'Math.atan',
  asin: 'Math.asin', acos: 'Math.acos', log10: 'Math.log10', log1p: 'Math.log1p', expm1: 'Math.expm1',
  max: 'Math.max', min: 'Math.min',
};

/** Runtime helpers referenced by generated code. */
const HELPERS = {
  /** Real branch of x^{p/q} for odd q: sign(x)^p·|x|^{p/q}. */
  realPow(x: number, p: number, q: number): number {
    const magnitude = Math.pow(Math.abs(x), p / q);
    return x < 0 && p % 2 !== 0 ? -magnitude : magnitude;
  },
  /** log(Σ e^{a_i}) without overflow. */
  logSumExp(...a: number[]): number {
    let m = -Infinity;
    for (const v of a) if (v > m) m = v;
    if (!Number.isFinite(m)) return m;
    let s = 0;
    for (const v of a) s += Math.exp(v - m);
    return m + Math.log(s);
  },
};

function literal(value: number): string {
  const text = String(value);
  return value < 0 ? `(${text})` : text;
}

class CodeGen {
  constructor(private readonly vars: ReadonlyMap<string, string>) {}

  gen(n: Node): string {
    switch (n.type) {
      case 'num':
        return literal(n.num / n.den);
      case 'sym': {
        const v = this.vars.get(n.name);
        if (v) return v;
        if (n.name in CONSTANTS) return literal(CONSTANTS[n.name]!);
        throw new PlateauError('SYMBOLIC', `cannot compile: symbol '${n.name}' is not an argument`, { symbol: n.name });
      }
      case 'add':
        return this.genAdd(n.terms);
      case 'mul':
        return this.genMul(n);
      case 'pow':
        return this.genPow(n.base, n.exp);
      case 'call':
        return this.genCall(n.fn, n.args);
    }
  }

  private genAdd(terms: readonly Node[]): string {
    // e^{x} − 1 → expm1(x)
    if (terms.length === 2) {
      const [a, b] = terms as [Node, Node];
      for (const [e, c] of [[a, b], [b, a]] as const) {
        const z = exponentOf(e);
        if (z && c.type === 'num' && c.num === -c.den) return `Math.expm1(${this.gen(z)})`;
      }
    }
    return `(${terms.map((t) => this.gen(t)).join(' + ')})`;
  }

  private genMul(n: Node): string {
    const { numer, denom } = splitFraction(n);
    if (denom.length === 0) return `(${numer.map((f) => this.gen(f)).join(' * ')})`;
    const stable = this.expNormalised(numer, denom);
    const plain = this.quotient(numer, denom);
    return stable ? `(${stable.z} >= 0 ? ${stable.code} : ${plain})` : plain;
  }

  private quotient(numer: readonly Node[], denom: readonly Node[]): string {
    const top = numer.length ? numer.map((f) => this.gen(f)).join(' * ') : '1';
    return `((${top}) / (${denom.map((f) => this.gen(f)).join(' * ')}))`;
  }

  /**
   * Find a denominator factor (Σ terms)^p with a term containing e^{z}; rewrite
   * N/(Σ t)^p = N·e^{−pz}/(Σ t·e^{−z})^p, cancelling e^{z} factors where they appear.
   */
  private expNormalised(numer: readonly Node[], denom: readonly Node[]): { z: string; code: string } | undefined {
    for (let i = 0; i < denom.length; i++) {
      const f = denom[i]!;
      const sum = f.type === 'pow' ? f.base : f;
      const p = f.type === 'pow' ? f.exp : num(1);
      if (sum.type !== 'add' || p.type !== 'num') continue;
      const z = firstExponent(sum.terms);
      if (!z) continue;
      const negZ = mul(num(-1), z);
      const scaledTerms = sum.terms.map((t) => dropExp(t, z) ?? mul(t, pow({ type: 'sym', name: 'e' }, negZ)));
      const newDenom = [...denom];
      newDenom[i] = pow({ type: 'add', terms: scaledTerms }, p);
      // Cancel e^{z} in the numerator against the e^{pz} pulled out of the denominator.
      const pValue = p.num / p.den;
      const newNumer: Node[] = [];
      let remaining = pValue;
      for (const g of numer) {
        const dropped = remaining > 0 ? dropExp(g, z) : undefined;
        if (dropped) {
          remaining -= 1;
          newNumer.push(dropped);
        } else newNumer.push(g);
      }
      if (remaining !== 0) newNumer.push(pow({ type: 'sym', name: 'e' }, mul(num(-remaining), z)));
      return { z: this.gen(z), code: this.quotient(newNumer, newDenom) };
    }
    return undefined;
  }

  private genPow(base: Node, exp: Node): string {
    if (base.type === 'sym' && base.name === 'e') return `Math.exp(${this.gen(exp)})`;
    // A reciprocal is a quotient: route it through genMul so stable quotient forms apply.
    if (exp.type === 'num' && exp.num < 0 && base.type === 'add') return this.genMul({ type: 'mul', factors: [{ type: 'pow', base, exp }] });
    const b = this.gen(base);
    if (exp.type === 'num') {
      const { num: p, den: q } = exp;
      if (q === 1 && Math.abs(p) <= 4) {
        const product = Array.from({ length: Math.abs(p) }, () => b).join(' * ');
        if (base.type === 'sym' || base.type === 'num') return p > 0 ? `(${product})` : `(1 / (${product}))`;
        return `Math.pow(${b}, ${p})`;
      }
      if (q === 2 && p === 1) return `Math.sqrt(${b})`;
      if (q === 2 && p === -1) return `(1 / Math.sqrt(${b}))`;
      if (q % 2 === 1) return `H.realPow(${b}, ${p}, ${q})`;
      return `Math.pow(${b}, ${literal(p / q)})`;
    }
    return `Math.pow(${b}, ${this.gen(exp)})`;
  }

  private genCall(fn: string, args: readonly Node[]): string {
    const a0 = args[0];
    if (fn === 'log' && args.length === 1 && a0) {
      // log(1 + x) → log1p(x)
      if (a0.type === 'add') {
        const one = a0.terms.findIndex((t) => t.type === 'num' && t.num === t.den);
        if (one >= 0) {
          const rest = a0.terms.filter((_, i) => i !== one);
          return `Math.log1p(${this.genAdd(rest.length === 1 ? [rest[0]!] : rest)})`;
        }
        // log(Σ e^{a_i}) → logSumExp
        const exps = a0.terms.map(exponentOf);
        if (exps.every((e) => e !== undefined)) return `H.logSumExp(${exps.map((e) => this.gen(e!)).join(', ')})`;
      }
      const z = exponentOf(a0);
      if (z) return this.gen(z);
    }
    if (fn === 'log' && args.length === 2) return `(Math.log(${this.gen(args[0]!)}) / Math.log(${this.gen(args[1]!)}))`;
    if (fn === 'sqrt' && a0?.type === 'add') {
      const legs = a0.terms.map(squareLeg);
      if (legs.length >= 2 && legs.every((l) => l !== undefined)) {
        return `Math.hypot(${legs.map((l) => `${literal(l!.scale)} * ${this.gen(l!.x)}`).join(', ')})`;
      }
    }
    const f = MATH_FUNCTIONS[fn];
    if (!f) throw new PlateauError('SYMBOLIC', `cannot compile function '${fn}'`, { fn });
    return `${f}(${args.map((a) => this.gen(a)).join(', ')})`;
  }
}

function firstExponent(terms: readonly Node[]): Node | undefined {
  for (const t of terms) {
    const factors = t.type === 'mul' ? t.factors : [t];
    for (const f of factors) {
      const z = exponentOf(f);
      if (z) return z;
    }
  }
  return undefined;
}

/** If `t` has the factor e^{z}, return t without it; otherwise undefined. */
function dropExp(t: Node, z: Node): Node | undefined {
  const factors = t.type === 'mul' ? t.factors : [t];
  const i = factors.findIndex((f) => {
    const e = exponentOf(f);
    return e !== undefined && equal(e, z);
  });
  if (i < 0) return undefined;
  return mul(...factors.filter((_, j) => j !== i));
}

/** c·x² with c > 0 → { scale: √c, x }; otherwise undefined. */
function squareLeg(t: Node): { scale: number; x: Node } | undefined {
  const factors = t.type === 'mul' ? t.factors : [t];
  let c = 1;
  let x: Node | undefined;
  for (const f of factors) {
    if (f.type === 'num') c *= f.num / f.den;
    else if (f.type === 'pow' && f.exp.type === 'num' && f.exp.num === 2 && f.exp.den === 1 && !x) x = f.base;
    else return undefined;
  }
  return x && c > 0 ? { scale: Math.sqrt(c), x } : undefined;
}

/**
 * Compile a tree to a closure over positional arguments `args` (in that order). Every free
 * symbol must be an argument.
 */
export function compileTree(tree: Node, args: readonly string[]): CompiledFn {
  const missing = freeSymbols(tree).filter((s) => !args.includes(s));
  if (missing.length) {
    throw new PlateauError('SYMBOLIC', `cannot compile: free symbols ${missing.join(', ')} are not arguments (${args.join(', ')})`, { missing });
  }
  const vars = new Map(args.map((a, i) => [a, `a${i}`]));
  const body = new CodeGen(vars).gen(tree);
  const params = args.map((_, i) => `a${i}`).join(', ');
  const factory = new Function('H', `"use strict"; return function compiled(${params}) { return ${body}; };`) as (h: typeof HELPERS) => CompiledFn;
  return factory(HELPERS);
}

/** The generated JavaScript source of a compiled tree (for tests and debugging). */
export function compiledSource(tree: Node, args: readonly string[]): string {
  return new CodeGen(new Map(args.map((a, i) => [a, `a${i}`]))).gen(tree);
}
