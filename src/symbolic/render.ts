/**
 * Renderings of an expression tree: nerdamer text (to hand a tree back to nerdamer), LaTeX (docs,
 * KaTeX) and Unicode (terminal). One walker serves all three; a `Notation` says how each piece is
 * written. Symbols are named through a table (parameter and symbol declarations of a theory), with
 * sensible defaults for Greek names and trailing digits (`u0` → u₀, `u_0`).
 */
import { exponentOf, splitFraction, type Node } from './ast.ts';

export interface SymbolNames {
  readonly [name: string]: { latex: string; unicode: string } | undefined;
}

interface Notation {
  symbol(name: string): string;
  number(value: number, den: number): string;
  frac(numer: string, denom: string, numerPrec: number, denomPrec: number): string;
  power(base: string, basePrec: number, exp: string, expNode: Node): string;
  call(fn: string, args: string[], argNodes: readonly Node[]): string;
  times(factors: string[]): string;
  minus: string;
  plus: string;
  paren(s: string): string;
}

/** Precedences: sums bind loosest, then products, then powers; atoms never need parentheses. */
const PREC_ADD = 1;
const PREC_MUL = 2;
const PREC_POW = 3;
const PREC_ATOM = 4;

const GREEK = [
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'kappa', 'lambda', 'mu', 'nu',
  'xi', 'rho', 'sigma', 'tau', 'phi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Sigma',
  'Phi', 'Psi', 'Omega',
];
const GREEK_UNICODE: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', kappa: 'κ',
  lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', chi: 'χ', psi: 'ψ',
  omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  pi: 'π',
};
const SUB_DIGITS = '₀₁₂₃₄₅₆₇₈₉';
const SUP_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUB_LETTERS: Record<string, string> = { a: 'ₐ', e: 'ₑ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ', s: 'ₛ', t: 'ₜ', u: 'ᵤ', v: 'ᵥ', x: 'ₓ' };

/** Default names: `tau` → τ / \tau, `u0` → u₀ / u_{0}, `N_l` → Nₗ / N_{l}, `gamma0` → γ₀. */
export function defaultSymbolName(name: string): { latex: string; unicode: string } {
  const parts = /^([A-Za-z]+)(\d+)$/.exec(name) ?? /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(name);
  const head = parts?.[1] ?? name;
  const headTex = GREEK.includes(head) ? `\\${head}` : head === 'pi' ? '\\pi' : head;
  const headUni = GREEK_UNICODE[head] ?? head;
  const tail = parts?.[2];
  if (!tail) return { latex: headTex, unicode: headUni };
  const subUni = [...tail].map((c) => (/\d/.test(c) ? SUB_DIGITS[Number(c)] : SUB_LETTERS[c])).join('');
  const unicode = subUni.length === tail.length ? `${headUni}${subUni}` : `${headUni}_${tail}`;
  return { latex: `${headTex}_{${tail}}`, unicode };
}

function nameOf(names: SymbolNames, name: string): { latex: string; unicode: string } {
  return names[name] ?? defaultSymbolName(name);
}

function precOf(n: Node): number {
  switch (n.type) {
    case 'add':
      return PREC_ADD;
    case 'mul':
      return PREC_MUL;
    case 'pow':
      return exponentOf(n) ? PREC_ATOM : PREC_POW;
    case 'num':
      return n.num < 0 || n.den !== 1 ? PREC_MUL : PREC_ATOM;
    default:
      return PREC_ATOM;
  }
}

/** Is the term printed with a leading minus? Then sums write it as "a − |term|". */
function negatedTerm(n: Node): Node | undefined {
  if (n.type === 'num' && n.num < 0) return { type: 'num', num: -n.num, den: n.den };
  if (n.type === 'mul' && n.factors[0]?.type === 'num' && n.factors[0].num < 0) {
    const lead = n.factors[0];
    const rest = n.factors.slice(1);
    const abs = { type: 'num' as const, num: -lead.num, den: lead.den };
    const factors = abs.num === 1 && abs.den === 1 ? rest : [abs, ...rest];
    return factors.length === 1 ? factors[0] : { type: 'mul', factors };
  }
  return undefined;
}

