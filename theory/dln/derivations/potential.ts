/**
 * Derivations on the implicit-bias potential ψ_α (digest §3, §6.3, §6.4), worked in the mirror
 * coordinate G (w = α²sinh 2G) where ψ_α is a sum of hyperbolic functions: differentiating the
 * declared asinh/sqrt form directly hits engine bugs (nerdamer differentiates asinh wrongly and
 * nests sqrt), so every w-derivative is taken as d/dw = (∂/∂G)/(∂w/∂G), and every result is checked
 * against the declared form numerically.
 */
import type { Check, TaggedResult } from '../../../src/core/result.ts';
import { brent } from '../../../src/numeric/roots.ts';
import { diff, expand, Expr, formulaResult, samplePoints, simplify, spotCheck, substitute, type Point } from '../../../src/symbolic/index.ts';
import type { DlnParams } from '../params.ts';
import { atZero, declared, dlnNames, evaluator } from './common.ts';

/** ψ_α at w = α²sinh 2G, with asinh(sinh 2G) = 2G and √(w² + α⁴) = α²cosh 2G. */
const PSI_OF_G = '(1/2)*(2*G*alpha^2*sinh(2*G) - alpha^2*cosh(2*G) + alpha^2)';
const W_OF_G = 'alpha^2*sinh(2*G)';

/** d/dw in the mirror coordinate: (∂f/∂G)/(∂w/∂G). */
function dw(f: Expr): Expr {
  return Expr.parse(`(${diff(f, 'G').text})/(${diff(W_OF_G, 'G').text})`);
}

/** The prox b = prox_{γψ_α}(x): the root of b + (γ/2)asinh(b/α²) = x (monotone in b). */
export function proxOf(x: number, gamma: number, alpha: number): number {
  const f = (b: number) => b + 0.5 * gamma * Math.asinh(b / (alpha * alpha)) - x;
  if (x === 0) return 0;
  return brent(f, Math.min(0, x), Math.max(0, x), { xtol: 1e-15 }).root;
}

export interface PotentialValue {
  psiPrime: string;
  psiSecond: string;
  conjugate: string;
  mirrorMap: string;
}

export function deriveMirrorPotential(_params: DlnParams): TaggedResult<PotentialValue> {
  const samples = samplePoints({ alpha: { log: [0.05, 3] }, G: [-2, 2] }, 12, 5);
  const psi = Expr.parse(PSI_OF_G);
  const p1 = simplify(dw(psi));
  const p2 = dw(p1);
  const conj = expand(`G*(${W_OF_G}) - (${psi.text})`);
  const mirror = diff(conj, 'G');
  const declaredPsi = evaluator(declared('potential').rhs);
  const declaredConj = evaluator(declared('conjugate').rhs);
  const wOf = (p: Point) => p.alpha! ** 2 * Math.sinh(2 * p.G!);
  const psiF = evaluator(psi);
  const p1F = evaluator(p1);
  const p2F = evaluator(p2);
  const conjF = evaluator(conj);
  const mirrorF = evaluator(mirror);
  // Independent w-derivatives of the declared ψ(w): 4th-order central differences.
  const fd = (p: Point, order: 1 | 2) => {
    const w = wOf(p);
    const h = 1e-3 * Math.max(Math.abs(w), p.alpha! ** 2);
    const f = (x: number) => declaredPsi({ ...p, w: x });
    if (order === 1) return (8 * (f(w + h) - f(w - h)) - (f(w + 2 * h) - f(w - 2 * h))) / (12 * h);
    return (16 * (f(w + h) + f(w - h)) - (f(w + 2 * h) + f(w - 2 * h)) - 30 * f(w)) / (12 * h * h);
  };
  const checks: Check[] = [
    spotCheck('ψ_α in the mirror coordinate equals the declared ψ_α(w) at w = α²sinh 2G', psiF, (p) => declaredPsi({ ...p, w: wOf(p) }), samples, { tolerance: 1e-10, floor: 1e-3 }),
    spotCheck("ψ′_α = G = ½asinh(w/α²)", p1F, (p) => 0.5 * Math.asinh(wOf(p) / p.alpha! ** 2), samples, { tolerance: 1e-12, floor: 1e-6 }),
    spotCheck("ψ′_α equals a finite difference of the declared ψ_α(w)", p1F, (p) => fd(p, 1), samples, { tolerance: 1e-7, floor: 1e-3 }),
    spotCheck("ψ″_α = 1/(2√(w² + α⁴)) = 1/A", p2F, (p) => 1 / (2 * Math.sqrt(wOf(p) ** 2 + p.alpha! ** 4)), samples, { tolerance: 1e-12 }),
    spotCheck("ψ″_α equals a finite difference of the declared ψ_α(w)", p2F, (p) => fd(p, 2), samples, { tolerance: 1e-5 }),
    spotCheck('ψ*_α(G) = Gw − ψ_α(w) equals the declared (α²/2)(cosh 2G − 1)', conjF, declaredConj, samples, { tolerance: 1e-10, floor: 1e-6 }),
    spotCheck('∂ψ*_α/∂G = F(G, 0): the mirror map is the coordinate map', mirrorF, wOf, samples, { tolerance: 1e-12, floor: 1e-9 }),
  ];
  return formulaResult({
    formula: declared('potential').rhs,
    lhsTeX: '\\psi_\\alpha(w)',
    value: { psiPrime: '(1/2)*asinh(w/alpha^2)', psiSecond: '1/(2*sqrt(w^2+alpha^4))', conjugate: conj.text, mirrorMap: mirror.text },
    method: "ψ_α in the mirror coordinate G (w = α²sinh 2G); ψ′ = ∂_Gψ/∂_Gw, ψ″ likewise, ψ* = Gw − ψ by expansion",
    checks,
    names: dlnNames,
  });
}

