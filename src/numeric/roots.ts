/**
 * Scalar root finding and bounded scalar maximisation (R. P. Brent, "Algorithms for Minimization
 * without Derivatives", 1973, ch. 4 and 5).
 *
 * - `brent`: root of f on a bracket [a, b] with f(a)·f(b) ≤ 0, by inverse quadratic interpolation,
 *   secant and bisection steps; never leaves the bracket and converges at least as fast as bisection.
 * - `bracketRoot`: expands [x0, x1] geometrically until f changes sign.
 * - `maximizeScalar`: maximum of f on [a, b] by golden-section search with parabolic steps.
 */
import { PlateauError } from '../core/errors.ts';

const EPS = 2.220446049250313e-16;

export interface BrentOptions {
  /** Absolute tolerance on the root (default 2e-12). */
  xtol?: number;
  /** Relative tolerance on the root (default 4·ε ≈ 8.9e-16). */
  rtol?: number;
  /** Maximum number of iterations (default 100). */
  maxIter?: number;
}

export interface RootResult {
  root: number;
  iterations: number;
  /** |f(root)|. */
  residual: number;
}

function checkedValue(f: (x: number) => number, x: number): number {
  const v = f(x);
  if (Number.isNaN(v)) {
    throw new PlateauError('BAD_PARAM', `function value is NaN at x = ${x}; root finding needs a defined function on the bracket`, { x });
  }
  return v;
}

/**
 * Brent's method (zeroin): finds x in [a, b] with f(x) = 0 given f(a)·f(b) ≤ 0, to within
 * |Δx| ≤ 2·rtol·|x| + xtol/2. Each iteration costs one evaluation of f; convergence is superlinear
 * for smooth simple roots and never slower than bisection (≤ log2((b−a)/xtol) + a few steps).
 *
 * Throws BAD_PARAM when f(a) and f(b) have the same sign (the bracket and both values are named),
 * and NOT_CONVERGED with the residual and the last bracket when maxIter is exhausted.
 */
export function brent(f: (x: number) => number, a: number, b: number, options: BrentOptions = {}): RootResult {
  const xtol = options.xtol ?? 2e-12;
  const rtol = options.rtol ?? 4 * EPS;
  const maxIter = options.maxIter ?? 100;
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    throw new PlateauError('BAD_PARAM', `bracket [${a}, ${b}] must be finite`, { a, b });
  }
  let fa = checkedValue(f, a);
  let fb = checkedValue(f, b);
  if (fa === 0) return { root: a, iterations: 0, residual: 0 };
  if (fb === 0) return { root: b, iterations: 0, residual: 0 };
  if ((fa > 0) === (fb > 0)) {
    throw new PlateauError(
      'BAD_PARAM',
      `f does not change sign on [${a}, ${b}]: f(a) = ${fa}, f(b) = ${fb}; use bracketRoot to find a bracket first`,
      { a, b, fa, fb },
    );
  }
  // b is the best estimate, a the previous one, c the contrapoint with f(b)·f(c) < 0.
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 1; iter <= maxIter; iter++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * rtol * Math.abs(b) + 0.5 * xtol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol || fb === 0) return { root: b, iterations: iter, residual: Math.abs(fb) };
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        // secant
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        // inverse quadratic interpolation through (a, fa), (b, fb), (c, fc)
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : xm > 0 ? tol : -tol;
    fb = checkedValue(f, b);
  }
  // The last step may have moved b to the side of c: then a (the previous b) is the contrapoint.
  const other = (fb > 0 && fc > 0) || (fb < 0 && fc < 0) ? a : c;
  const bracket = [Math.min(b, other), Math.max(b, other)];
  throw new PlateauError(
    'NOT_CONVERGED',
    `Brent root finding did not converge in ${maxIter} iterations: bracket [${bracket[0]}, ${bracket[1]}], |f| = ${Math.abs(fb)}`,
    { residual: Math.abs(fb), bracket, iterations: maxIter },
  );
}

export interface Bracket {
  a: number;
  b: number;
  fa: number;
  fb: number;
}

