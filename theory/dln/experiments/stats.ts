/**
 * Small statistics shared by the DLN experiments: least-squares lines, first crossings, the
 * late-time rate fit, and z-scores of two estimates with standard errors.
 */

/** Least-squares line y = a + b·x, with the largest residual. */
export function linearFit(x: readonly number[], y: readonly number[]): { intercept: number; slope: number; maxResidual: number; r2: number } {
  const n = x.length;
  const mx = x.reduce((a, v) => a + v, 0) / n;
  const my = y.reduce((a, v) => a + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let maxResidual = 0;
  for (let i = 0; i < n; i++) maxResidual = Math.max(maxResidual, Math.abs(y[i]! - intercept - slope * x[i]!));
  return { intercept, slope, maxResidual, r2: syy > 0 ? (sxy * sxy) / (sxx * syy) : 1 };
}

/** First time at which y falls to `level` or below (linear interpolation), or NaN. */
export function firstCrossingBelow(t: ArrayLike<number>, y: ArrayLike<number>, level: number): number {
  for (let k = 1; k < y.length; k++) {
    if (y[k]! <= level && y[k - 1]! > level) {
      const f = (y[k - 1]! - level) / (y[k - 1]! - y[k]!);
      return t[k - 1]! + f * (t[k]! - t[k - 1]!);
    }
  }
  return NaN;
}

/**
 * Rate μ from E_train ∝ t^{−3/2}e^{−2μt}: minus half the slope of ln E + 1.5 ln t over the
 * window [from, to] (least squares on the grid points inside).
 */
export function fittedRate(t: ArrayLike<number>, train: ArrayLike<number>, from: number, to: number): number {
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k < t.length; k++) {
    if (t[k]! >= from && t[k]! <= to && train[k]! > 0) {
      x.push(t[k]!);
      y.push(Math.log(train[k]!) + 1.5 * Math.log(t[k]!));
    }
  }
  return -linearFit(x, y).slope / 2;
}

/** max over k of |a − b|/√(sa² + sb²) (a floor on the s.e. avoids dividing by ~0 at t = 0). */
export function maxZScore(a: ArrayLike<number>, sa: ArrayLike<number>, b: ArrayLike<number>, sb: ArrayLike<number>, floor = 1e-6): { z: number; at: number; maxGap: number } {
  let z = 0;
  let at = 0;
  let maxGap = 0;
  for (let k = 0; k < a.length; k++) {
    const gap = Math.abs(a[k]! - b[k]!);
    const zk = gap / Math.max(Math.hypot(sa[k]!, sb[k]!), floor);
    maxGap = Math.max(maxGap, gap);
    if (zk > z) {
      z = zk;
      at = k;
    }
  }
  return { z, at, maxGap };
}

