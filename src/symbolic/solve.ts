/**
 * Verified equation solving. nerdamer drops roots and sometimes returns wrong ones, so every root
 * is substituted back and checked at sampled parameters, and (optionally) a numeric scan counts
 * sign changes to detect roots nerdamer missed.
 *
 * Strategies, in order:
 * 1. nerdamer `solve` on the residual lhs − rhs;
 * 2. log isolation: if the residual is Σ cᵢ·log fᵢ(v) + K with cᵢ = qᵢ·c (qᵢ rational, c and K free
 *    of v), solve the algebraic equation Π fᵢ^{qᵢ} = e^{−K/c} instead (this inverts a learning
 *    time t(u) into a trajectory u(t)).
 */
import type { Check } from '../core/result.ts';
import { freeSymbols, mul, num, pow, sym, type Node } from './ast.ts';
import { spotCheck, type Point } from './check.ts';
import { diff, difference, Expr, expand, rawRoots, simplify, type Operand } from './expr.ts';

export interface SolveOptions {
  /** Points (values of every symbol except the unknown) at which roots are verified. */
  samples: readonly Point[];
  tolerance?: number;
  /** Scan [from(p), to(p)] for sign changes of the residual to detect missed roots. */
  scan?: { from: (p: Point) => number; to: (p: Point) => number; points?: number };
}

export interface SolveOutcome {
  roots: Expr[];
  /** Candidate roots that failed verification. */
  rejected: Expr[];
  method: string;
  checks: Check[];
}

function residualOf(eq: Operand): Expr {
  if (typeof eq === 'string' && eq.includes('=')) {
    const [l, r] = eq.split('=') as [string, string];
    return difference(l, r);
  }
  return typeof eq === 'string' ? Expr.parse(eq) : eq;
}

/** Additive terms of an expression tree. */
function termsOf(n: Node): readonly Node[] {
  return n.type === 'add' ? n.terms : [n];
}

/**
 * Forward error of a candidate root r: the relative Newton correction |R(r)/R′(r)|/|r|, i.e. how
 * far (relatively) the true root lies from r to first order. Unlike |R(r)| it is not inflated by
 * ill-conditioned terms (log(s − u) as u → s). R′ comes from nerdamer, but a wrong R′ can only
 * make the check stricter or looser by its factor, never turn a wrong root into a zero residual.
 */
function rootResidual(residual: Expr, v: string, root: Expr): (p: Point) => number {
  const argNames = [...new Set([...residual.symbols(), ...root.symbols()])].filter((s) => s !== v);
  const rootFn = root.compile(argNames);
  const R = residual.compile([v, ...argNames]);
  const dR = diff(residual, v).compile([v, ...argNames]);
  return (p) => {
    const args = argNames.map((a) => p[a]!);
    const r = rootFn(...args);
    const value = R(r, ...args);
    if (value === 0) return 0;
    return Math.abs(value / dR(r, ...args)) / Math.max(Math.abs(r), Number.MIN_VALUE);
  };
}

function verify(residual: Expr, v: string, candidates: readonly Expr[], opts: SolveOptions): { roots: Expr[]; rejected: Expr[]; checks: Check[] } {
  const roots: Expr[] = [];
  const rejected: Expr[] = [];
  const checks: Check[] = [];
  for (const c of candidates) {
    let check: Check;
    try {
      const f = rootResidual(residual, v, c);
      check = spotCheck(`root ${v} = ${c.text} zeroes the equation`, f, () => 0, opts.samples, { tolerance: opts.tolerance ?? 1e-9, mode: 'absolute' });
    } catch {
      check = { name: `root ${v} = ${c.text} could not be evaluated`, residual: Infinity, tolerance: opts.tolerance ?? 1e-9, passed: false, samples: 0 };
    }
    checks.push(check);
    (check.passed ? roots : rejected).push(c);
  }
  return { roots, rejected, checks };
}

