/**
 * Derivation 4: an unbalanced 3-layer mode (App. A, corrected; digest §3.4, erratum E3).
 *
 * Rate. From eq. 8, u = ab obeys τu̇ = a·τḃ + b·τȧ; dividing by (s − ab) leaves S = a² + b², and
 * `expand` shows S² = (a² − b²)² + 4(ab)² = c₀² + 4u². Of the two roots S = ±√(c₀² + 4u²) the one
 * that equals a² + b² at sampled (a, b) is kept, so τu̇ = √(c₀² + 4u²)(s − u): a law in u alone.
 *
 * Time. 1/√(c₀² + 4u²)(s − u) has no rational antiderivative, so we change variables as App. A
 * suggests, to x = b/a: from eq. 8, τẋ = (a·τḃ − b·τȧ)/a²; with b = xa and a² = c₀/(1 − x²) (from
 * c₀ = a² − b², solved for a²) this is the Riccati equation τẋ = s(1 − x²) − c₀x, whose 1/rate is
 * rational and integrates by partial fractions. Back-substituting x(u), the root of u = c₀x/(1 − x²)
 * whose derivative check passes for either sign of c₀, gives the corrected eq. 26 in u-form. The
 * printed eq. 26 (s in place of 2s) is never used. c₀ → 0 recovers eq. 11; nerdamer's limit() is
 * wrong, so this limit is evaluated numerically along c₀ = 10⁻¹…10⁻³·u₀.
 */
import { refused, unsolved, type Check, type TaggedResult } from '../../../src/core/result.ts';
import { integrateOde } from '../../../src/numeric/ode.ts';
import {
  antiderivative,
  checkAntiderivative,
  combineLogs,
  diff,
  expand,
  formulaResult,
  odeRate,
  parse,
  samplePoints,
  simplify,
  solveFor,
  spotCheck,
  substitute,
  type Expr,
  type Point,
} from '../../../src/symbolic/index.ts';
import { compileDeclared, declared, declaredRhs, saxeNames } from '../declared.ts';
import { quadratureTime } from '../mode-dynamics.ts';
import { targetStrength, type ModeParams } from '../params.ts';
import { lazy } from './lazy.ts';
import { CHECK_SEED, unbalancedPoints } from './samples.ts';

/** Sample points on the (a, b) plane, from (u, c0): a² = (c0 + √(c0² + 4u²))/2, b = u/a. */
function abPoint(p: Point): Point {
  const c0 = p.c0!;
  const u = p.u!;
  const a = Math.sqrt((c0 + Math.hypot(c0, 2 * u)) / 2);
  return { ...p, a, b: u / a };
}

interface UnbalancedRate {
  rate: Expr;
  checks: Check[];
  method: string;
}

/** τu̇ = √(c0² + 4u²)(s − u), derived from eq. 8. */
const unbalancedRate = lazy((): UnbalancedRate | { failed: string; checks: Check[] } => {
  const pts = unbalancedPoints().map(abPoint);
  const a = odeRate(declared('modeA'), 'a', pts);
  const b = odeRate(declared('modeB'), 'b', pts);
  const du = simplify(`a*(${b.rate.text})+b*(${a.rate.text})`);
  const S = simplify(`(${du.text})*tau/(s-a*b)`);
  const c0 = declaredRhs('imbalance');
  const identity = expand(`(${S.text})^2-(${c0.text})^2-4*(a*b)^2`);
  const checks: Check[] = [a.check, b.check, spotCheck(`(${S.text})² − c0² − 4u² expands to ${identity.text}`, () => identity.evaluate({}), () => 0, [{}], { mode: 'absolute', tolerance: 0 })];
  const roots = solveFor('S^2 = c0^2+4*u^2', 'S', { samples: pts });
  checks.push(...roots.checks);
  const Sab = S.compile(['a', 'b']);
  const sumOfSquares = roots.roots.find((r) => {
    const f = r.compile(['c0', 'u']);
    return pts.every((p) => Math.abs(f(p.c0!, p.u!) - Sab(p.a!, p.b!)) <= 1e-12 * Sab(p.a!, p.b!));
  });
  if (!sumOfSquares || identity.text !== '0') return { failed: `could not express ${S.text} through c0 and u`, checks };
  const rate = substitute(`S*(s-u)/tau`, { S: sumOfSquares });
  const rateFn = rate.compile(['u', 'c0', 's', 'tau']);
  const declaredRate = odeRate(declared('unbalanced'), 'u', pts).rate.compile(['u', 'c0', 's', 'tau']);
  const duFn = du.compile(['a', 'b', 's', 'tau']);
  checks.push(
    spotCheck('u̇(u; c0) equals the declared App. A rate law', (p) => rateFn(p.u!, p.c0!, p.s!, p.tau!), (p) => declaredRate(p.u!, p.c0!, p.s!, p.tau!), pts, { tolerance: 1e-13 }),
    spotCheck('u̇(u; c0) equals d(ab)/dt = ȧb + aḃ of eq. 8 at sampled (a, b)', (p) => rateFn(p.a! * p.b!, p.a! ** 2 - p.b! ** 2, p.s!, p.tau!), (p) => duFn(p.a!, p.b!, p.s!, p.tau!), pts, { tolerance: 1e-12 }),
    spotCheck('u(t) from the u-law equals ab(t) from an ODE integration of eq. 8', (p) => integrateScalar(rateFn, p), (p) => integratePlane(a.rate, b.rate, p), pts, { tolerance: 1e-8 }),
  );
  return { rate, checks, method: 'product rule on eq. 8, S = a² + b² by division, S² = c0² + 4u² by expand, positive root by solveFor' };
});

