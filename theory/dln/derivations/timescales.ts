/**
 * Timescale asymptotics (digest §8): the lazy relaxation time 1/μ_lazy at large α, the grokking
 * time ln(α)/λ (α_eff = αe^{−λt} reaches 1) with weight decay, and the activation time ln(1/α)/|g₀|
 * of a coordinate under its frozen initial gradient at small α. Each is derived by the engine from
 * its defining condition and checked numerically against the exact quantity it approximates;
 * the dynamics themselves are compared with simulation by the validators.
 */
import type { Check, TaggedResult } from '../../../src/core/result.ts';
import { integrateGaussChebyshevU } from '../../../src/numeric/quadrature.ts';
import { Expr, formulaResult, samplePoints, simplify, solveFor, spotCheck } from '../../../src/symbolic/index.ts';
import { refuseOutside, type DlnParams } from '../params.ts';
import { declared, dlnNames, evaluator } from './common.ts';

/** Lazy train error ½∫(ρν + σ²)e^{−2cνt/δ}dMP_δ(ν), c = 2α² (digest §8.1), by Gauss–Chebyshev. */
function lazyTrainError(p: Pick<DlnParams, 'alpha' | 'delta' | 'rho' | 'sigma'>, t: number): number {
  const lo = (1 - Math.sqrt(p.delta)) ** 2;
  const hi = (1 + Math.sqrt(p.delta)) ** 2;
  const c = 2 * p.alpha * p.alpha;
  return 0.5 * integrateGaussChebyshevU((nu) => ((p.rho * nu + p.sigma * p.sigma) * Math.exp((-2 * c * nu * t) / p.delta)) / (2 * Math.PI * p.delta * nu), lo, hi, 400);
}

export function deriveLazyTime(params: DlnParams): TaggedResult<number | null> {
  const out = refuseOutside(params, null);
  if (out) return out;
  const derived = simplify(Expr.parse(`1/(${declared('lazyRate').rhs.text})`));
  const stated = evaluator(declared('lazyTime').rhs);
  const samples = samplePoints({ alpha: { log: [0.5, 5] }, delta: [0.1, 0.9] }, 10, 29);
  // The late-time log-slope of the lazy train error, corrected by the t^{−3/2} edge factor, is −2/t_lazy.
  const slopeCheck = (p: Record<string, number>) => {
    const q = { alpha: p.alpha!, delta: p.delta!, rho: 0.1, sigma: 0.1 };
    const tl = stated(p);
    const t1 = 40 * tl;
    const t2 = 60 * tl;
    const slope = (Math.log(lazyTrainError(q, t2)) + 1.5 * Math.log(t2) - Math.log(lazyTrainError(q, t1)) - 1.5 * Math.log(t1)) / (t2 - t1);
    return -slope * tl / 2;
  };
  const checks: Check[] = [
    spotCheck('1/μ_lazy equals the declared δ/(2α²(1 − √δ)²)', evaluator(derived), stated, samples, { tolerance: 1e-12 }),
    spotCheck('late slope of ln E_train + 1.5 ln t of the Marchenko–Pastur lazy curve is −2/t_lazy', slopeCheck, () => 1, samples.slice(0, 4), { tolerance: 0.02 }),
  ];
  return formulaResult({
    formula: declared('lazyTime').rhs,
    lhsTeX: 't_{\\mathrm{lazy}}',
    value: stated({ alpha: params.alpha, delta: params.delta }),
    method: 'inverse of the lazy edge; checked on the lazy Marchenko–Pastur train curve',
    checks,
    names: dlnNames,
    asymptotic: 'α → ∞ (lazy regime)',
  });
}

export function deriveGrokkingTime(params: DlnParams): TaggedResult<number | null> {
  const samples = samplePoints({ alpha: { log: [1.5, 50] }, lambda: { log: [0.01, 1] } }, 10, 31);
  const sol = solveFor('log(alpha) - lambda*t = 0', 't', { samples });
  const t = sol.roots[0];
  if (!t) return { kind: 'unsolved', value: null, method: 'nerdamer solve', checks: sol.checks, diagnostics: {}, reason: 'no verified root' };
  const tf = evaluator(t);
  const checks: Check[] = [
    ...sol.checks,
    spotCheck('equals the declared ln(α)/λ', tf, evaluator(declared('grokTime').rhs), samples, { tolerance: 1e-12 }),
    spotCheck('α_eff = αe^{−λt} is 1 at t_grok', (p) => p.alpha! * Math.exp(-p.lambda! * tf(p)), () => 1, samples, { tolerance: 1e-12 }),
  ];
  const applies = params.lambda > 0 && params.alpha > 1;
  const result = formulaResult({
    formula: declared('grokTime').rhs,
    lhsTeX: 't_{\\mathrm{grok}}',
    value: applies ? Math.log(params.alpha) / params.lambda : null,
    method: 'solve α·e^{−λt} = 1 (in logs) for t',
    checks,
    names: dlnNames,
    asymptotic: 'α → ∞ with λ > 0 (the drop comes at t_grok + O(1/λ), an offset independent of α)',
  });
  if (!applies) result.diagnostics.note = 'the value needs λ > 0 and α > 1 (a lazy start that weight decay turns rich)';
  return result;
}

export function deriveSearchTime(params: DlnParams): TaggedResult<number | null> {
  const samples = samplePoints({ alpha: { log: [1e-8, 0.1] }, g0: [0.3, 3] }, 10, 37);
  const sol = solveFor('log(alpha) + g0*t = 0', 't', { samples });
  const t = sol.roots[0];
  if (!t) return { kind: 'unsolved', value: null, method: 'nerdamer solve', checks: sol.checks, diagnostics: {}, reason: 'no verified root' };
  const tf = evaluator(t);
  // Exact time for w = α²sinh(2g₀t) to reach ½ under a frozen gradient; the ratio tends to 1
  // with a correction ln(2w)/(2 ln(1/α)) = 0 at w = ½, so here the relative gap is O(α⁴).
  const exact = (p: Record<string, number>) => Math.asinh(0.5 / p.alpha! ** 2) / (2 * p.g0!);
  const checks: Check[] = [
    ...sol.checks,
    spotCheck('equals the declared ln(1/α)/g₀', tf, evaluator(declared('searchTime').rhs), samples, { tolerance: 1e-12 }),
    spotCheck('a coordinate with frozen gradient g₀ reaches |w| = ½ at t_search (α ≤ 0.1)', tf, exact, samples, { tolerance: 1e-3 }),
  ];
  return formulaResult({
    formula: declared('searchTime').rhs,
    lhsTeX: 't_{\\mathrm{search}}',
    value: params.alpha < 1 ? Math.log(1 / params.alpha) : null,
    method: 'solve α·e^{g₀t} = 1 (in logs) for t; value at g₀ = 1 (a unit teacher coordinate)',
    checks,
    names: dlnNames,
    asymptotic: 'α → 0 (search phase, gradient frozen at g(0) = Xᵀy/δ)',
  });
}
