/**
 * Gaussian quadrature rules: Gauss–Legendre, Gauss–Hermite (physicists' weight e^{−x²} and the
 * standard normal), and Gauss–Chebyshev of the second kind for √((b−x)(x−a)) endpoint behaviour.
 * Adaptive rules (Gauss–Kronrod, tanh-sinh) are in `adaptiveQuadrature.ts`.
 *
 * An n-point Gauss rule integrates polynomials of degree ≤ 2n − 1 against its weight exactly.
 * Rules are cached by n: the returned arrays are shared and must not be modified.
 */
import { PlateauError } from '../core/errors.ts';
import { tridiagonalEigenvalues } from './eigen.ts';

export interface QuadratureRule {
  /** Nodes in ascending order. */
  nodes: Float64Array;
  weights: Float64Array;
}

function checkOrder(n: number, max: number): void {
  if (!(Number.isInteger(n) && n >= 1 && n <= max)) {
    throw new PlateauError('BAD_PARAM', `quadrature order n must be an integer in [1, ${max}], got ${n}`, { n, range: `[1, ${max}]` });
  }
}

const legendreCache = new Map<number, QuadratureRule>();

/** [P_n(z), P_n′(z)] from j·P_j = (2j−1)z·P_{j−1} − (j−1)P_{j−2} and P_n′ = n(zP_n − P_{n−1})/(z² − 1). */
function legendreWithDerivative(n: number, z: number): [number, number] {
  let p1 = 1;
  let p2 = 0;
  for (let j = 1; j <= n; j++) {
    const p3 = p2;
    p2 = p1;
    p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
  }
  return [p1, (n * (z * p1 - p2)) / (z * z - 1)];
}

/**
 * n-point Gauss–Legendre rule on [−1, 1]: nodes are the roots of P_n, found by Newton's method
 * from x ≈ cos(π(i + 3/4)/(n + 1/2)) with P_n and P_n′ from the three-term recurrence
 * j·P_j = (2j−1)x·P_{j−1} − (j−1)P_{j−2}; weights w_i = 2/((1 − x_i²)·P_n′(x_i)²).
 * Nodes and weights accurate to a few ulp. Cost O(n²) once per n (cached). n ≤ 10000.
 */
export function gaussLegendre(n: number): QuadratureRule {
  checkOrder(n, 10000);
  const cached = legendreCache.get(n);
  if (cached) return cached;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const half = Math.floor((n + 1) / 2);
  for (let i = 0; i < half; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    // Newton converges quadratically: once |Δz| < 1e-9 one more step reaches full precision.
    let settled = false;
    for (let iter = 0; iter < 100; iter++) {
      const [p, dp] = legendreWithDerivative(n, z);
      const dz = p / dp;
      z -= dz;
      if (settled) break;
      settled = Math.abs(dz) < 1e-9;
    }
    const pp = legendreWithDerivative(n, z)[1];
    const w = 2 / ((1 - z * z) * pp * pp);
    nodes[n - 1 - i] = z;
    nodes[i] = -z;
    weights[n - 1 - i] = w;
    weights[i] = w;
  }
  if (n % 2 === 1) nodes[half - 1] = 0;
  const rule = { nodes, weights };
  legendreCache.set(n, rule);
  return rule;
}

/**
 * ∫_a^b f(x) dx ≈ (b−a)/2 · Σ w_i f((a+b)/2 + (b−a)/2·x_i) with the n-point Gauss–Legendre rule:
 * exact for polynomials of degree ≤ 2n − 1; error ∝ f^{(2n)} for smooth f. Cost n evaluations.
 */
export function integrateGaussLegendre(f: (x: number) => number, a: number, b: number, n: number): number {
  const { nodes, weights } = gaussLegendre(n);
  const c = 0.5 * (a + b);
  const d = 0.5 * (b - a);
  let s = 0;
  for (let i = 0; i < n; i++) s += weights[i]! * f(c + d * nodes[i]!);
  return d * s;
}

const hermiteCache = new Map<number, QuadratureRule>();
const normalCache = new Map<number, QuadratureRule>();
const PI_QUARTER_INV = 0.7511255444649425; // π^{−1/4}

/**
 * Orthonormal Hermite recurrence at x: returns [p̃_n(x), p̃_{n−1}(x)] with p̃_0 = π^{−1/4},
 * p̃_j = x·√(2/j)·p̃_{j−1} − √((j−1)/j)·p̃_{j−2}, so ∫ p̃_j p̃_k e^{−x²} dx = δ_jk and p̃_n′ = √(2n)·p̃_{n−1}.
 */
function hermiteOrthonormal(n: number, x: number): [number, number] {
  let p1 = PI_QUARTER_INV;
  let p2 = 0;
  for (let j = 1; j <= n; j++) {
    const p3 = p2;
    p2 = p1;
    p1 = x * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
  }
  return [p1, p2];
}