function integrateScalar(rateFn: (...x: number[]) => number, p: Point): number {
  const sol = integrateOde((du, u) => {
    du[0] = rateFn(u[0]!, p.c0!, p.s!, p.tau!);
  }, [p.u!], { t0: 0, tEnd: p.t! * p.tau! / p.s! + 0.01, absTol: 1e-14, relTol: 1e-12 });
  return sol.y[sol.y.length - 1]!;
}

function integratePlane(ra: Expr, rb: Expr, p: Point): number {
  const fa = ra.compile(['a', 'b', 's', 'tau']);
  const fb = rb.compile(['a', 'b', 's', 'tau']);
  const sol = integrateOde((dy, y) => {
    dy[0] = fa(y[0]!, y[1]!, p.s!, p.tau!);
    dy[1] = fb(y[0]!, y[1]!, p.s!, p.tau!);
  }, [p.a!, p.b!], { t0: 0, tEnd: p.t! * p.tau! / p.s! + 0.01, absTol: 1e-14, relTol: 1e-12 });
  const n = sol.t.length - 1;
  return sol.y[2 * n]! * sol.y[2 * n + 1]!;
}

export function deriveUnbalancedRate(p: ModeParams): TaggedResult<number | null> {
  const d = unbalancedRate();
  if ('failed' in d) return unsolved(null, d.failed, 'product rule on eq. 8', d.checks);
  return formulaResult({
    formula: d.rate,
    lhsTeX: '\\dot u',
    value: d.rate.evaluate({ u: p.u0, c0: p.c0, s: p.s, tau: p.tau }),
    method: d.method,
    checks: d.checks,
    names: saxeNames,
    diagnostics: { valueIs: 'du/dt at u = u0', conserved: 'c0 = a^2 - b^2' },
  });
}

interface UnbalancedTime {
  riccati: Expr;
  /** t(u0 → uf; c0) in u-form. */
  time: Expr;
  checks: Check[];
  method: string;
}

