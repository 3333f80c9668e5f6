/**
 * Derivations about the long-time limit (digest §6–§7): the fixed point (numeric, G-grid
 * quadrature or LASSO state evolution), its α → ∞ and α → 0 limits (minimum-ℓ2 closed form by the
 * engine, basis-pursuit state evolution), the soft-threshold moments, the rate μ_min and its lazy
 * limit 2α²(1 − √δ)²/δ (derived by the engine from the Silverstein relation).
 */
import type { Check, TaggedResult } from '../../../src/core/result.ts';
import { integrateAdaptive } from '../../../src/numeric/adaptiveQuadrature.ts';
import { integrateGaussChebyshevU } from '../../../src/numeric/quadrature.ts';
import { normalPdf } from '../../../src/numeric/special.ts';
import { diff, expand, Expr, formulaResult, samplePoints, solveFor, spotCheck, substitute } from '../../../src/symbolic/index.ts';
import { interpolatorFixedPoint, fixedPoint, type FixedPointValue } from '../fixed-point.ts';
import { modelOf, refuseOutside, type DlnParams } from '../params.ts';
import { convergenceRate, discreteRate, lazyRate, spectralEdge } from '../rate.ts';
import { basisPursuitFixedPoint, lassoFixedPoint, minNormTestError, softThresholdError, softThresholdSlope, teacherAtoms } from '../soft-threshold.ts';
import { declared, dlnNames, evaluator } from './common.ts';
import { proxOf } from './potential.ts';

function check(name: string, residual: number, tolerance: number, samples = 1): Check {
  return { name, residual, tolerance, passed: residual <= tolerance, samples };
}

/** E[f(prox(W* + sZ)), W*] by adaptive quadrature over Z with the prox solved by Brent (independent of the G-grid). */
function proxExpectation(p: DlnParams, s: number, gamma: number, f: (b: number, W: number) => number): number {
  let acc = 0;
  for (const { value, weight } of teacherAtoms(p)) {
    const r = integrateAdaptive((z) => normalPdf(z) * f(proxOf(value + s * z, gamma, p.alpha), value), -12, 12, { absTol: 1e-12, relTol: 1e-10, maxPanels: 4000 });
    acc += weight * r.value;
  }
  return acc;
}

export function deriveFixedPoint(params: DlnParams): TaggedResult<FixedPointValue | null> {
  const out = refuseOutside(params, null);
  if (out) return out;
  const model = modelOf(params);
  const fp = fixedPoint(model);
  const checks: Check[] = [];
  if (fp.regime === 'interpolator') {
    const D = (b: number) => 2 * Math.sqrt(b * b + params.alpha ** 4);
    const egen = proxExpectation(params, fp.s, fp.gamma, (b, W) => (b - W) ** 2);
    const dof = proxExpectation(params, fp.s, fp.gamma, (b) => D(b) / (D(b) + fp.gamma));
    checks.push(
      check('E_gen by adaptive quadrature over Z (prox by Brent) equals the G-grid value (relative)', Math.abs(egen - fp.testError) / fp.testError, 1e-6),
      check('degrees of freedom E[D/(D + γ)] = δ by the independent quadrature', Math.abs(dof - params.delta), 1e-7),
      check('effective noise δs² = σ² + E_gen', Math.abs(params.delta * fp.s ** 2 - params.sigma ** 2 - fp.testError), 1e-9),
    );
  } else {
    let slope = 0;
    let err = 0;
    for (const { value, weight } of teacherAtoms(params)) {
      slope += weight * softThresholdSlope(value, fp.s, fp.theta!);
      err += weight * softThresholdError(value, fp.s, fp.theta!);
    }
    checks.push(
      check('λ = θ(1 − E[η′_θ]/δ)', Math.abs(fp.theta! * (1 - slope / params.delta) - params.lambda), 1e-10),
      check('effective noise δs² = σ² + E_gen', Math.abs(params.delta * fp.s ** 2 - params.sigma ** 2 - err), 1e-10),
    );
  }
  return {
    kind: 'numeric',
    value: fp,
    method: fp.regime === 'lasso'
      ? 'LASSO state evolution (λ > 0: the end point whatever α), closed-form soft-threshold moments, nested Brent'
      : 'scalar equations E[D/(D + γ)] = δ, δs² = σ² + E[(b − W*)²] by nested Brent, G-grid trapezoid quadrature',
    checks,
    diagnostics: { regime: fp.regime },
  };
}

