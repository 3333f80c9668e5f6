/**
 * Fig. 6B/C of Saxe et al. (2013), synthetic (digest §6): eigenvalue moduli of products of k
 * Gaussian N(0, 1/N) matrices against the large-N law P(|λ| < r) = r^{2/k} (from the declared
 * equation), the mass of the 0.1 × 0.1 origin bin, and the contrast with orthogonal products, whose
 * eigenvalues all lie on the unit circle.
 */
import { compileDeclared } from '../declared.ts';
import { empiricalCdf, ksDistance, productSpectrum, squareMass } from '../random-products.ts';
import { logLogSlope } from './optimal-rate.ts';

export interface ProductsSetup {
  N: number;
  ks: number[];
  realisations: number;
  seed: number;
}

export const PRODUCTS_SETUPS: Record<'test' | 'large', ProductsSetup> = {
  test: { N: 64, ks: [1, 5], realisations: 4, seed: 13 },
  large: { N: 200, ks: [1, 5, 100], realisations: 10, seed: 13 },
};

const FIT_RADII = Array.from({ length: 13 }, (_, i) => 0.1 + 0.05 * i);

export interface ProductsRow {
  k: number;
  /** sup_{r ≥ rMin} |F_emp(r) − r^{2/k}|. */
  ks: number;
  rMin: number;
  originBinSimulated: number;
  originBinLaw: number;
  /** max | |λ| − 1 | over orthogonal products (0 up to rounding). */
  orthogonalOffCircle: number;
  /** Least-squares slope of ln F_emp(r) against ln r for r ∈ [0.1, 0.7] (the law: 2/k). */
  fittedExponent: number;
  /** Sorted moduli (for the CDF figure). */
  moduli: Float64Array;
}

/**
 * One row per k. Moduli below rMin = 10^{−k/20}·0.05 are not compared: long products have tiny
 * eigenvalues that floating point cannot resolve (they only need to land near the origin).
 */
export function productsExperiment(setup: ProductsSetup): ProductsRow[] {
  const law = compileDeclared('productLaw', ['r', 'k']);
  return setup.ks.map((k) => {
    const gaussian = productSpectrum({ N: setup.N, k, realisations: setup.realisations, kind: 'gaussian', seed: setup.seed, singular: false });
    const orthogonal = productSpectrum({ N: setup.N, k: Math.min(k, 5), realisations: 1, kind: 'orthogonal', seed: setup.seed, singular: false });
    const cdf = (r: number) => Math.min(1, law(r, k));
    const rMin = k > 20 ? 0.05 : 0;
    const density = (r: number) => ((2 / k) * r ** (2 / k)) / r;
    return {
      k,
      ks: ksDistance(gaussian.moduli, cdf, rMin),
      rMin,
      originBinSimulated: gaussian.originBin,
      originBinLaw: squareMass(cdf, density),
      orthogonalOffCircle: Math.max(...Array.from(orthogonal.moduli, (m) => Math.abs(m - 1))),
      fittedExponent: logLogSlope(FIT_RADII, FIT_RADII.map((r) => empiricalCdf(gaussian.moduli, r))),
      moduli: gaussian.moduli,
    };
  });
}