/** Count sign changes of the residual on a grid and compare with the verified roots inside it. */
function scanCheck(residual: Expr, v: string, roots: readonly Expr[], opts: SolveOptions): Check {
  const scan = opts.scan!;
  const n = scan.points ?? 2000;
  const argNames = residual.symbols().filter((s) => s !== v);
  const f = residual.compile([v, ...argNames]);
  const rootFns = roots.map((r) => r.compile(argNames));
  let worst = 0;
  let worstAt: Point | undefined;
  for (const p of opts.samples) {
    const args = argNames.map((a) => p[a]!);
    const lo = scan.from(p);
    const hi = scan.to(p);
    const found = new Set<number>();
    let prev = f(lo, ...args);
    let changes = 0;
    for (let i = 1; i <= n; i++) {
      const x = lo + ((hi - lo) * i) / n;
      const y = f(x, ...args);
      if ((prev < 0 && y > 0) || (prev > 0 && y < 0) || y === 0) changes++;
      prev = y === 0 ? -prev : y;
    }
    for (const rf of rootFns) {
      const r = rf(...args);
      if (r >= lo && r <= hi) found.add(Math.round(r * 1e9));
    }
    const missed = Math.max(0, changes - found.size);
    if (missed > worst) {
      worst = missed;
      worstAt = p;
    }
  }
  const check: Check = { name: `no real roots missed on the scanned interval (${n} points)`, residual: worst, tolerance: 0, passed: worst === 0, samples: opts.samples.length };
  if (worstAt) check.worst = { ...worstAt };
  return check;
}

/**
 * Log isolation: residual = Σ cᵢ log fᵢ + K → Π fᵢ^{qᵢ} − e^{−K/c} = 0 with qᵢ = cᵢ/c rational.
 * Returns undefined when the residual does not have that shape.
 */
function isolateLogs(residual: Expr, v: string): Expr | undefined {
  const terms = termsOf(expand(residual).tree);
  const logs: Array<{ coefficient: Node; arg: Node }> = [];
  const constant: Node[] = [];
  for (const t of terms) {
    const factors = t.type === 'mul' ? t.factors : [t];
    const logIdx = factors.findIndex((f) => f.type === 'call' && f.fn === 'log' && freeSymbols(f).includes(v));
    const rest = factors.filter((_, i) => i !== logIdx);
    const restHasV = rest.some((f) => freeSymbols(f).includes(v));
    if (logIdx < 0) {
      if (restHasV) return undefined;
      constant.push(t);
      continue;
    }
    if (restHasV) return undefined;
    const logCall = factors[logIdx] as Extract<Node, { type: 'call' }>;
    logs.push({ coefficient: mul(...rest), arg: logCall.args[0]! });
  }
  if (logs.length === 0) return undefined;
  const c = logs[0]!.coefficient;
  const powers: Node[] = [];
  for (const { coefficient, arg } of logs) {
    const q = simplify(Expr.fromTree(mul(coefficient, pow(c, num(-1)))));
    if (q.tree.type !== 'num') return undefined;
    powers.push(pow(arg, q.tree));
  }
  const k = constant.length ? Expr.fromTree({ type: 'add', terms: constant }) : Expr.parse('0');
  const rhs = pow(sym('e'), mul(num(-1), k.tree, pow(c, num(-1))));
  return difference(Expr.fromTree(mul(...powers)), Expr.fromTree(rhs));
}

/** Solve eq (`lhs = rhs` text, or an expression equal to zero) for v, verifying every root. */
export function solveFor(eq: Operand, v: string, opts: SolveOptions): SolveOutcome {
  const residual = residualOf(eq);
  const attempts: Array<{ method: string; residual: Expr }> = [{ method: 'nerdamer solve', residual }];
  const isolated = isolateLogs(residual, v);
  if (isolated) attempts.push({ method: 'log isolation, then nerdamer solve', residual: isolated });
  let last: SolveOutcome = { roots: [], rejected: [], method: 'nerdamer solve', checks: [] };
  for (const attempt of attempts) {
    let candidates: Expr[];
    try {
      candidates = rawRoots(attempt.residual, v);
    } catch {
      candidates = [];
    }
    const verified = verify(residual, v, candidates, opts);
    last = { ...verified, method: attempt.method };
    if (verified.roots.length > 0) break;
  }
  if (opts.scan && last.roots.length > 0) last.checks.push(scanCheck(residual, v, last.roots, opts));
  return last;
}