export function deriveProxSlope(_params: DlnParams): TaggedResult<string> {
  const samples = samplePoints({ alpha: { log: [0.05, 3] }, G: [-2, 2], gamma: { log: [0.01, 5] } }, 12, 9);
  // Implicit differentiation of b + γψ′(b) = x: db/dx = 1/(1 + γψ″(b)), ψ″ = 1/D (above).
  const psi2 = dw(simplify(dw(Expr.parse(PSI_OF_G))));
  const slope = simplify(`1/(1 + gamma*(${psi2.text}))`);
  const slopeF = evaluator(slope);
  const D = (p: Point) => 2 * p.alpha! ** 2 * Math.cosh(2 * p.G!);
  const numeric = (p: Point) => {
    const b = p.alpha! ** 2 * Math.sinh(2 * p.G!);
    const x = b + p.gamma! * p.G!;
    const h = 1e-5 * Math.max(1e-3, Math.abs(x), p.gamma!);
    return (proxOf(x + h, p.gamma!, p.alpha!) - proxOf(x - h, p.gamma!, p.alpha!)) / (2 * h);
  };
  const checks = [
    spotCheck('db/dx = D/(D + γ), D = 2√(b² + α⁴)', slopeF, (p) => D(p) / (D(p) + p.gamma!), samples, { tolerance: 1e-12 }),
    spotCheck('db/dx equals a central difference of the prox (solved by Brent)', slopeF, numeric, samples, { tolerance: 1e-6 }),
  ];
  return formulaResult({
    formula: Expr.parse('D/(D+gamma)'),
    lhsTeX: "\\mathrm{prox}'_{\\gamma\\psi_\\alpha}(x)",
    value: slope.text,
    method: 'implicit differentiation of b + γψ′_α(b) = x with ψ″_α from the mirror coordinate',
    checks,
    names: dlnNames,
  });
}

export interface LargeAlphaValue {
  /** Taylor coefficients ψ^{(k)}(0), k = 0..4. */
  coefficients: string[];
  series: string;
  proxLimit: string;
}

/**
 * α → ∞: ψ_α(w) = w²/(4α²) − w⁴/(48α⁶) + O(w⁶/α¹⁰), so the prox is linear, b = x/(1 + γ/2α²),
 * and the interpolator is the minimum-ℓ2 one. Coefficients by repeated d/dw at w = 0 (nerdamer
 * has no series); the asymptotic statement is checked by the scaling of the remainder.
 */
export function deriveLargeAlpha(_params: DlnParams): TaggedResult<LargeAlphaValue> {
  const coefficients: Expr[] = [];
  let e = Expr.parse(PSI_OF_G);
  for (let k = 0; k <= 4; k++) {
    coefficients.push(simplify(atZero(substitute(e, { G: '0' }))));
    e = dw(e);
  }
  const series = expand(coefficients.map((c, k) => `(${c.text})*w^${k}/${[1, 1, 2, 6, 24][k]}`).join('+'));
  const psi = evaluator(declared('potential').rhs);
  const seriesF = evaluator(series);
  const samples = samplePoints({ alpha: { log: [2, 20] }, w: [-1, 1] }, 10, 11);
  const c = coefficients.map((x) => evaluator(x));
  const checks: Check[] = [
    spotCheck('ψ″(0) = 1/(2α²)', (p) => c[2]!(p), (p) => 1 / (2 * p.alpha! ** 2), samples, { tolerance: 1e-12 }),
    spotCheck('ψ⁗(0) = −1/(2α⁶), odd orders vanish', (p) => c[4]!(p) + c[1]!(p) + c[3]!(p), (p) => -1 / (2 * p.alpha! ** 6), samples, { tolerance: 1e-12 }),
    // The remainder is O(w⁶/α¹⁰): doubling α divides it by ≈ 2¹⁰.
    spotCheck('remainder ψ − series scales as α⁻¹⁰ (ratio at α and 2α ≈ 1024)', (p) => {
      const r1 = Math.abs(psi(p) - seriesF(p));
      const r2 = Math.abs(psi({ ...p, alpha: 2 * p.alpha! }) - seriesF({ ...p, alpha: 2 * p.alpha! }));
      return Math.log2(r1 / r2);
    }, () => 10, samplePoints({ alpha: { log: [1.5, 3] }, w: [0.5, 1] }, 6, 12), { tolerance: 0.05 }),
  ];
  return formulaResult({
    formula: series,
    lhsTeX: '\\psi_\\alpha(w)',
    value: { coefficients: coefficients.map((x) => x.text), series: series.text, proxLimit: 'x/(1+gamma/(2*alpha^2))' },
    method: 'Taylor coefficients by repeated d/dw = (∂/∂G)/(∂w/∂G) at G = 0',
    checks,
    names: dlnNames,
    asymptotic: 'α → ∞ (|w| ≪ α²)',
  });
}