export function deriveRate(params: DlnParams): TaggedResult<number | null> {
  if (params.lambda > 0) {
    return { kind: 'refused', value: null, method: 'domain check', checks: [], diagnostics: {}, reason: 'with λ > 0 there is no spectral gap at the LASSO point (inactive coordinates decay at rates down to 0, digest §7); the rate formula covers λ = 0' };
  }
  const out = refuseOutside(params, null);
  if (out) return out;
  const model = modelOf(params);
  const r = convergenceRate(model);
  // Stationarity of z at m* and the edge routine on a point mass against the closed form.
  const fp = r.fixedPoint;
  const point = spectralEdge(Float64Array.of(2 * params.alpha ** 2), Float64Array.of(1), params.delta);
  const h = 1e-4 * r.m;
  const slope = (rateFunction(params, fp.s, fp.gamma, r.m + h) - rateFunction(params, fp.s, fp.gamma, r.m - h)) / (2 * h);
  const checks: Check[] = [
    check('z′(m*) = 0 at the maximiser (relative to μ_min/m*)', Math.abs(slope) * r.m / Math.max(r.muMin, 1e-300), 1e-5),
    check('the edge of a point mass D = 2α² equals 2α²(1 − √δ)²/δ', Math.abs(point.value - r.lazy) / r.lazy, 1e-9),
  ];
  return {
    kind: 'numeric',
    value: r.muMin,
    method: 'μ_min = max_m [−1/m + E[D/(1 + Dm)]/δ] (Brent maximiser over ln m) with D from the fixed point’s G-grid',
    checks,
    diagnostics: { m: r.m, lazy: r.lazy, testError: fp.testError, s: fp.s, gamma: fp.gamma, discreteRateAtDefaultStep: discreteRate(r.muMin, 0.05 / Math.max(1, 2 * params.alpha ** 2)) },
  };
}

/** z(m) at the fixed point by the independent Z-quadrature (for the stationarity check). */
function rateFunction(params: DlnParams, s: number, gamma: number, m: number): number {
  const D = (b: number) => 2 * Math.sqrt(b * b + params.alpha ** 4);
  return -1 / m + proxExpectation(params, s, gamma, (b) => D(b) / (1 + D(b) * m)) / params.delta;
}

/**
 * α → ∞: the prox is b = x/(1 + c) (c = γ/2α²); E[b′] = δ fixes 1/(1 + c) = δ, so b = δ(W* + sZ),
 * E_gen = (1 − δ)²E[W*²] + δ²s²; solving δs² = σ² + E_gen for s² and substituting gives the closed form.
 */
