/**
 * Derivation 5: deep networks. A decoupled mode of an N_l-layer net is a chain of D = N_l − 1
 * scalars a_i doing gradient flow on eq. 14, E = (s − u)²/(2τ), u = a_1⋯a_D.
 *
 * Rate (eq. 15). Write u = a_i·Q with Q the product of the other D − 1 factors; then
 * ȧ_i = −∂E/∂a_i (diff) and a_i's share of u̇ is Q·ȧ_i. On the balanced chain a_i = a, Q = a^{D−1},
 * all D shares are equal, so u̇ = D·Q·ȧ_i; factoring out a^{2D−2} (the remainder is checked by
 * expand) and writing a = u^{1/D} gives τu̇ = D u^{2−2/D}(s − u), for symbolic D.
 *
 * Learning time. For a given depth the engine tries ∫du/u̇ (nerdamer, partial fractions, then the
 * substitution u = w^D); it succeeds for D = 1 and D = 2 (eq. 11). Otherwise the time is computed
 * by adaptive quadrature in ln u and tagged `numeric`.
 *
 * N_l → ∞ (eqs. 16–17). eq. 15 over N_l u²(s − u) is (1 − 1/N_l)·u^{−2/(N_l−1)}, which tends to 1
 * only where |2 ln u| ≪ N_l: along a path from u0 that needs N_l ≫ 2 ln(s/u0) (non-uniform limit,
 * erratum E5). eq. 16 integrates in closed form to eq. 17; the result is tagged asymptotic.
 */
import type { Check, TaggedResult } from '../../../src/core/result.ts';
import { refused, unsolved } from '../../../src/core/result.ts';
import { antiderivative, combineLogs, expand, formulaResult, odeRate, parse, simplify, spotCheck, substitute, diff, type Expr, type Point } from '../../../src/symbolic/index.ts';
import { compileDeclared, declared, declaredRhs, saxeNames } from '../declared.ts';
import { eventTime, quadratureTime } from '../mode-dynamics.ts';
import { targetStrength, weightLayers, type ModeParams } from '../params.ts';
import { deriveBalancedTime } from './balanced.ts';
import { lazy } from './lazy.ts';
import { depthPoints, modePoints } from './samples.ts';
import { deriveUnbalancedTime } from './unbalanced.ts';

/**
 * u̇ of a balanced chain of D scalars by finite differences of E = (s − ∏a_i)²/(2τ), without any
 * symbolic algebra: ȧ_i = −∂E/∂a_i (central differences), u̇ = Σ_i (∏_{j≠i} a_j)·ȧ_i.
 */
function chainRateByFiniteDifferences(D: number, u: number, s: number, tau: number): number {
  const a = new Float64Array(D).fill(Math.pow(u, 1 / D));
  const energy = (x: Float64Array) => {
    let prod = 1;
    for (const v of x) prod *= v;
    return (s - prod) ** 2 / (2 * tau);
  };
  let rate = 0;
  for (let i = 0; i < D; i++) {
    const h = 1e-6 * a[i]!;
    const ai = a[i]!;
    a[i] = ai + h;
    const up = energy(a);
    a[i] = ai - h;
    const down = energy(a);
    a[i] = ai;
    const grad = (up - down) / (2 * h);
    let others = 1;
    for (let j = 0; j < D; j++) if (j !== i) others *= a[j]!;
    rate += others * -grad;
  }
  return rate;
}

interface DeepRate {
  rate: Expr;
  checks: Check[];
  method: string;
}

