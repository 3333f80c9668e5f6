/**
 * Derivation 7: the eigenvalue moduli of a product of k random N(0, 1/N) matrices follow
 * P(|λ| < r) = r^{2/k} for N → ∞ (Fig. 6B/C).
 *
 * Steps: start from the circular law of one Ginibre matrix, P(|z| < r) = r² (declared); for large
 * N the product's eigenvalues are distributed like z^k (its radial law is that of the k-th power:
 * Burda, Janik & Waclaw 2010), so P(|λ| < r) = P(|z| < r^{1/k}): `substitute` and `simplify`.
 * The density follows by `diff`. Checks: Monte Carlo products at N = 48 (KS distance of the
 * moduli; the finite-N edge is the residual), and the mass of the figure's 0.1 × 0.1 origin bin
 * against the 32 % (k = 5) and 94 % (k ≈ 100) the caption reports.
 */
import { unsolved, type Check, type TaggedResult } from '../../../src/core/result.ts';
import { diff, formulaResult, simplify, spotCheck, substitute, type Expr } from '../../../src/symbolic/index.ts';
import { compileDeclared, declaredRhs, saxeNames } from '../declared.ts';
import { weightLayers, type ModeParams } from '../params.ts';
import { ksDistance, productSpectrum, squareMass } from '../random-products.ts';
import { lazy } from './lazy.ts';
import { CHECK_SEED } from './samples.ts';

/** Paper caption of Fig. 6C: origin-bin mass of the middle (k = 5) and right (k ≈ 100) panels. */
const CAPTION_ORIGIN_BIN = [
  { k: 5, mass: 0.32 },
  { k: 100, mass: 0.94 },
] as const;

interface ProductLaw {
  cdf: Expr;
  density: Expr;
  checks: Check[];
  method: string;
}

const analyse = lazy((): ProductLaw | { failed: string; checks: Check[] } => {
  const cdf = simplify(substitute(declaredRhs('circularLaw'), { r: 'r^(1/k)' }));
  const density = simplify(diff(cdf, 'r'));
  const F = cdf.compile(['r', 'k']);
  const f = density.compile(['r', 'k']);
  const law = compileDeclared('productLaw', ['r', 'k']);
  const mass = (k: number) => squareMass((r) => F(r, k), (r) => f(r, k));
  const monteCarlo = [1, 2, 4].map((k) => ({ k, spectrum: productSpectrum({ N: 48, k, realisations: 6, kind: 'gaussian', seed: CHECK_SEED + k, singular: false }) }));
  const checks: Check[] = [
    spotCheck('P(|λ| < r) equals the declared r^{2/k}', (p) => F(p.r!, p.k!), (p) => law(p.r!, p.k!), [0.1, 0.5, 0.9].flatMap((r) => [1, 3, 7, 100].map((k) => ({ r, k }))), { tolerance: 1e-13 }),
    spotCheck('Monte Carlo: KS distance of the eigenvalue moduli of k = 1, 2, 4 products (N = 48, 6 draws) from P', (p) => ksDistance(monteCarlo.find((m) => m.k === p.k)!.spectrum.moduli, (r) => Math.min(1, F(r, p.k!))), () => 0, monteCarlo.map((m) => ({ k: m.k })), {
      mode: 'absolute',
      tolerance: 0.06,
    }),
    spotCheck('origin-bin (0.1 × 0.1) mass of the law equals the Fig. 6C caption (32 % at k = 5, 94 % at k = 100) to its 2 digits', (p) => mass(p.k!), (p) => p.mass!, CAPTION_ORIGIN_BIN.map((c) => ({ ...c })), {
      mode: 'absolute',
      tolerance: 0.006,
    }),
  ];
  return { cdf, density, checks, method: 'circular law P(|z| < r) = r² with |λ| = |z|^k: substitute r → r^{1/k}, simplify; density by diff' };
});

export interface ProductLawValue {
  /** k = N_l − 1 factors. */
  k: number;
  /** Mass of the 0.1 × 0.1 origin bin. */
  originBinMass: number;
  /** P(|λ| < 1/2). */
  cdfAtHalf: number;
}

export function deriveRandomProducts(p: ModeParams): TaggedResult<ProductLawValue | null> {
  const d = analyse();
  if ('failed' in d) return unsolved(null, d.failed, 'circular law', d.checks);
  const k = weightLayers(p.depth);
  const F = d.cdf.compile(['r', 'k']);
  const f = d.density.compile(['r', 'k']);
  return formulaResult({
    formula: d.cdf,
    lhsTeX: 'P(|\\lambda| < r)',
    value: { k, originBinMass: squareMass((r) => F(r, k), (r) => f(r, k)), cdfAtHalf: F(0.5, k) },
    method: d.method,
    checks: d.checks,
    names: saxeNames,
    asymptotic: 'N → ∞',
    diagnostics: { density: d.density.text, k: 'N_l − 1 factors', captionOriginBin: CAPTION_ORIGIN_BIN },
  });
}
