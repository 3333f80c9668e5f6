/**
 * Derivation 6: the Hessian of Ê = ½(s − ∏_k a_k)² (App. B, τ-free, erratum E4) on the balanced
 * chain, its top eigenvalue λ₁(a) (eq. 37), the value λ̂₁ = D s^{2−2/D} at the optimum (eq. 41), and
 * the learning-rate scale it sets: GD is locally stable iff αλ̂₁ < 2, and α_opt ∝ 1/λ̂₁ ≈ 1/(N_l s²).
 *
 * Steps: Ê = τ·E of eq. 14 with u = a_i·a_j·Q; the diagonal entry h = ∂²Ê/∂a_i² and the off-diagonal
 * g = ∂²Ê/∂a_i∂a_j by `diff`, at a_i = a_j = a, Q = a^{D−2}. The Hessian is h·I + g·(J − I), so its
 * eigenvalues are λ₁ = h + (D − 1)g (all-ones vector) and h − g (D − 1 times). At the optimum
 * a = s^{1/D}, after factoring out a^{D−2}. Checks: a finite-difference Hessian's full spectrum
 * (symmetricEigen), the maximum of λ₁ on [0, s^{1/D}] (a grid), and the scalar GD map at αλ̂₁ = 1.9
 * (converges) and 2.1 (2-cycle).
 */
import { refused, unsolved, type Check, type TaggedResult } from '../../../src/core/result.ts';
import { symmetricEigen } from '../../../src/numeric/eigen.ts';
import { diff, expand, formulaResult, parse, samplePoints, simplify, spotCheck, substitute, type Expr, type Point } from '../../../src/symbolic/index.ts';
import { compileDeclared, declaredRhs, saxeNames } from '../declared.ts';
import { weightLayers, type ModeParams } from '../params.ts';
import { lazy } from './lazy.ts';
import { CHECK_SEED } from './samples.ts';

/** Ê = ½(s − ∏a)² of an explicit chain, its Hessian by central differences, and the spectrum. */
function finiteDifferenceSpectrum(D: number, a: number, s: number): Float64Array {
  const x = new Float64Array(D).fill(a);
  const energy = () => {
    let prod = 1;
    for (const v of x) prod *= v;
    return 0.5 * (s - prod) ** 2;
  };
  const h = 1e-3 * a;
  const H = new Float64Array(D * D);
  for (let i = 0; i < D; i++) {
    for (let j = 0; j < D; j++) {
      const at = (di: number, dj: number) => {
        x[i] = x[i]! + di;
        x[j] = x[j]! + dj;
        const e = energy();
        x[i] = x[i]! - di;
        x[j] = x[j]! - dj;
        return e;
      };
      H[i * D + j] = (at(h, h) - at(h, -h) - at(-h, h) + at(-h, -h)) / (4 * h * h);
    }
  }
  return Float64Array.from(symmetricEigen(H, D).values).sort();
}

/** max f on [lo, hi] over 2001 equally spaced points (both ends included). */
function gridMaximum(f: (x: number) => number, lo: number, hi: number): number {
  let best = -Infinity;
  for (let i = 0; i <= 2000; i++) best = Math.max(best, f(lo + ((hi - lo) * i) / 2000));
  return best;
}

/** u after `steps` iterations of the balanced GD map a ↦ a + α(s − a^D)a^{D−1} from u0 (u = a^D). */
function balancedMap(D: number, s: number, u0: number, rate: number, steps: number): number {
  let a = u0 ** (1 / D);
  for (let k = 0; k < steps; k++) a += rate * (s - a ** D) * a ** (D - 1);
  return a ** D;
}

interface Stability {
  h: Expr;
  g: Expr;
  lambda1: Expr;
  lambdaHat: Expr;
  checks: Check[];
  method: string;
}

