/**
 * Combining logarithms: Σ cᵢ log fᵢ + rest → c·log(Π fᵢ^{cᵢ/c}) + rest, for the terms whose
 * coefficients are rational multiples cᵢ = qᵢ·c of the first one. A learning time found as
 * F(u_f) − F(u₀) is a sum of four logarithms; combined, it reads like the paper's
 * (τ/2s)·ln[u_f(s − u₀)/(u₀(s − u_f))], and inverting it for u_f (`solveFor`'s log isolation) then
 * gives the trajectory without exponentials of logarithms.
 */
import { add, call, freeSymbols, mul, num, pow, type Node } from './ast.ts';
import { compileTree } from './compile.ts';
import { expand, Expr, type Operand } from './expr.ts';

/** The additive terms of a tree. */
function termsOf(n: Node): readonly Node[] {
  return n.type === 'add' ? n.terms : [n];
}

/** A term c·log(f) split into its coefficient and argument, or undefined. */
function logTerm(t: Node): { coefficient: Node; arg: Node } | undefined {
  const factors = t.type === 'mul' ? t.factors : [t];
  const logs = factors.filter((f) => f.type === 'call' && f.fn === 'log' && f.args.length === 1);
  if (logs.length !== 1) return undefined;
  const log = logs[0] as Extract<Node, { type: 'call' }>;
  return { coefficient: mul(...factors.filter((f) => f !== log)), arg: log.args[0]! };
}

/**
 * The ratio a/b of two coefficients as an exact fraction when it is a constant rational p/q
 * (q ≤ 1000), else undefined. Evaluated numerically at three points by our compiler: nerdamer
 * mis-parses nested quotients (a/(b·c·(a/(b·c))) → a), so it is not asked.
 */
function rationalRatio(a: Node, b: Node): Node | undefined {
  const names = freeSymbols(mul(a, b));
  const ratio = compileTree(mul(a, pow(b, num(-1))), names);
  const values = [0.7, 1.3, 1.9].map((x, k) => ratio(...names.map((_, i) => x + 0.37 * ((i * 7 + k * 3) % 5))));
  const q = values[0]!;
  if (!Number.isFinite(q) || values.some((v) => Math.abs(v - q) > 1e-12 * Math.max(1, Math.abs(q)))) return undefined;
  for (let den = 1; den <= 1000; den++) {
    const n = Math.round(q * den);
    if (Math.abs(n / den - q) <= 1e-12 * Math.max(1, Math.abs(q))) return num(n, den);
  }
  return undefined;
}

/** Is the numeric factor of a coefficient negative? */
function negativeCoefficient(c: Node): boolean {
  const factors = c.type === 'mul' ? c.factors : [c];
  return factors.some((f) => f.type === 'num' && f.num < 0);
}

/**
 * Σ cᵢ log fᵢ + rest with cᵢ/c rational, rewritten as c·log(Π fᵢ^{cᵢ/c}) + rest (same value). c is
 * the first coefficient without a negative numeric factor (else the first), so that the combined
 * argument is written with positive powers where the sum allows it.
 */
export function combineLogs(e: Operand): Expr {
  const expanded = expand(e);
  const rest: Node[] = [];
  const powers: Node[] = [];
  const logs = termsOf(expanded.tree).map((t) => ({ t, lt: logTerm(t) }));
  const reference = logs.find((l) => l.lt && !negativeCoefficient(l.lt.coefficient)) ?? logs.find((l) => l.lt);
  const c = reference?.lt?.coefficient;
  for (const { t, lt } of logs) {
    if (!lt || !c) {
      rest.push(t);
      continue;
    }
    const q = rationalRatio(lt.coefficient, c);
    if (!q) {
      rest.push(t);
      continue;
    }
    powers.push(pow(lt.arg, q));
  }
  if (!c || powers.length < 2) return expanded;
  return Expr.fromTree(add(mul(c, call('log', mul(...powers))), ...rest));
}