/** τẋ for x = b/a, derived from eq. 8 and c0 = a² − b²: the Riccati equation s(1 − x²) − c0x. */
function deriveRiccati(pts: readonly Point[]): { riccati: Expr; checks: Check[] } {
  const a = odeRate(declared('modeA'), 'a', pts);
  const b = odeRate(declared('modeB'), 'b', pts);
  const xs = pts.map((p) => ({ ...p, x: p.b! / p.a! }));
  // τẋ = τ(aḃ − bȧ)/a² with b = xa is a quadratic Q(x) + P(x)·a² in a (checked by expand).
  const dx = simplify(`tau*(a*(${b.rate.text})-b*(${a.rate.text}))/a^2`);
  const inXa = expand(simplify(substitute(dx, { b: 'x*a' })));
  const P = simplify(`(${diff(inXa, 'a', 2).text})/2`);
  const Q = substitute(inXa, { a: '0' });
  const remainder = expand(`(${inXa.text})-(${Q.text})-(${P.text})*a^2`);
  // c0 = a² − b² with b = xa, solved for A = a²: A = c0/(1 − x²).
  const a2 = solveFor(`c0 = (${substitute(declaredRhs('imbalance'), { a: 'sqrt(A)', b: 'x*sqrt(A)' }).text})`, 'A', { samples: xs });
  const root = a2.roots[0];
  const quadratic: Check = { name: `τẋ is Q(x) + P(x)·a² exactly (remainder ${remainder.text})`, residual: remainder.text === '0' ? 0 : Infinity, tolerance: 0, passed: remainder.text === '0', samples: 1 };
  if (!root || !quadratic.passed) return { riccati: parse('0'), checks: [...a2.checks, quadratic] };
  const riccati = expand(`(${Q.text})+(${simplify(`(${P.text})*(${root.text})`).text})`);
  const declaredRiccati = odeRate(declared('riccati'), 'x', xs).rate.compile(['x', 'c0', 's', 'tau']);
  const fn = riccati.compile(['x', 'c0', 's']);
  const fa = a.rate.compile(['a', 'b', 's', 'tau']);
  const fb = b.rate.compile(['a', 'b', 's', 'tau']);
  return {
    riccati,
    checks: [
      quadratic,
      ...a2.checks,
      spotCheck('τẋ equals the declared Riccati equation', (p) => fn(p.x!, p.c0!, p.s!) / p.tau!, (p) => declaredRiccati(p.x!, p.c0!, p.s!, p.tau!), xs, { tolerance: 1e-12, mode: 'relative', floor: 1e-9 }),
      spotCheck('τẋ equals τ(aḃ − bȧ)/a² from eq. 8 at sampled (a, b)', (p) => fn(p.x!, p.c0!, p.s!), (p) => {
        const da = fa(p.a!, p.b!, p.s!, p.tau!);
        const db = fb(p.a!, p.b!, p.s!, p.tau!);
        return (p.tau! * (db * p.a! - da * p.b!)) / (p.a! * p.a!);
      }, xs, { tolerance: 1e-12, mode: 'relative', floor: 1e-9 }),
    ],
  };
}

/**
 * The corrected App. A relations (declared) against the coordinates a = √c0 cosh(θ/2),
 * b = √c0 sinh(θ/2), and the declared angle equation against the derived Riccati equation
 * (θ = 2 artanh x, so θ̇ = 2ẋ/(1 − x²)). The printed forms (ab = c0 sinh θ, τθ̇ = s − c0 sinh θ) fail.
 */
function appendixAChecks(riccati: Expr): Check[] {
  const pts = samplePoints({ c0: [0.05, 2], theta: [-3, 3], s: [0.5, 3], tau: [0.5, 2] }, 8, CHECK_SEED + 9).map((p) => ({
    ...p,
    a: Math.sqrt(p.c0!) * Math.cosh(p.theta! / 2),
    b: Math.sqrt(p.c0!) * Math.sinh(p.theta! / 2),
    x: Math.tanh(p.theta! / 2),
  }));
  const product = compileDeclared('hyperbolicProduct', ['c0', 'theta']);
  const sum = compileDeclared('hyperbolicSum', ['c0', 'theta']);
  const angle = odeRate(declared('hyperbolicAngle'), 'theta', pts).rate.compile(['theta', 'c0', 's', 'tau']);
  const x = riccati.compile(['x', 'c0', 's']);
  return [
    spotCheck('App. A: ab = (c0/2) sinh θ for a = √c0 cosh(θ/2), b = √c0 sinh(θ/2)', (p) => p.a! * p.b!, (p) => product(p.c0!, p.theta!), pts, { tolerance: 1e-13, mode: 'relative', floor: 1e-3 }),
    spotCheck('App. A: a² + b² = c0 cosh θ', (p) => p.a! ** 2 + p.b! ** 2, (p) => sum(p.c0!, p.theta!), pts, { tolerance: 1e-13 }),
    spotCheck('App. A: τθ̇ = 2s − c0 sinh θ equals 2ẋ/(1 − x²) of the derived Riccati equation', (p) => angle(p.theta!, p.c0!, p.s!, p.tau!), (p) => (2 * x(p.x!, p.c0!, p.s!)) / (p.tau! * (1 - p.x! ** 2)), pts, { tolerance: 1e-12, mode: 'relative', floor: 1e-3 }),
  ];
}

/** Time of the event ab = uf in an ODE integration of eq. 8 from (a0, b0). */
function planeEventTime(ra: Expr, rb: Expr, p: Point, horizon: number): number {
  const fa = ra.compile(['a', 'b', 's', 'tau']);
  const fb = rb.compile(['a', 'b', 's', 'tau']);
  const sol = integrateOde((dy, y) => {
    dy[0] = fa(y[0]!, y[1]!, p.s!, p.tau!);
    dy[1] = fb(y[0]!, y[1]!, p.s!, p.tau!);
  }, [p.a!, p.b!], { t0: 0, tEnd: horizon, absTol: 1e-14, relTol: 1e-12, events: [{ name: 'ab = uf', fn: (_, y) => y[0]! * y[1]! - p.uf!, terminal: true }] });
  return sol.events[0]?.t ?? NaN;
}

