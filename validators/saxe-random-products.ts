/**
 * Claim (Fig. 6B/C): eigenvalue moduli of products of k N(0, 1/N) matrices follow P(|λ| < r) =
 * r^{2/k}. Passes when the KS distance is within 0.8/√N (the finite-N edge) for every k, the
 * origin-bin mass is within 0.02 of the law's, and orthogonal products stay on the unit circle.
 */
import type { Validator } from '../src/core/validator.ts';
import { PRODUCTS_SETUPS, productsExperiment } from '../theory/saxe/experiments/products.ts';

export const saxeRandomProducts: Validator = {
  id: 'saxe-random-products',
  theory: 'saxe',
  claim: 'random-products',
  title: 'Fig. 6B/C: eigenvalue moduli of random matrix products vs r^{2/k}',
  async run(ctx) {
    const setup = PRODUCTS_SETUPS[ctx.size];
    ctx.progress.info(`random products: N = ${setup.N}, k = ${setup.ks.join(', ')}, ${setup.realisations} draws`);
    const rows = productsExperiment(setup);
    const error = Math.max(...rows.map((r) => r.ks));
    const tolerance = 0.8 / Math.sqrt(setup.N);
    const binError = Math.max(...rows.map((r) => Math.abs(r.originBinSimulated - r.originBinLaw)));
    const offCircle = Math.max(...rows.map((r) => r.orthogonalOffCircle));
    return {
      id: 'random-products',
      passed: error <= tolerance && binError <= 0.02 && offCircle <= 1e-9,
      theory: rows.map((r) => 2 / r.k),
      simulation: rows.map((r) => r.fittedExponent),
      error,
      tolerance,
      measure: 'max over k of the KS distance sup_r |F_emp(r) − r^{2/k}|; also needs origin-bin mass within 0.02 and orthogonal products on |λ| = 1',
      details: {
        note: 'theory/simulation: the exponent 2/k and a least-squares fit of ln F_emp against ln r on [0.1, 0.7]',
        table: rows.map(({ moduli: _, ...r }) => r),
        N: setup.N,
        realisations: setup.realisations,
      },
    };
  },
};
