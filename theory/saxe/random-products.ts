/**
 * Products of random matrices (Saxe et al. 2013, Fig. 6B/C; digest §3.12): eigenvalue moduli and
 * singular values of W = G_k ⋯ G_1 with G_j i.i.d. N(0, 1/N) entries (Ginibre) or Haar orthogonal,
 * and the large-N law of the moduli, P(|λ| < r) = r^{2/k}, integrated over the figure's 0.1 × 0.1
 * origin bin.
 */
import { Rng } from '../../src/core/rng.ts';
import { integrateAdaptive } from '../../src/numeric/adaptiveQuadrature.ts';
import { singularValues } from '../../src/numeric/eigen.ts';
import { eigenvaluesGeneral } from '../../src/numeric/eigenGeneral.ts';
import { haarOrthogonal, matMul } from '../../src/numeric/linalg.ts';

export type FactorKind = 'gaussian' | 'orthogonal';

export interface ProductSpectrum {
  /** |λ| of every eigenvalue of every realisation, sorted ascending. */
  moduli: Float64Array;
  /** Singular values of every realisation, sorted ascending. */
  singular: Float64Array;
  /** Fraction of eigenvalues with |Re λ| < 0.05 and |Im λ| < 0.05 (the figure's origin bin). */
  originBin: number;
}

/** One product W = G_k ⋯ G_1 (N×N). Cost 2(k − 1)N³ flops. */
function product(N: number, k: number, kind: FactorKind, rng: Rng): Float64Array {
  const factor = () => (kind === 'gaussian' ? rng.fillNormal(new Float64Array(N * N), 1 / Math.sqrt(N)) : haarOrthogonal(N, rng));
  let w = factor();
  for (let j = 1; j < k; j++) w = matMul(factor(), w, N, N, N);
  return w;
}

/**
 * Eigenvalue moduli and singular values of `realisations` products of k N×N factors, seeded.
 * Cost per realisation 2(k − 1)N³ for the product plus ~10N³ (eigenvalues) and ~N³·sweeps (SVD).
 */
export function productSpectrum(options: { N: number; k: number; realisations: number; kind: FactorKind; seed: number; singular?: boolean }): ProductSpectrum {
  const { N, k, realisations, kind, seed } = options;
  const moduli = new Float64Array(N * realisations);
  const singular = new Float64Array(options.singular === false ? 0 : N * realisations);
  let inBin = 0;
  for (let r = 0; r < realisations; r++) {
    const w = product(N, k, kind, Rng.derive(seed, 'random-product', kind, k, r));
    const { re, im } = eigenvaluesGeneral(w, N);
    for (let i = 0; i < N; i++) {
      moduli[r * N + i] = Math.hypot(re[i]!, im[i]!);
      if (Math.abs(re[i]!) < 0.05 && Math.abs(im[i]!) < 0.05) inBin++;
    }
    if (singular.length) singular.set(singularValues(w, N, N), r * N);
  }
  moduli.sort();
  singular.sort();
  return { moduli, singular, originBin: inBin / moduli.length };
}

/** Empirical CDF of sorted values at x: the fraction ≤ x. O(log n). */
export function empiricalCdf(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo / sorted.length;
}

/**
 * Kolmogorov–Smirnov distance sup_r |F_emp(r) − F(r)| of sorted moduli against a CDF F, over
 * r ≥ rMin (tiny moduli of long products are inaccurate; they only need to land near 0).
 */
export function ksDistance(sorted: Float64Array, cdf: (r: number) => number, rMin = 0): number {
  const n = sorted.length;
  let worst = Math.abs(empiricalCdf(sorted, rMin) - cdf(rMin));
  for (let i = 0; i < n; i++) {
    const r = sorted[i]!;
    if (r < rMin) continue;
    const f = cdf(r);
    worst = Math.max(worst, Math.abs((i + 1) / n - f), Math.abs(i / n - f));
  }
  return worst;
}

/**
 * Mass of the radial law P(|λ| < r) = F(r) (rotation invariant) inside the square |Re|, |Im| < h:
 * F(h) + ∫_h^{h√2} F′(r)·(1 − (4/π) arccos(h/r)) dr, the bracket being the fraction of the circle
 * of radius r inside the square. Adaptive Gauss–Kronrod.
 */
export function squareMass(cdf: (r: number) => number, density: (r: number) => number, h = 0.05): number {
  const ring = integrateAdaptive((r) => density(r) * (1 - (4 / Math.PI) * Math.acos(h / r)), h, h * Math.SQRT2, { absTol: 1e-13, relTol: 1e-11 });
  return cdf(h) + ring.value;
}