export function deriveMinNorm(params: DlnParams): TaggedResult<number | null> {
  const out = refuseOutside(params, null);
  if (out) return out;
  const samples = samplePoints({ delta: [0.05, 0.85], sigma: [0, 1], rho: [0, 1] }, 12, 17);
  const egen = '(1-delta)^2*rho + delta^2*s2';
  const sol = solveFor(`delta*s2 = sigma^2 + ${egen}`, 's2', { samples });
  const s2 = sol.roots[0];
  if (!s2) return { kind: 'unsolved', value: null, method: 'nerdamer solve', checks: sol.checks, diagnostics: {}, reason: 'no verified root for s²' };
  const derived = expand(substitute(egen, { s2 }));
  const closed = evaluator(declared('minNorm').rhs);
  // Random-matrix route: noise part σ²·tr((XXᵀ)⁻¹)/d = δσ²·E_MP[1/ν] (Gauss–Chebyshev on the MP law).
  const mpRoute = (p: Record<string, number>) => {
    const lo = (1 - Math.sqrt(p.delta!)) ** 2;
    const hi = (1 + Math.sqrt(p.delta!)) ** 2;
    const invMean = integrateGaussChebyshevU((nu) => 1 / (2 * Math.PI * p.delta! * nu * nu), lo, hi, 4000);
    return (1 - p.delta!) * p.rho! + p.delta! * p.sigma! ** 2 * invMean;
  };
  const large = interpolatorFixedPoint({ ...modelOf(params), alpha: 1e3, lambda: 0 });
  const checks: Check[] = [
    ...sol.checks,
    spotCheck('the engine’s E_gen equals (1 − δ)ρ + δσ²/(1 − δ)', evaluator(derived), closed, samples, { tolerance: 1e-10, floor: 1e-12 }),
    spotCheck('random-matrix route (1 − δ)ρ + δσ²E_MP[1/ν] equals the closed form', mpRoute, closed, samples, { tolerance: 1e-9 }),
    check('the fixed point at α = 10³ equals the closed form (relative)', Math.abs(large.testError - minNormTestError(params)) / minNormTestError(params), 1e-5),
  ];
  return formulaResult({
    formula: declared('minNorm').rhs,
    lhsTeX: 'E_{\\mathrm{gen}}(\\alpha\\to\\infty)',
    value: minNormTestError(params),
    method: 'linear prox b = δ(W* + sZ), δs² = σ² + E_gen solved for s² (nerdamer), substituted and expanded',
    checks,
    names: dlnNames,
    asymptotic: 'α → ∞',
    diagnostics: { derived: derived.text },
  });
}

export function deriveBasisPursuit(params: DlnParams): TaggedResult<{ testError: number; s: number; theta: number } | null> {
  const out = refuseOutside({ ...params, lambda: 0 }, null);
  if (out) return out;
  const bp = basisPursuitFixedPoint(params);
  // The fixed point approaches BP only logarithmically: extrapolate in 1/ln(1/α) (Richardson).
  const model = { ...modelOf(params), lambda: 0 };
  const e20 = interpolatorFixedPoint({ ...model, alpha: 1e-20 }).testError;
  const e40 = interpolatorFixedPoint({ ...model, alpha: 1e-40 }).testError;
  const extrapolated = 2 * e40 - e20;
  const lasso = lassoFixedPoint({ ...model, lambda: 1e-7 });
  const checks: Check[] = [
    check('Richardson extrapolation in 1/ln(1/α) of the fixed point (α = 1e-20, 1e-40) equals BP (relative)', Math.abs(extrapolated - bp.testError) / Math.max(bp.testError, 1e-12), 1e-3),
    check('the LASSO state evolution at λ = 1e-7 equals BP (relative)', Math.abs(lasso.testError - bp.testError) / Math.max(bp.testError, 1e-12), 1e-4),
  ];
  return {
    kind: 'numeric',
    value: { testError: bp.testError, s: bp.s, theta: bp.theta },
    method: 'basis-pursuit state evolution P(|W* + sZ| > θ) = δ, δs² = σ² + E[(η_θ − W*)²] with closed-form soft-threshold moments',
    asymptotic: 'α → 0',
    checks,
    diagnostics: { fixedPointAlpha1e20: e20, fixedPointAlpha1e40: e40, extrapolated },
  };
}