/**
 * c0/u0 along which the balanced limit is approached. Below ~10⁻³ the u-form loses digits (x and
 * the Riccati root x₊ both tend to 1 and are subtracted), so the sequence stops there.
 */
const C0_LIMIT = [1e-1, 1e-2, 1e-3];

const unbalancedTime = lazy((): UnbalancedTime | { failed: string; checks: Check[] } => {
  const r = unbalancedRate();
  if ('failed' in r) return r;
  const pts = unbalancedPoints().map(abPoint);
  const { riccati, checks } = deriveRiccati(pts);
  checks.push(...appendixAChecks(riccati));
  // Away from the fixed point x* (where ab = s and 1/ẋ has its pole), for finite differences.
  const xPts = pts.map((p) => abPoint({ ...p, u: 0.6 * p.u! })).map((p) => ({ ...p, x: p.b! / p.a! }));
  const integral = antiderivative(`tau/(${riccati.text})`, 'x', { samples: xPts });
  checks.push(...integral.checks);
  if (!integral.antiderivative) return { failed: `no verified antiderivative in x: ${integral.attempts.join('; ')}`, checks };
  const inverse = solveFor(`u = c0*x/(1-x^2)`, 'x', { samples: xPts });
  checks.push(...inverse.checks);
  const integrand = `1/(${r.rate.text})`;
  let time: Expr | undefined;
  for (const root of inverse.roots) {
    const Fu = substitute(integral.antiderivative, { x: root });
    const check = checkAntiderivative(integrand, Fu, 'u', pts, 1e-6);
    if (!check.passed) continue;
    checks.push({ ...check, name: `after x = ${root.text}: ${check.name}` });
    time = combineLogs(`(${substitute(Fu, { u: 'uf' }).text})-(${substitute(Fu, { u: 'u0' }).text})`);
    break;
  }
  if (!time) return { failed: 'no root x(u) of u = c0x/(1 − x²) gives an antiderivative in u', checks };
  const T = time.compile(['c0', 's', 'tau', 'u0', 'uf']);
  const at = (p: Point, c0 = p.c0!) => T(c0, p.s!, p.tau!, p.u0!, p.uf!);
  const eq26 = compileDeclared('unbalancedTime', ['c0', 's', 'tau', 'u0', 'uf']);
  const eq11 = compileDeclared('learningTime', ['s', 'tau', 'u0', 'uf']);
  const rateFn = r.rate.compile(['u', 'c0', 's', 'tau']);
  const a = odeRate(declared('modeA'), 'a', pts).rate;
  const b = odeRate(declared('modeB'), 'b', pts).rate;
  // Starts in the (a, b) plane: the sampled u0 of either sign (u0 → −u0 on odd samples) with c0.
  const starts = pts.map((p, i) => {
    const u0 = i % 2 ? -p.u0! : p.u0!;
    return abPoint({ ...p, u: u0, u0 });
  });
  checks.push(
    spotCheck('t(u0 → uf; c0) equals the declared corrected eq. 26 (u-form)', (p) => at(p), (p) => eq26(p.c0!, p.s!, p.tau!, p.u0!, p.uf!), pts, { tolerance: 1e-9 }),
    spotCheck('t equals the time of the event ab = uf in an ODE integration of eq. 8 (u0 of both signs, c0 of both signs)', (p) => at(p), (p) => {
      const horizon = 10 * p.tau! / p.s! * Math.log(10 * p.s! / Math.abs(p.u0!)) + 10 * p.tau! / Math.abs(p.c0!);
      return planeEventTime(a, b, p, horizon);
    }, starts, { tolerance: 1e-8 }),
    spotCheck('t equals adaptive quadrature of 1/u̇ in u', (p) => at(p), (p) => quadratureTime((u) => rateFn(u, p.c0!, p.s!, p.tau!), p.u0!, p.uf!).value, pts, { tolerance: 1e-8 }),
    spotCheck(`c0 → 0: t at c0 = ${C0_LIMIT.at(-1)}·u0 equals eq. 11 (the balanced limit)`, (p) => at(p, C0_LIMIT.at(-1)! * p.u0!), (p) => eq11(p.s!, p.tau!, p.u0!, p.uf!), pts, { tolerance: 1e-5 }),
  );
  return {
    riccati,
    time,
    checks,
    method: `Riccati variable x = b/a (derived from eq. 8), ${integral.method} in x, back-substituted x(u) by ${inverse.method}`,
  };
});

