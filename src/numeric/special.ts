/**
 * Special functions in float64: the error function family, the standard normal distribution and
 * branch-stable logistic / log-sum-exp forms.
 *
 * erf, erfc and erfcx use W. J. Cody's rational Chebyshev approximations (Math. Comp. 23 (1969)
 * 631–637; coefficients of netlib specfun CALERF) on the three intervals |x| ≤ 0.46875,
 * 0.46875 < |x| ≤ 4 and |x| > 4. The factor e^{−x²} is formed as e^{−s²}·e^{−(x−s)(x+s)} with
 * s = ⌊16x⌋/16, so that s² is exact and the tails keep full relative accuracy: erfc(x) is accurate
 * to a few ulp (≲ 1e-15 relative) from x = −26 to its underflow at x ≈ 26.5.
 *
 * Every function here costs O(1): at most two exponentials and a rational function of degree ≤ 8.
 */

const SQRT_PI_INV = 0.5641895835477562869; // 1/√π
const SQRT_2 = Math.SQRT2;
const SQRT_2PI_INV = 0.3989422804014326779; // 1/√(2π)
const SQRT_2PI = 2.5066282746310005024;

/** Below this, erf(x) = 2x/√π to double precision. */
const ERF_TINY = 1.11e-16;

// Cody (1969), first interval: erf(x) = x·A(x²)/B(x²) for |x| ≤ 0.46875.
const A0 = 3.1611237438705656;
const A1 = 113.864154151050156;
const A2 = 377.485237685302021;
const A3 = 3209.37758913846947;
const A4 = 0.185777706184603153;
const B0 = 23.6012909523441209;
const B1 = 244.024637934444173;
const B2 = 1282.61652607737228;
const B3 = 2844.23683343917062;

// Second interval: erfc(x) = e^{−x²}·C(x)/D(x) for 0.46875 < x ≤ 4.
const C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
] as const;
const D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
] as const;

// Third interval: erfc(x) = e^{−x²}/x·(1/√π − x^{−2}·P(x^{−2})/Q(x^{−2})) for x > 4.
const P = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4,
  0.0163153871373020978,
] as const;
const Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185] as const;

/** x·A(x²)/B(x²): erf(x) for |x| ≤ 0.46875 (Cody's first interval). */
function erfSmall(x: number): number {
  const ysq = Math.abs(x) > ERF_TINY ? x * x : 0;
  let num = A4 * ysq;
  let den = ysq;
  num = (num + A0) * ysq;
  den = (den + B0) * ysq;
  num = (num + A1) * ysq;
  den = (den + B1) * ysq;
  num = (num + A2) * ysq;
  den = (den + B2) * ysq;
  return (x * (num + A3)) / (den + B3);
}

/** erfcx(y) = e^{y²}·erfc(y) for y > 0.46875: the rational part of Cody's second and third intervals. */
function erfcxRational(y: number): number {
  if (y <= 4) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]!) * y;
      den = (den + D[i]!) * y;
    }
    return (num + C[7]) / (den + D[7]);
  }
  const ysq = 1 / (y * y);
  let num = P[5] * ysq;
  let den = ysq;
  for (let i = 0; i < 4; i++) {
    num = (num + P[i]!) * ysq;
    den = (den + Q[i]!) * ysq;
  }
  return (SQRT_PI_INV - (ysq * (num + P[4])) / (den + Q[4])) / y;
}

/**
 * e^{−x²} without the rounding of x² in the exponent: x = s + δ with s = ⌊16x⌋/16 exact,
 * e^{−x²} = e^{−s²}·e^{−(x−s)(x+s)}. Relative error a few ulp even where x² ≈ 700.
 */
function expNegSquare(x: number): number {
  const s = Math.trunc(16 * x) / 16;
  return Math.exp(-s * s) * Math.exp(-(x - s) * (x + s));
}

/** e^{−x²/2} with the same splitting as `expNegSquare`. */
function expNegHalfSquare(x: number): number {
  const s = Math.trunc(16 * x) / 16;
  return Math.exp(-0.5 * s * s) * Math.exp(-0.5 * (x - s) * (x + s));
}

/**
 * Error function erf(x) = (2/√π) ∫₀ˣ e^{−t²} dt. Relative error ≲ 1e-15 (Cody 1969). Cost O(1).
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return erfSmall(x);
  if (y >= 6) return x > 0 ? 1 : -1; // erfc(6) = 2e-17 < ulp(1)/2
  const r = 1 - expNegSquare(y) * erfcxRational(y);
  return x < 0 ? -r : r;
}

/**
 * Complementary error function erfc(x) = 1 − erf(x) = (2/√π) ∫ₓ^∞ e^{−t²} dt, with full relative
 * accuracy in the upper tail (≲ 1e-15 down to the smallest normal double, x ≈ 26.5). Cost O(1).
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfSmall(x);
  const tail = expNegSquare(y) * erfcxRational(y); // underflows gracefully to 0 past x ≈ 27.3
  return x < 0 ? 2 - tail : tail;
}

/**
 * Scaled complementary error function erfcx(x) = e^{x²}·erfc(x), finite and smooth for large x
 * (erfcx(x) ≈ 1/(x√π)); for x < 0 it grows like 2e^{x²} and overflows below x ≈ −26.6.
 * Use it for Mills ratios: Q(x)/φ(x) = √(π/2)·erfcx(x/√2). Cost O(1).
 */