/** The lazy edge from the Silverstein relation with D ≡ c: solve z′(m) = 0, substitute, c = 2α². */
export function deriveLazyRate(params: DlnParams): TaggedResult<number | null> {
  const out = refuseOutside(params, null);
  if (out) return out;
  const z = Expr.parse('-1/m + c/(delta*(1+c*m))');
  const samples = samplePoints({ c: { log: [0.1, 50] }, delta: [0.05, 0.95] }, 12, 19);
  const stationary = solveFor(diff(z, 'm'), 'm', { samples });
  const zOf = stationary.roots.map((m) => ({ m, f: evaluator(m) })).filter(({ f }) => samples.every((p) => f(p) > 0));
  const root = zOf[0];
  if (!root) return { kind: 'unsolved', value: null, method: 'nerdamer solve', checks: stationary.checks, diagnostics: {}, reason: 'no positive stationary point of z(m)' };
  const edge = substitute(z, { m: root.m });
  const edgeF = evaluator(edge);
  const lazy = evaluator(declared('lazyRate').rhs);
  const toAlpha = (p: Record<string, number>) => ({ ...p, alpha: Math.sqrt(p.c! / 2) });
  const rateAt10 = convergenceRate({ ...modelOf(params), alpha: 10, lambda: 0 });
  const checks: Check[] = [
    ...stationary.checks,
    spotCheck('z(m*) with c = 2α² equals 2α²(1 − √δ)²/δ', edgeF, (p) => lazy(toAlpha(p)), samples, { tolerance: 1e-10 }),
    spotCheck('numeric maximum of z(m) for D ≡ c equals z(m*)', (p) => spectralEdge(Float64Array.of(p.c!), Float64Array.of(1), p.delta!).value, edgeF, samples, { tolerance: 1e-9 }),
    check('μ_min at α = 10 (full fixed point) equals the lazy edge (relative)', Math.abs(rateAt10.muMin / rateAt10.lazy - 1), 1e-4),
  ];
  return formulaResult({
    formula: declared('lazyRate').rhs,
    lhsTeX: '\\mu_{\\min}(\\alpha\\to\\infty)',
    value: lazyRate(params),
    method: 'Silverstein relation with D ≡ c: z′(m) = 0 solved by nerdamer (positive root), z(m*) at c = 2α²',
    checks,
    names: dlnNames,
    asymptotic: 'α → ∞',
    diagnostics: { stationaryPoint: root.m.text, edge: edge.text },
  });
}

/** Closed-form soft-threshold moments against adaptive quadrature of their definitions. */
export function deriveSoftThreshold(_params: DlnParams): TaggedResult<{ slope: string; error: string }> {
  const samples = samplePoints({ W: [-1.5, 1.5], s: [0.05, 1.5], theta: [0, 2] }, 12, 23);
  const soft = (x: number, t: number) => Math.sign(x) * Math.max(Math.abs(x) - t, 0);
  const quad = (p: Record<string, number>, f: (z: number) => number) => {
    // Breakpoints where the threshold's kinks sit: z = (±θ − W)/s.
    const k1 = (-p.theta! - p.W!) / p.s!;
    const k2 = (p.theta! - p.W!) / p.s!;
    const cuts = [-40, Math.max(-40, Math.min(k1, 40)), Math.max(-40, Math.min(k2, 40)), 40];
    let acc = 0;
    for (let i = 0; i < 3; i++) if (cuts[i + 1]! > cuts[i]!) acc += integrateAdaptive((z) => normalPdf(z) * f(z), cuts[i]!, cuts[i + 1]!, { absTol: 1e-14, relTol: 1e-12 }).value;
    return acc;
  };
  const checks = [
    spotCheck('E[η′_θ] = Q(A) + Φ(B) against quadrature', (p) => softThresholdSlope(p.W!, p.s!, p.theta!), (p) => quad(p, (z) => (Math.abs(p.W! + p.s! * z) > p.theta! ? 1 : 0)), samples, { tolerance: 1e-10, mode: 'absolute' }),
    spotCheck('E[(η_θ − W)²] closed form against quadrature', (p) => softThresholdError(p.W!, p.s!, p.theta!), (p) => quad(p, (z) => (soft(p.W! + p.s! * z, p.theta!) - p.W!) ** 2), samples, { tolerance: 1e-10, mode: 'absolute' }),
  ];
  return {
    kind: checks.every((c) => c.passed) ? 'exact' : 'unsolved',
    value: {
      slope: 'Q(A) + Φ(B)',
      error: 's²[Aφ(A) + Q(A)] − 2sθφ(A) + θ²Q(A) + s²[Φ(B) − Bφ(B)] − 2sθφ(B) + θ²Φ(B) + W²[Φ(A) − Φ(B)]',
    },
    latex: '\\mathbb{E}[\\eta_\\theta\'] = Q(A) + \\Phi(B),\\quad A = \\tfrac{\\theta - W}{s},\\ B = \\tfrac{-\\theta - W}{s}',
    method: 'Gaussian integrals of the soft threshold in closed form (normal CDF and density), checked by adaptive quadrature with breakpoints at the kinks',
    checks,
    diagnostics: {},
  };
}