const analyse = lazy((): Stability | { failed: string; checks: Check[] } => {
  const pts = samplePoints({ s: [0.5, 3], D: [1.5, 12], x: [0.05, 1] }, 8, CHECK_SEED + 5).map((p) => ({ ...p, a: p.x! * p.s! ** (1 / p.D!), N_l: p.D! + 1 }));
  const energy = simplify(`tau*(${substitute(declaredRhs('chainEnergy'), { u: 'ai*aj*Q' }).text})`);
  const balanced = { ai: 'a', aj: 'a', Q: 'a^(D-2)' };
  const h = simplify(substitute(diff(diff(energy, 'ai'), 'ai'), balanced));
  const g = simplify(substitute(diff(diff(energy, 'ai'), 'aj'), balanced));
  const lambda1 = expand(`(${h.text})+(D-1)*(${g.text})`);
  const other = expand(`(${h.text})-(${g.text})`);
  // λ₁ = a^{D−2}·q(u) with u = a^D; at the optimum u = s. (Substituting a = s^{1/D} in one go
  // sends nerdamer into infinite recursion; a = u^{1/D}, then u = s, does not.)
  const q = substitute(expand(`(${lambda1.text})/a^(D-2)`), { a: 'u^(1/D)' });
  const lambdaHat = parse(`(${simplify(substitute(q, { u: 's' })).text})*(${substitute(parse('a^(D-2)'), { a: 's^(1/D)' }).text})`);
  const l1 = lambda1.compile(['a', 'D', 's']);
  const lh = lambdaHat.compile(['D', 's']);
  const hg = other.compile(['a', 'D', 's']);
  const eq37 = compileDeclared('topEigenvalue', ['a', 'N_l', 's']);
  const eq41 = compileDeclared('optimumEigenvalue', ['N_l', 's']);
  const chains = [1, 2, 3, 4, 6, 9].flatMap((D) => samplePoints({ s: [0.5, 3], x: [0.3, 1] }, 2, CHECK_SEED + 6 + D).map((p) => ({ ...p, D, a: p.x! * p.s! ** (1 / D) })));
  const spectrumGap = (p: Point) => {
    const D = p.D!;
    const numeric = finiteDifferenceSpectrum(D, p.a!, p.s!);
    const derived = Float64Array.from([l1(p.a!, D, p.s!), ...Array.from({ length: D - 1 }, () => hg(p.a!, D, p.s!))]).sort();
    // Relative to the curvature scale D·s^{2−2/D} of Ê near the optimum.
    const scale = D * p.s! ** (2 - 2 / D);
    return Math.max(...derived.map((v, i) => Math.abs(v - numeric[i]!))) / scale;
  };
  const mapPts = [2, 3, 5, 10].map((D, i) => ({ D, s: 0.5 + 0.6 * i, u0: 0.3 }));
  const checks: Check[] = [
    spotCheck('λ₁(a) equals the declared eq. 37 (N_l = D + 1)', (p) => l1(p.a!, p.D!, p.s!), (p) => eq37(p.a!, p.N_l!, p.s!), pts, { tolerance: 1e-11, mode: 'relative', floor: 1e-6 }),
    spotCheck('λ̂₁ equals the declared eq. 41', (p) => lh(p.D!, p.s!), (p) => eq41(p.N_l!, p.s!), pts, { tolerance: 1e-12 }),
    spotCheck('{λ₁, h − g (×(D−1))} is the spectrum of a finite-difference Hessian of an explicit chain (D = 1…9)', spectrumGap, () => 0, chains, { mode: 'absolute', tolerance: 1e-5 }),
    spotCheck('λ̂₁ is the maximum of λ₁(a) over a ∈ [0, s^{1/D}] (2001-point grid, end point included)', (p) => lh(p.D!, p.s!), (p) => gridMaximum((a) => l1(a, p.D!, p.s!), 0, p.s! ** (1 / p.D!)), chains.filter((p) => p.D! >= 2), { tolerance: 1e-12 }),
    spotCheck('h − g ≥ 0 on [0, s^{1/D}] (the other D − 1 eigenvalues)', (p) => Math.min(0, hg(p.a!, p.D!, p.s!)), () => 0, pts, { mode: 'absolute', tolerance: 1e-12 }),
    spotCheck('GD on the balanced chain converges to s at αλ̂₁ = 1.9', (p) => balancedMap(p.D!, p.s!, p.u0! * p.s!, 1.9 / lh(p.D!, p.s!), 4000), (p) => p.s!, mapPts, { tolerance: 1e-9 }),
    spotCheck('GD at αλ̂₁ = 2.1 does not converge (it settles on a 2-cycle around s)', (p) => {
      const rate = 2.1 / lh(p.D!, p.s!);
      const u = balancedMap(p.D!, p.s!, p.u0! * p.s!, rate, 4000);
      return Math.abs(u - p.s!) / p.s! > 1e-3 ? 0 : 1;
    }, () => 0, mapPts, { mode: 'absolute', tolerance: 0 }),
  ];
  return { h, g, lambda1, lambdaHat, checks, method: 'Hessian of ½(s − a_i a_j Q)² by diff at the balanced point; eigenvalues of h·I + g(J − I); optimum a = s^{1/D}' };
});

export interface StabilityValue {
  /** λ̂₁ = D s^{2−2/D}. */
  lambdaHat: number;
  /** 2/λ̂₁: GD is locally unstable at the optimum for α ≥ this. */
  lrMax: number;
  /** 1/λ̂₁ (eq. 42, κ = 1). */
  lrOptimal: number;
  /** lrOptimal·N_l·s², → 1 as N_l → ∞ (α_opt ∝ 1/(N_l s²)). */
  lrOptimalTimesDepthS2: number;
  /** α·λ̂₁ for the given lr, when one is given. */
  lrTimesLambdaHat?: number;
}

export function deriveStability(p: ModeParams): TaggedResult<StabilityValue | null> {
  const d = analyse();
  if ('failed' in d) return unsolved(null, d.failed, 'Hessian by diff', d.checks);
  const D = weightLayers(p.depth);
  const lambdaHat = d.lambdaHat.evaluate({ D, s: p.s });
  const value: StabilityValue = { lambdaHat, lrMax: 2 / lambdaHat, lrOptimal: 1 / lambdaHat, lrOptimalTimesDepthS2: (p.depth * p.s * p.s) / lambdaHat };
  if (p.lr !== undefined) {
    value.lrTimesLambdaHat = p.lr * lambdaHat;
    if (p.lr >= value.lrMax) {
      return refused(value, `lr = ${p.lr} is past the stability bound 2/λ̂₁ = ${value.lrMax.toPrecision(6)} (α·λ̂₁ = ${value.lrTimesLambdaHat.toPrecision(4)} ≥ 2): GD cannot converge to the optimum at depth ${p.depth}, s = ${p.s}`, 'stability bound αλ̂₁ < 2 (App. B)');
    }
  }
  const result = formulaResult({
    formula: d.lambdaHat,
    lhsTeX: '\\hat\\lambda_1',
    value,
    method: d.method,
    checks: d.checks,
    names: saxeNames,
    diagnostics: { D, h: d.h.text, g: d.g.text, lambda1: d.lambda1.text, stability: 'α λ̂₁ < 2; oscillation for 1 < αλ̂₁ < 2' },
  });
  result.latex = `\\lambda_1(a) = ${d.lambda1.tex(saxeNames)},\\quad \\hat\\lambda_1 = ${d.lambdaHat.tex(saxeNames)},\\quad \\alpha < \\frac{2}{\\hat\\lambda_1}`;
  return result;
}