export function erfcx(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  let r: number;
  if (y <= 0.46875) r = Math.exp(y * y) * (1 - erfSmall(y));
  else r = erfcxRational(y);
  if (x >= 0) return r;
  // erfcx(−y) = 2e^{y²} − erfcx(y)
  return 2 * Math.exp(y * y) - r;
}

/** Standard normal density φ(x) = e^{−x²/2}/√(2π), relative error a few ulp. Cost O(1). */
export function normalPdf(x: number): number {
  return SQRT_2PI_INV * expNegHalfSquare(Math.abs(x));
}

/**
 * Upper tail Q(x) = 1 − Φ(x) = ½·erfc(x/√2), with relative accuracy ≲ 1e-14 deep into the tail
 * (the e^{−x²/2} factor is formed from x itself, not from the rounded x/√2). Cost O(1).
 */
export function normalUpperTail(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  const z = y / SQRT_2;
  let tail: number;
  if (z <= 0.46875) tail = 0.5 * (1 - erfSmall(z));
  else tail = 0.5 * expNegHalfSquare(y) * erfcxRational(z);
  return x >= 0 ? tail : 1 - tail;
}

/** Standard normal cumulative distribution Φ(x) = ½·erfc(−x/√2) = Q(−x). Cost O(1). */
export function normalCdf(x: number): number {
  return normalUpperTail(-x);
}

// Acklam's rational approximation of Φ⁻¹ (relative error < 1.15e-9), refined below.
const ACK_A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239] as const;
const ACK_B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572] as const;
const ACK_C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] as const;
const ACK_D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416] as const;
const ACK_LOW = 0.02425;

/** Acklam's approximation for p ≤ 1/2 (lower half, x ≤ 0). */
function acklamLower(p: number): number {
  if (p < ACK_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((ACK_C[0] * q + ACK_C[1]) * q + ACK_C[2]) * q + ACK_C[3]) * q + ACK_C[4]) * q + ACK_C[5]) /
      ((((ACK_D[0] * q + ACK_D[1]) * q + ACK_D[2]) * q + ACK_D[3]) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((ACK_A[0] * r + ACK_A[1]) * r + ACK_A[2]) * r + ACK_A[3]) * r + ACK_A[4]) * r + ACK_A[5]) * q) /
    (((((ACK_B[0] * r + ACK_B[1]) * r + ACK_B[2]) * r + ACK_B[3]) * r + ACK_B[4]) * r + 1)
  );
}

/**
 * Inverse standard normal cdf x = Φ⁻¹(p): Acklam's approximation (relative error 1.15e-9) followed
 * by one Halley step on Φ(x) − p = 0, u = (Φ(x) − p)·√(2π)·e^{x²/2}, x ← x − u/(1 + x·u/2), which
 * triples the number of correct digits. p > ½ is mapped to −Φ⁻¹(1 − p) (1 − p is exact there), so
 * the upper tail is as accurate as the lower. Returns ∓∞ at p = 0, 1; NaN outside [0, 1]. Cost O(1).
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -normalQuantile(1 - p);
  let x = acklamLower(p);
  const e = normalCdf(x) - p;
  const u = (e * SQRT_2PI) / expNegHalfSquare(Math.abs(x));
  x -= u / (1 + 0.5 * x * u);
  return x;
}

/**
 * Logistic sigmoid σ(z) = 1/(1 + e^{−z}), branch-stable: for z < 0 it is e^{z}/(1 + e^{z}), so no
 * exponential overflows and small values keep their relative accuracy. Cost O(1).
 */
export function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Softplus log(1 + e^{x}) without overflow or cancellation: e^{x} for x < −37 (where log1p(e^x) =
 * e^x in double), log1p(e^x) up to 18, x + e^{−x} up to 33.3, and x beyond. Cost O(1).
 */
export function log1pExp(x: number): number {
  if (x <= -37) return Math.exp(x);
  if (x <= 18) return Math.log1p(Math.exp(x));
  if (x <= 33.3) return x + Math.exp(-x);
  return x;
}

/**
 * log(e^{a} + e^{b}) = max(a, b) + log1p(e^{−|a−b|}), exact for infinite arguments
 * (logSumExp(−∞, −∞) = −∞). Cost O(1).
 */
export function logSumExp(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  const m = Math.max(a, b);
  if (m === -Infinity || m === Infinity) return m;
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}