function render(n: Node, nt: Notation): string {
  const wrap = (x: Node, minPrec: number): string => {
    const s = render(x, nt);
    return precOf(x) < minPrec ? nt.paren(s) : s;
  };
  switch (n.type) {
    case 'num':
      return nt.number(n.num, n.den);
    case 'sym':
      return nt.symbol(n.name);
    case 'add': {
      // Positive terms first reads naturally: s − u rather than −u + s.
      const ordered = [...n.terms].sort((a, b) => Number(Boolean(negatedTerm(a))) - Number(Boolean(negatedTerm(b))));
      let out = '';
      ordered.forEach((t, i) => {
        const negated = negatedTerm(t);
        if (negated) out += (i === 0 ? '-' : nt.minus) + wrap(negated, PREC_MUL);
        else out += (i === 0 ? '' : nt.plus) + wrap(t, PREC_ADD + 1);
      });
      return out;
    }
    case 'mul': {
      const negated = negatedTerm(n);
      if (negated) return `-${wrap(negated, PREC_MUL)}`;
      const { numer, denom } = splitFraction(n);
      const product = (fs: Node[]): { text: string; prec: number } => {
        if (fs.length === 0) return { text: nt.number(1, 1), prec: PREC_ATOM };
        if (fs.length === 1) return { text: render(fs[0]!, nt), prec: precOf(fs[0]!) };
        return { text: nt.times(fs.map((f) => wrap(f, PREC_MUL + (f.type === 'num' ? 0 : 1)))), prec: PREC_MUL };
      };
      const top = product(numer);
      if (denom.length === 0) return top.text;
      const bottom = product(denom);
      return nt.frac(top.text, bottom.text, top.prec, bottom.prec);
    }
    case 'pow': {
      const e = exponentOf(n);
      if (e) return nt.power(nt.symbol('e'), PREC_ATOM, render(e, nt), e);
      if (n.exp.type === 'num' && n.exp.num < 0) {
        const inv: Node = { type: 'pow', base: n.base, exp: { type: 'num', num: -n.exp.num, den: n.exp.den } };
        const positive = n.exp.num === -n.exp.den ? n.base : inv;
        return nt.frac(nt.number(1, 1), render(positive, nt), PREC_ATOM, precOf(positive));
      }
      if (n.exp.type === 'num' && n.exp.num === 1 && n.exp.den === 2) return nt.call('sqrt', [render(n.base, nt)], [n.base]);
      return nt.power(wrap(n.base, PREC_ATOM), PREC_ATOM, render(n.exp, nt), n.exp);
    }
    case 'call':
      return nt.call(n.fn, n.args.map((a) => render(a, nt)), n.args);
  }
}

function textNotation(): Notation {
  return {
    symbol: (name) => name,
    number: (v, d) => (d === 1 ? String(v) : `${v}/${d}`),
    frac: (a, b, pa, pb) => `${pa < PREC_MUL ? `(${a})` : a}/${pb < PREC_ATOM ? `(${b})` : b}`,
    power: (b, _pb, e) => `${b}^(${e})`,
    call: (fn, args) => `${fn}(${args.join(',')})`,
    times: (fs) => fs.join('*'),
    minus: '-',
    plus: '+',
    paren: (s) => `(${s})`,
  };
}

const TEX_FUNCTIONS: Record<string, string> = {
  log: '\\ln', sin: '\\sin', cos: '\\cos', tan: '\\tan', sinh: '\\sinh', cosh: '\\cosh', tanh: '\\tanh',
  asinh: '\\operatorname{asinh}', acosh: '\\operatorname{acosh}', atanh: '\\operatorname{atanh}',
  atan: '\\arctan', asin: '\\arcsin', acos: '\\arccos', sign: '\\operatorname{sgn}', erf: '\\operatorname{erf}',
  max: '\\max', min: '\\min',
};

function texNotation(names: SymbolNames): Notation {
  return {
    symbol: (name) => (name === 'e' ? 'e' : nameOf(names, name).latex),
    number: (v, d) => (d === 1 ? String(v) : `\\frac{${v}}{${d}}`),
    frac: (a, b) => `\\frac{${a}}{${b}}`,
    power: (b, _pb, e) => `${b}^{${e}}`,
    call: (fn, args, nodes) => {
      if (fn === 'sqrt') return `\\sqrt{${args[0]}}`;
      if (fn === 'abs') return `\\left|${args[0]}\\right|`;
      if (fn === 'exp') return `e^{${args[0]}}`;
      if (fn === 'diff') return derivativeTex(nodes, args);
      const head = TEX_FUNCTIONS[fn] ?? `\\operatorname{${fn}}`;
      return `${head}\\left(${args.join(', ')}\\right)`;
    },
    times: (fs) => fs.join(' '),
    minus: ' - ',
    plus: ' + ',
    paren: (s) => `\\left(${s}\\right)`,
  };
}