const deepRate = lazy((): DeepRate | { failed: string; checks: Check[] } => {
  const pts = depthPoints();
  const energy = substitute(declaredRhs('chainEnergy'), { u: 'ai*Q' });
  const aiDot = simplify(`-(${diff(energy, 'ai').text})`);
  const share = simplify(`Q*(${aiDot.text})`);
  const balancedShare = simplify(substitute(share, { ai: 'a', Q: 'a^(D-1)' }));
  const total = simplify(`D*(${balancedShare.text})`);
  // Factor out D·a^{2D−2}/τ; the remainder must be free of fractional leftovers (checked below).
  const remainder = expand(`(${total.text})*tau/(D*a^(2*D-2))`);
  const prefactor = substitute(parse('a^(2*D-2)'), { a: 'u^(1/D)' });
  const rest = simplify(substitute(remainder, { a: 'u^(1/D)' }));
  const rate = parse(`D*(${prefactor.text})*(${rest.text})/tau`);
  const rateFn = rate.compile(['u', 'D', 's', 'tau']);
  const eq15 = odeRate(declared('deep'), 'u', pts);
  const declaredFn = eq15.rate.compile(['u', 'N_l', 's', 'tau']);
  const eq10 = odeRate(declared('balanced'), 'u', pts).rate.compile(['u', 's', 'tau']);
  const chainPts = [2, 3, 5, 8, 13].flatMap((D) => modePoints(3, D).map((p) => ({ ...p, D })));
  const checks: Check[] = [
    eq15.check,
    spotCheck(`after factoring D·a^{2D−2}/τ the rest is ${remainder.text} (s − a^D)`, (p) => remainder.evaluate({ a: p.u! ** (1 / p.D!), D: p.D!, s: p.s! }), (p) => p.s! - p.u!, pts, { tolerance: 1e-12, mode: 'relative', floor: 1e-3 }),
    spotCheck('u̇ equals the declared eq. 15 (D = N_l − 1, real D ∈ [1.2, 12])', (p) => rateFn(p.u!, p.D!, p.s!, p.tau!), (p) => declaredFn(p.u!, p.D! + 1, p.s!, p.tau!), pts, { tolerance: 1e-12 }),
    spotCheck('u̇ equals finite differences of E on an explicit balanced chain of D scalars (D = 2, 3, 5, 8, 13)', (p) => rateFn(p.u!, p.D!, p.s!, p.tau!), (p) => chainRateByFiniteDifferences(p.D!, p.u!, p.s!, p.tau!), chainPts, { tolerance: 1e-7 }),
    spotCheck('at D = 2 u̇ is eq. 10', (p) => rateFn(p.u!, 2, p.s!, p.tau!), (p) => eq10(p.u!, p.s!, p.tau!), pts, { tolerance: 1e-13 }),
  ];
  return { rate, checks, method: 'gradient flow of eq. 14 for one factor (diff), D equal shares on the balanced chain, a = u^{1/D}' };
});

export function deriveDeepDynamics(p: ModeParams): TaggedResult<number | null> {
  const d = deepRate();
  if ('failed' in d) return unsolved(null, d.failed, 'chain rule on eq. 14', d.checks);
  const D = weightLayers(p.depth);
  return formulaResult({
    formula: d.rate,
    lhsTeX: '\\dot u',
    value: d.rate.evaluate({ u: p.u0, D, s: p.s, tau: p.tau }),
    method: d.method,
    checks: d.checks,
    names: saxeNames,
    diagnostics: { valueIs: 'du/dt at u = u0 for D = depth − 1', D, equation: 'eq. 15' },
  });
}

/**
 * The separated integrand of τu̇ = R(u): dt = τ du / R(u), with τ cancelled out of R first (nerdamer
 * integrates τ/(N_l u²(s − u)) but not 1/((s − u) N_l τ⁻¹ u²)).
 */
function separated(rate: Expr): string {
  return `tau/(${simplify(`tau*(${rate.text})`).text})`;
}

