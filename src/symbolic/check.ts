/**
 * Numeric verification of symbolic results. Every derivation that returns `exact` carries at least
 * one `Check` made here: the derived formula and an independent reference (the defining equation,
 * a quadrature, an ODE integration) evaluated at sampled parameters.
 */
import type { Check } from '../core/result.ts';
import { Rng } from '../core/rng.ts';

export type Point = Readonly<Record<string, number>>;

/** A sampling range: uniform on [lo, hi], or log-uniform when `log` is set. */
export type Range = readonly [number, number] | { readonly log: readonly [number, number] };

/** `n` points drawn from independent ranges, reproducibly from `seed`. */
export function samplePoints(ranges: Readonly<Record<string, Range>>, n: number, seed = 1): Point[] {
  const rng = new Rng(seed);
  const out: Point[] = [];
  for (let i = 0; i < n; i++) {
    const p: Record<string, number> = {};
    for (const [name, r] of Object.entries(ranges)) {
      if ('log' in r) {
        const [lo, hi] = r.log;
        p[name] = Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng.uniform());
      } else {
        p[name] = r[0] + (r[1] - r[0]) * rng.uniform();
      }
    }
    out.push(p);
  }
  return out;
}

export interface SpotCheckOptions {
  /** Largest residual accepted (default 1e-8). */
  tolerance?: number;
  /** 'relative' divides by max(|reference|, floor); 'absolute' does not. Default relative. */
  mode?: 'relative' | 'absolute';
  /** Floor of the relative denominator (default 1e-300 → pure relative). */
  floor?: number;
}

/**
 * Compare `derived` with `reference` at every sample; the residual is the worst relative (or
 * absolute) difference. A non-finite value on either side fails the check at that sample, so a
 * formula that overflows where the reference does not is caught.
 */
export function spotCheck(
  name: string,
  derived: (p: Point) => number,
  reference: (p: Point) => number,
  samples: readonly Point[],
  options: SpotCheckOptions = {},
): Check {
  const tolerance = options.tolerance ?? 1e-8;
  const relative = (options.mode ?? 'relative') === 'relative';
  const floor = options.floor ?? 1e-300;
  let worst = 0;
  let worstAt: Point | undefined;
  for (const p of samples) {
    const d = derived(p);
    const r = reference(p);
    const residual = Number.isFinite(d) && Number.isFinite(r)
      ? Math.abs(d - r) / (relative ? Math.max(Math.abs(r), floor) : 1)
      : Infinity;
    if (!(residual <= worst)) {
      worst = residual;
      worstAt = p;
    }
  }
  const check: Check = { name, residual: worst, tolerance, passed: worst <= tolerance, samples: samples.length };
  if (worstAt) check.worst = { ...worstAt };
  return check;
}