/** diff(u, t) renders as u̇ (a time derivative) and diff(f, x) as df/dx. */
function derivativeTex(nodes: readonly Node[], args: string[]): string {
  const v = nodes[1];
  if (v?.type === 'sym' && v.name === 't') return `\\dot{${args[0]}}`;
  return `\\frac{\\mathrm{d} ${args[0]}}{\\mathrm{d} ${args[1]}}`;
}

const UNICODE_FUNCTIONS: Record<string, string> = { log: 'ln', sign: 'sgn' };

function toSuperscript(text: string): string | undefined {
  const map: Record<string, string> = { '-': '⁻', '+': '⁺', '(': '⁽', ')': '⁾', n: 'ⁿ', i: 'ⁱ' };
  let out = '';
  for (const c of text) {
    if (/\d/.test(c)) out += SUP_DIGITS[Number(c)];
    else if (map[c]) out += map[c];
    else return undefined;
  }
  return out;
}

/**
 * Products are written by juxtaposition (2u, st, τu̇, u(s − u)) unless that would be ambiguous:
 * two digits in a row, or a multi-letter name next to a letter.
 */
function juxtaposable(left: string, right: string): boolean {
  if (/\d$/.test(left) && /^\d/.test(right)) return false;
  if (/^[(√]/.test(right) || /\)$/.test(left)) return true;
  const lastWord = /[A-Za-z\u0370-\u03ff]+[\u2080-\u209c\u1d62-\u1d6a\u2c7c]*$/.exec(left)?.[0] ?? '';
  const firstWord = /^[A-Za-z\u0370-\u03ff]+/.exec(right)?.[0] ?? '';
  return lastWord.replace(/[^A-Za-z\u0370-\u03ff]/g, '').length <= 1 && firstWord.length <= 1;
}

/** A factor that is a named function applied to arguments: `sinh(θ)`, `ln(s/u₀)`. */
const CALL_FACTOR = /^[A-Za-z]{2,}\(/;

function unicodeNotation(names: SymbolNames): Notation {
  return {
    symbol: (name) => (name === 'e' ? 'e' : nameOf(names, name).unicode),
    number: (v, d) => (d === 1 ? String(v) : `${v}/${d}`),
    // A power written with superscript digits (s², u³) reads as one unit: x/s², not x/(s²).
    frac: (a, b, pa, pb) => `${pa < PREC_MUL ? `(${a})` : a}/${pb < PREC_ATOM && !(pb === PREC_POW && !b.includes('^')) ? `(${b})` : b}`,
    power: (b, _pb, e, expNode) => {
      const sup = expNode.type === 'num' && expNode.den === 1 ? toSuperscript(e) : undefined;
      if (sup) return `${b}${sup}`;
      const simple = expNode.type === 'sym' || expNode.type === 'num';
      return simple && expNode.type !== 'num' ? `${b}^${e}` : `${b}^(${e})`;
    },
    call: (fn, args, nodes) => {
      if (fn === 'sqrt') return nodes[0]!.type === 'sym' || nodes[0]!.type === 'num' ? `√${args[0]}` : `√(${args[0]})`;
      if (fn === 'abs') return `|${args[0]}|`;
      if (fn === 'exp') return `e^(${args[0]})`;
      if (fn === 'diff') {
        const v = nodes[1];
        return v?.type === 'sym' && v.name === 't' ? `${args[0]}\u0307` : `d${args[0]}/d${args[1]}`;
      }
      return `${UNICODE_FUNCTIONS[fn] ?? fn}(${args.join(', ')})`;
    },
    // Named functions go last and are set off by a space, as on paper: c₀ sinh(θ), τ ln(s/u₀).
    times: (fs) => {
      const ordered = [...fs.filter((f) => !CALL_FACTOR.test(f)), ...fs.filter((f) => CALL_FACTOR.test(f))];
      return ordered.reduce((acc, f) => acc + (CALL_FACTOR.test(f) ? ' ' : juxtaposable(acc, f) ? '' : '·') + f);
    },
    minus: ' − ',
    plus: ' + ',
    paren: (s) => `(${s})`,
  };
}

/** nerdamer syntax: parseable by nerdamer and by `parse` again. */
export function toText(n: Node): string {
  return render(n, textNotation());
}

export function toTeX(n: Node, names: SymbolNames = {}): string {
  return render(n, texNotation(names));
}

/** Readable Unicode math for the terminal: τ·u̇ = 2u(s − u). */
export function toUnicode(n: Node, names: SymbolNames = {}): string {
  return render(n, unicodeNotation(names)).replace(/^-/, '−').replace(/\(-/g, '(−');
}