/** Learning time for any depth: closed form where the engine finds one, quadrature otherwise. */
export function deriveLearningTime(p: ModeParams): TaggedResult<number | null> {
  if (p.c0 !== 0) {
    if (p.depth === 3) return deriveUnbalancedTime(p);
    return refused(null, `c0 = ${p.c0}: unbalanced starts are a 3-layer result (depth = 3); a deep chain has D − 1 conserved differences, not one c0`);
  }
  if (p.depth === 3) return deriveBalancedTime(p);
  const d = deepRate();
  if ('failed' in d) return unsolved(null, d.failed, 'chain rule on eq. 14', d.checks);
  const D = weightLayers(p.depth);
  const uf = targetStrength(p);
  const rateD = substitute(d.rate, { D: String(D) });
  const rateFn = rateD.compile(['u', 's', 'tau']);
  const at = (s: number, tau: number) => (u: number) => rateFn(u, s, tau);
  // The ODE's event search needs an end time: 4× the quadrature time (it only bounds the search).
  const eventCheck = (s: number, tau: number, u0: number, uf: number) => eventTime(at(s, tau), u0, uf, 4 * quadratureTime(at(s, tau), u0, uf).value + tau / s);
  const pts = modePoints(6, 1000 + D);
  const integral = antiderivative(separated(rateD), 'u', {
    samples: pts,
    substitution: { variable: 'w', forward: `w^${D}`, inverse: `u^(1/${D})`, samples: pts.map((q) => ({ ...q, w: q.u! ** (1 / D) })) },
  });
  if (integral.antiderivative) {
    const F = integral.antiderivative;
    const time = combineLogs(`(${substitute(F, { u: 'uf' }).text})-(${substitute(F, { u: 'u0' }).text})`);
    const T = time.compile(['s', 'tau', 'u0', 'uf']);
    const checks = [
      ...d.checks,
      ...integral.checks,
      spotCheck(`t(u0 → uf) at D = ${D} equals the event time of an ODE integration of eq. 15`, (q) => T(q.s!, q.tau!, q.u0!, q.uf!), (q) => eventCheck(q.s!, q.tau!, q.u0!, q.uf!), pts, { tolerance: 1e-8 }),
    ];
    return formulaResult({
      formula: time,
      lhsTeX: `t(u_0 \\to u_f)\\big|_{N_l = ${p.depth}}`,
      value: T(p.s, p.tau, p.u0, uf),
      method: `separation of variables at D = ${D}: ${integral.method}`,
      checks,
      names: saxeNames,
      diagnostics: { uf, D },
    });
  }
  const q = quadratureTime(at(p.s, p.tau), p.u0, uf);
  const odeTime = eventCheck(p.s, p.tau, p.u0, uf);
  const checks: Check[] = [
    ...d.checks,
    spotCheck(`quadrature of 1/u̇ equals the event time of an ODE integration of eq. 15 (D = ${D}, sampled points)`, (x) => quadratureTime(at(x.s!, x.tau!), x.u0!, x.uf!).value, (x) => eventCheck(x.s!, x.tau!, x.u0!, x.uf!), pts, { tolerance: 1e-8 }),
    spotCheck('quadrature equals the ODE event time at the given parameters', () => q.value, () => odeTime, [{}], { tolerance: 1e-8 }),
  ];
  return {
    kind: checks.every((c) => c.passed) ? 'numeric' : 'unsolved',
    value: q.value,
    latex: `t(u_0 \\to u_f) = \\int_{u_0}^{u_f} ${parse(separated(rateD)).tex(saxeNames)}\\, du`,
    expression: `integrate(${separated(rateD)}, u, u0, uf)`,
    method: `adaptive Gauss–Kronrod quadrature of 1/u̇ in w = ln u (no closed form at D = ${D}: ${integral.attempts.join('; ')})`,
    checks,
    diagnostics: { uf, D, errorEstimate: q.errorEstimate, evaluations: q.evaluations, odeEventTime: odeTime },
  };
}

interface InfiniteDepth {
  ratio: Expr;
  time: Expr;
  checks: Check[];
  method: string;
}