/**
 * n-point Gauss–Hermite rule for ∫_{−∞}^{∞} f(x) e^{−x²} dx (physicists' weight; Σ w_i = √π).
 * Nodes: eigenvalues of the Jacobi matrix with zero diagonal and off-diagonal √(k/2) (Golub–Welsch),
 * then two Newton steps on the orthonormal p̃_n; weights w_i = 2/p̃_n′(x_i)², which keeps the tiny
 * weights of the outer nodes relatively accurate (they reach 1e-170 at n = 200). Accurate for
 * n ≤ 300 (beyond that the outermost weights underflow). Cost O(n²) once per n (cached).
 */
export function gaussHermite(n: number): QuadratureRule {
  checkOrder(n, 300);
  const cached = hermiteCache.get(n);
  if (cached) return cached;
  const off = new Float64Array(n - 1);
  for (let k = 1; k < n; k++) off[k - 1] = Math.sqrt(k / 2);
  const guess = tridiagonalEigenvalues(new Float64Array(n), off);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const half = Math.floor(n / 2);
  for (let i = 0; i < half; i++) {
    // Use the positive node of each symmetric pair, polish it, and mirror it.
    let x = 0.5 * (guess[n - 1 - i]! - guess[i]!);
    for (let iter = 0; iter < 2; iter++) {
      const [p, pm1] = hermiteOrthonormal(n, x);
      x -= p / (Math.sqrt(2 * n) * pm1);
    }
    const [, pm1] = hermiteOrthonormal(n, x);
    const dp = Math.sqrt(2 * n) * pm1;
    const w = 2 / (dp * dp);
    nodes[n - 1 - i] = x;
    nodes[i] = -x;
    weights[n - 1 - i] = w;
    weights[i] = w;
  }
  if (n % 2 === 1) {
    const [, pm1] = hermiteOrthonormal(n, 0);
    const dp = Math.sqrt(2 * n) * pm1;
    nodes[half] = 0;
    weights[half] = 2 / (dp * dp);
  }
  const rule = { nodes, weights };
  hermiteCache.set(n, rule);
  return rule;
}

/**
 * Gauss–Hermite rule for the standard normal: E f(Z) ≈ Σ w_i f(z_i), Z ~ N(0, 1), with
 * z_i = √2·x_i and w_i = w_i^{phys}/√π (Σ w_i = 1). Exact for polynomials of degree ≤ 2n − 1,
 * e.g. E Z^{2k} = (2k − 1)!! for k < n. Cached by n; n ≤ 300.
 */
export function gaussHermiteNormal(n: number): QuadratureRule {
  const cached = normalCache.get(n);
  if (cached) return cached;
  const phys = gaussHermite(n);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const invSqrtPi = 1 / Math.sqrt(Math.PI);
  for (let i = 0; i < n; i++) {
    nodes[i] = Math.SQRT2 * phys.nodes[i]!;
    weights[i] = phys.weights[i]! * invSqrtPi;
  }
  const rule = { nodes, weights };
  normalCache.set(n, rule);
  return rule;
}

/**
 * E f(Z) for Z ~ N(0, 1) by n-point Gauss–Hermite quadrature (default n = 64): exact for
 * polynomials of degree ≤ 2n − 1, spectrally accurate for smooth f of at most polynomial growth;
 * for kinks (ReLU) the error decays only algebraically in n. Cost n evaluations.
 */
export function expectNormal(f: (z: number) => number, n = 64): number {
  const { nodes, weights } = gaussHermiteNormal(n);
  let s = 0;
  for (let i = 0; i < n; i++) s += weights[i]! * f(nodes[i]!);
  return s;
}

/**
 * ∫_a^b f(x)·√((b−x)(x−a)) dx by n-point Gauss–Chebyshev quadrature of the second kind: with
 * x = c + d·y (c = (a+b)/2, d = (b−a)/2) the integral is d²·∫_{−1}^{1} f(c + d·y)√(1−y²) dy
 * ≈ d²·Σ_{i=1}^{n} π/(n+1)·sin²(iπ/(n+1))·f(c + d·cos(iπ/(n+1))). Exact when f is a polynomial of
 * degree ≤ 2n − 1; exponentially convergent for f analytic on [a, b] — the square-root edges of
 * semicircle and Marchenko–Pastur densities are absorbed into the weight. Cost n evaluations.
 */
export function integrateGaussChebyshevU(f: (x: number) => number, a: number, b: number, n: number): number {
  checkOrder(n, 1e7);
  const c = 0.5 * (a + b);
  const d = 0.5 * (b - a);
  const step = Math.PI / (n + 1);
  let s = 0;
  for (let i = 1; i <= n; i++) {
    const sin = Math.sin(i * step);
    s += sin * sin * f(c + d * Math.cos(i * step));
  }
  return d * d * step * s;
}