/** The balanced limit: relative gaps |t(c0 = εu0) − eq. 11|/eq. 11 for ε = 10⁻¹, 10⁻², 10⁻³ (c0 ≪ u0 is what "balanced" needs). */
function limitGaps(time: Expr, p: ModeParams, uf: number): number[] {
  const T = time.compile(['c0', 's', 'tau', 'u0', 'uf']);
  const eq11 = compileDeclared('learningTime', ['s', 'tau', 'u0', 'uf'])(p.s, p.tau, p.u0, uf);
  return C0_LIMIT.map((eps) => Math.abs(T(eps * p.u0, p.s, p.tau, p.u0, uf) - eq11) / eq11);
}

export function deriveUnbalancedTime(p: ModeParams): TaggedResult<number | null> {
  if (p.depth !== 3 && p.c0 !== 0) return refused(null, `unbalanced modes (c0 = a² − b²) are a result for the 3-layer net (depth = 3); got depth = ${p.depth}`);
  const d = unbalancedTime();
  if ('failed' in d) return unsolved(null, d.failed, 'Riccati substitution', d.checks);
  const uf = targetStrength(p);
  const T = d.time.compile(['c0', 's', 'tau', 'u0', 'uf']);
  const eq11 = compileDeclared('learningTime', ['s', 'tau', 'u0', 'uf']);
  const value = p.c0 === 0 ? eq11(p.s, p.tau, p.u0, uf) : T(p.c0, p.s, p.tau, p.u0, uf);
  return formulaResult({
    formula: d.time,
    lhsTeX: 't(u_0 \\to u_f;\\, c_0)',
    value,
    method: d.method,
    checks: d.checks,
    names: saxeNames,
    diagnostics: {
      uf,
      riccati: d.riccati.text,
      valueAtC0Zero: p.c0 === 0 ? 'c0 = 0: the value is the balanced limit (eq. 11); the u-form is 0/0 there' : undefined,
      balancedLimitGaps: { c0OverU0: C0_LIMIT, relativeGapToEq11: limitGaps(d.time, p, uf) },
      erratum: 'E3: the printed eq. 26 has s in place of 2s and overestimates the time by up to 2×',
    },
  });
}

/**
 * The balanced limit c0 → 0 of the unbalanced time, which is eq. 11. Not derived by nerdamer's
 * limit() (it returns wrong limits): the u-form is evaluated along c0 = εu0, ε = 10⁻¹…10⁻³, and the
 * gap to eq. 11 must shrink with ε (it does so like ε²: t is even in c0).
 */
export function deriveBalancedLimit(p: ModeParams): TaggedResult<number | null> {
  const d = unbalancedTime();
  if ('failed' in d) return unsolved(null, d.failed, 'Riccati substitution', d.checks);
  const uf = targetStrength(p);
  const gaps = limitGaps(d.time, p, uf);
  const pts = unbalancedPoints();
  const shrinking: Check = {
    name: 'the gap to eq. 11 shrinks at least 10× per decade of c0/u0 (ε = 10⁻¹…10⁻³, worst sampled point)',
    residual: 0,
    tolerance: 0.1,
    passed: true,
    samples: pts.length,
  };
  for (const q of pts) {
    const g = limitGaps(d.time, { s: q.s!, u0: q.u0!, tau: q.tau!, depth: 3, c0: 0 }, q.uf!);
    for (let i = 1; i < g.length; i++) {
      if (g[i]! < 1e-8) continue; // rounding floor of the u-form near c0 = 0
      const ratio = g[i]! / g[i - 1]!;
      if (ratio > shrinking.residual) shrinking.residual = ratio;
    }
  }
  shrinking.passed = shrinking.residual <= shrinking.tolerance;
  const eq11 = compileDeclared('learningTime', ['s', 'tau', 'u0', 'uf']);
  return formulaResult({
    formula: declared('learningTime').rhs,
    lhsTeX: '\\lim_{c_0 \\to 0} t(u_0 \\to u_f;\\, c_0)',
    value: eq11(p.s, p.tau, p.u0, uf),
    method: 'numeric limit of the derived u-form along c0 = εu0 (nerdamer limit() is unreliable), compared with eq. 11',
    checks: [...d.checks.filter((c) => c.name.startsWith('c0 → 0')), shrinking],
    names: saxeNames,
    asymptotic: 'c0 → 0',
    diagnostics: { c0OverU0: C0_LIMIT, relativeGapToEq11: gaps },
  });
}