/**
 * The prox-to-threshold gaps decrease, and gap·L/ln L (L = ln(1/α)) is stable to 5 % over the
 * last two α: the gap is Θ(ln L/L).
 */
function gapCheck(gaps: readonly number[], alphas: readonly number[]): Check {
  const scaled = gaps.map((g, i) => (g * Math.log(1 / alphas[i]!)) / Math.log(Math.log(1 / alphas[i]!)));
  const decreasing = gaps.every((g, i) => i === 0 || g < gaps[i - 1]!);
  const drift = Math.abs(scaled.at(-1)! / scaled.at(-2)! - 1);
  const residual = decreasing ? drift : Infinity;
  return { name: 'prox at γ = θ/ln(1/α) → soft threshold; gap·ln(1/α)/ln ln(1/α) settles (drift over α = 1e-20 → 1e-40)', residual, tolerance: 0.05, passed: residual <= 0.05, samples: gaps.length };
}

export interface SmallAlphaValue {
  potential: string;
  /** max_x |prox − soft threshold| at γ = θ/ln(1/α) for α = 1e-10, 1e-20, 1e-40. */
  proxGaps: number[];
}

/**
 * α → 0: ψ_α(w) = ln(1/α)|w| + ½|w|ln(2|w|/e) + o(1) (from asinh(x) = ln 2x + O(x⁻²) and
 * √(w² + α⁴) = |w| + O(α⁴)), so with γ·ln(1/α) → θ the prox tends to the soft threshold
 * η_θ(x) = sgn(x)(|x| − θ)₊, and the interpolator to basis pursuit. The convergence is only
 * logarithmic: the largest gap to η_θ (at the kink |x| = θ) shrinks like ln ln(1/α)/ln(1/α),
 * checked below.
 */
export function deriveSmallAlpha(_params: DlnParams): TaggedResult<SmallAlphaValue> {
  // Leading-order rule inserted into ψ_α(w) = ½[w·asinh(w/α²) − √(w² + α⁴) + α²], w > 0, α² → 0.
  const leading = expand('(1/2)*(w*log(2*w/alpha^2) - w)');
  const stated = Expr.parse('w*log(1/alpha) + (1/2)*w*log(2*w/e)');
  const psi = evaluator(declared('potential').rhs);
  const leadF = evaluator(leading);
  const statedF = evaluator(stated);
  const samples = samplePoints({ w: [0.05, 3], alpha: { log: [1e-8, 1e-3] } }, 10, 13);
  const theta = 0.4;
  const xs = Array.from({ length: 81 }, (_, i) => -2 + (4 * i) / 80);
  const gapAt = (alpha: number) => {
    const gamma = theta / Math.log(1 / alpha);
    let worst = 0;
    for (const x of xs) {
      const soft = Math.sign(x) * Math.max(Math.abs(x) - theta, 0);
      worst = Math.max(worst, Math.abs(proxOf(x, gamma, alpha) - soft));
    }
    return worst;
  };
  const gaps = [1e-10, 1e-20, 1e-40].map(gapAt);
  const checks: Check[] = [
    spotCheck('the engine’s expansion equals ln(1/α)|w| + ½|w|ln(2|w|/e)', leadF, statedF, samples, { tolerance: 1e-12 }),
    spotCheck('ψ_α(w) − [ln(1/α)|w| + ½|w|ln(2|w|/e)] → 0 (absolute, α ≤ 1e-3)', psi, statedF, samples, { mode: 'absolute', tolerance: 1e-5 }),
    gapCheck(gaps, [1e-10, 1e-20, 1e-40]),
  ];
  return formulaResult({
    formula: stated,
    lhsTeX: '\\psi_\\alpha(w)\\;(w>0)',
    value: { potential: stated.text, proxGaps: gaps },
    method: 'leading-order rule asinh(x) = ln 2x inserted into ψ_α and expanded; prox limit by Brent on a grid of x',
    checks,
    names: dlnNames,
    asymptotic: 'α → 0 (|w| ≫ α²)',
  });
}