/**
 * Expand [x0, x1] until f changes sign: the end with the smaller |f| is moved outward by
 * `factor`·(x1 − x0) each time (Numerical Recipes `zbrac`), so the interval grows geometrically.
 * Costs two evaluations plus one per expansion. Throws NOT_CONVERGED after maxIter expansions
 * naming the last interval and values; BAD_PARAM when x0 = x1.
 */
export function bracketRoot(
  f: (x: number) => number,
  x0: number,
  x1: number,
  options: { factor?: number; maxIter?: number } = {},
): Bracket {
  const factor = options.factor ?? 1.6;
  const maxIter = options.maxIter ?? 60;
  if (!(x0 !== x1 && Number.isFinite(x0) && Number.isFinite(x1))) {
    throw new PlateauError('BAD_PARAM', `bracketRoot needs two distinct finite starting points, got ${x0}, ${x1}`, { x0, x1 });
  }
  let a = Math.min(x0, x1);
  let b = Math.max(x0, x1);
  let fa = checkedValue(f, a);
  let fb = checkedValue(f, b);
  for (let iter = 0; iter < maxIter; iter++) {
    if ((fa > 0) !== (fb > 0) || fa === 0 || fb === 0) return { a, b, fa, fb };
    if (Math.abs(fa) < Math.abs(fb)) {
      a += factor * (a - b);
      fa = checkedValue(f, a);
    } else {
      b += factor * (b - a);
      fb = checkedValue(f, b);
    }
  }
  if ((fa > 0) !== (fb > 0) || fa === 0 || fb === 0) return { a, b, fa, fb };
  throw new PlateauError(
    'NOT_CONVERGED',
    `no sign change of f found after ${maxIter} expansions: [${a}, ${b}], f(a) = ${fa}, f(b) = ${fb}`,
    { residual: Math.min(Math.abs(fa), Math.abs(fb)), bracket: [a, b], fa, fb },
  );
}

export interface MaximumResult {
  x: number;
  value: number;
  iterations: number;
}

const GOLDEN = 0.3819660112501051; // (3 − √5)/2

/**
 * Maximum of f on [a, b] by Brent's method (`fmin` applied to −f): golden-section steps, replaced
 * by parabolic interpolation through the three best points when that step is acceptable. Finds a
 * local maximum to within |Δx| ≤ √ε·|x| + tol/3 (default tol 1e-10); for a unimodal f it is the
 * global one, and a maximum at an end point is returned within tol of it. One evaluation per
 * iteration; superlinear for smooth maxima. NOT_CONVERGED after maxIter (default 500) iterations.
 */
export function maximizeScalar(
  f: (x: number) => number,
  a: number,
  b: number,
  options: { tol?: number; maxIter?: number } = {},
): MaximumResult {
  const tolAbs = options.tol ?? 1e-10;
  const maxIter = options.maxIter ?? 500;
  if (!(Number.isFinite(a) && Number.isFinite(b) && a < b)) {
    throw new PlateauError('BAD_PARAM', `maximizeScalar needs a finite interval a < b, got [${a}, ${b}]`, { a, b });
  }
  const sqrtEps = Math.sqrt(EPS);
  const g = (x: number): number => -checkedValue(f, x);
  let x = a + GOLDEN * (b - a);
  let w = x;
  let v = x;
  let fx = g(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  for (let iter = 1; iter <= maxIter; iter++) {
    const xm = 0.5 * (a + b);
    const tol1 = sqrtEps * Math.abs(x) + tolAbs / 3;
    const tol2 = 2 * tol1;
    if (Math.abs(x - xm) <= tol2 - 0.5 * (b - a)) return { x, value: -fx, iterations: iter };
    let golden = true;
    if (Math.abs(e) > tol1) {
      // parabola through (v, fv), (w, fw), (x, fx)
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = xm >= x ? tol1 : -tol1;
        golden = false;
      }
    }
    if (golden) {
      e = x >= xm ? a - x : b - x;
      d = GOLDEN * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d >= 0 ? tol1 : -tol1);
    const fu = g(u);
    if (fu <= fx) {
      if (u >= x) a = x;
      else b = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  throw new PlateauError('NOT_CONVERGED', `maximizeScalar did not converge in ${maxIter} iterations: interval [${a}, ${b}], best x = ${x}`, {
    residual: b - a,
    bracket: [a, b],
    x,
  });
}