const infiniteDepth = lazy((): InfiniteDepth | { failed: string; checks: Check[] } => {
  const pts = modePoints();
  const eq15 = odeRate(declared('deep'), 'u', pts).rate;
  const eq16 = odeRate(declared('infiniteDepth'), 'u', pts.map((x) => ({ ...x, N_l: 10 })));
  const ratio = parse(`(${eq15.text})/(${eq16.rate.text})`);
  const ratioFn = ratio.compile(['u', 'N_l', 's', 'tau']);
  const integral = antiderivative(separated(eq16.rate), 'u', { samples: pts.map((x) => ({ ...x, N_l: 10 })) });
  const checks: Check[] = [eq16.check, ...integral.checks];
  if (!integral.antiderivative) return { failed: `no verified antiderivative of 1/u̇ (eq. 16): ${integral.attempts.join('; ')}`, checks };
  const F = integral.antiderivative;
  const time = combineLogs(`(${substitute(F, { u: 'uf' }).text})-(${substitute(F, { u: 'u0' }).text})`);
  const T = time.compile(['N_l', 's', 'tau', 'u0', 'uf']);
  const eq17 = compileDeclared('infiniteDepthTime', ['N_l', 's', 'tau', 'u0', 'uf']);
  const rate16 = eq16.rate.compile(['u', 'N_l', 's', 'tau']);
  const rate15 = eq15.compile(['u', 'N_l', 's', 'tau']);
  const deepPts = pts.map((x, i) => ({ ...x, N_l: 3 + 7 * i }));
  /** Relative gap between eq. 17 and the exact eq. 15 time at depth N_l. */
  const gap = (x: Point, N: number) => {
    const exact = quadratureTime((u) => rate15(u, N, x.s!, x.tau!), x.u0!, x.uf!).value;
    return Math.abs(T(N, x.s!, x.tau!, x.u0!, x.uf!) - exact) / exact;
  };
  checks.push(
    spotCheck('eq. 15 / eq. 16 → 1 at N_l = 10⁶ (uniformly on u ∈ [u0, s])', (x) => ratioFn(x.u0!, 1e6, x.s!, x.tau!), () => 1, pts, { tolerance: 1e-4 }),
    spotCheck('t(u0 → uf) equals the declared eq. 17', (x) => T(x.N_l!, x.s!, x.tau!, x.u0!, x.uf!), (x) => eq17(x.N_l!, x.s!, x.tau!, x.u0!, x.uf!), deepPts, { tolerance: 1e-10 }),
    spotCheck('t(u0 → uf) equals the event time of an ODE integration of eq. 16', (x) => T(x.N_l!, x.s!, x.tau!, x.u0!, x.uf!), (x) => eventTime((u) => rate16(u, x.N_l!, x.s!, x.tau!), x.u0!, x.uf!, 1e3 * x.tau! / (x.s! * x.u0!)), deepPts, { tolerance: 1e-8 }),
    spotCheck('non-uniform limit: at N_l = 40·2 ln(s/u0) eq. 17 is within 10% of the exact eq. 15 time', (x) => gap(x, Math.ceil(80 * Math.log(x.s! / x.u0!))), () => 0, pts, { mode: 'absolute', tolerance: 0.1 }),
  );
  return { ratio, time, checks, method: `ratio eq. 15/eq. 16 → 1 for N_l ≫ 2 ln(s/u); eq. 16 integrated by ${integral.method}` };
});

export function deriveInfiniteDepth(p: ModeParams): TaggedResult<number | null> {
  const d = infiniteDepth();
  if ('failed' in d) return unsolved(null, d.failed, 'integration of eq. 16', d.checks);
  const uf = targetStrength(p);
  const value = d.time.evaluate({ N_l: p.depth, s: p.s, tau: p.tau, u0: p.u0, uf });
  const rate15 = odeRate(declared('deep'), 'u', modePoints(2)).rate.compile(['u', 'N_l', 's', 'tau']);
  const exact = p.depth >= 2 ? quadratureTime((u) => rate15(u, p.depth, p.s, p.tau), p.u0, uf).value : NaN;
  const threshold = 2 * Math.log(p.s / p.u0);
  return formulaResult({
    formula: d.time,
    lhsTeX: 't_\\infty(u_0 \\to u_f)',
    value,
    method: d.method,
    checks: d.checks,
    names: saxeNames,
    asymptotic: `N_l → ∞ (non-uniform: needs N_l ≫ 2 ln(s/u0) = ${threshold.toFixed(2)})`,
    diagnostics: {
      uf,
      exactTimeAtThisDepth: exact,
      relativeGapToEq15: Math.abs(value - exact) / exact,
      nonUniformityThreshold: threshold,
      ratioEq15ToEq16: d.ratio.text,
      note: 'at fixed λ, t → 0 as N_l → ∞ only in continuous time; GD needs λ ∝ 1/N_l (App. B)',
    },
  });
}
