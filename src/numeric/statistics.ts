/**
 * Summaries over seeds and grids shared by simulators, validators and figures.
 */

/**
 * Mean and standard error over runs at every index k (runs[r][k]); the s.e. is the sample
 * standard deviation (n − 1 denominator) over √n, 0 for a single run. Where any run is not
 * finite (it diverged) both are +∞, never NaN. O(runs·length).
 */
export function meanAndStandardError(runs: readonly ArrayLike<number>[]): { mean: Float64Array; se: Float64Array } {
  const n = runs.length;
  const len = runs[0]?.length ?? 0;
  const mean = new Float64Array(len);
  const se = new Float64Array(len);
  for (let k = 0; k < len; k++) {
    let s = 0;
    let finite = true;
    for (const r of runs) {
      const x = r[k]!;
      if (!Number.isFinite(x)) finite = false;
      s += x;
    }
    if (!finite) {
      mean[k] = Infinity;
      se[k] = Infinity;
      continue;
    }
    const m = s / n;
    let v = 0;
    for (const r of runs) v += (r[k]! - m) ** 2;
    mean[k] = m;
    se[k] = n > 1 ? Math.sqrt(v / (n - 1) / n) : 0;
  }
  return { mean, se };
}

/** Mean, standard error and standard deviation (n − 1 denominator) of one sample. */
export function meanSe(x: readonly number[]): { mean: number; se: number; sd: number } {
  const n = x.length;
  const mean = x.reduce((a, v) => a + v, 0) / n;
  const sd = n > 1 ? Math.sqrt(x.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, se: sd / Math.sqrt(n), sd };
}

/** n points from lo to hi (both included), geometrically spaced; lo, hi > 0. */
export function geomspace(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo * Math.pow(hi / lo, n === 1 ? 0 : i / (n - 1)));
}
