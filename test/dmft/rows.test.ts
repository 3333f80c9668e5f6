import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.ts';
import { marchCausal } from '../../src/dmft/causal-march.ts';
import { inverseIMinusStrictLower, lowerTimesLower, sandwich, steinDoubling } from '../../src/dmft/operators.ts';
import { lowerProductRows, responseMinusMemoryRows, rowsHealthy, sandwichRows, steinRows, strictLowerRows, unitLowerInverseRows } from '../../src/dmft/rows.ts';
import { maxAbsDiff } from '../helpers.ts';

const T = 11;
function lower(rng: Rng, strict: boolean, scale = 0.4): Float64Array {
  const a = new Float64Array(T * T);
  for (let i = 0; i < T; i++) for (let j = 0; j <= i; j++) a[i * T + j] = i === j ? (strict ? 0 : 1 + 0.3 * rng.uniform()) : scale * rng.normal();
  return a;
}
function symmetric(rng: Rng): Float64Array {
  const l = lower(rng, false);
  const c = new Float64Array(T * T);
  return sandwich(l, Float64Array.from({ length: T * T }, (_, k) => (k % (T + 1) === 0 ? 1 : 0)), T, c, new Float64Array(T * T));
}
/** Apply a row-block function window by window ([0,3), [3,4), [4,9), [9,T)) as a march would. */
function inWindows(f: (r0: number, r1: number) => void): void {
  for (const [r0, r1] of [[0, 3], [3, 4], [4, 9], [9, T]] as const) f(r0, r1);
}

describe('row-block causal operators equal the full-matrix operators of operators.ts', () => {
  const rng = new Rng(11);

  it('lower×lower, scaled', () => {
    const a = lower(rng, false);
    const b = lower(rng, false);
    const out = new Float64Array(T * T);
    inWindows((r0, r1) => lowerProductRows(a, b, T, r0, r1, out, 0.5));
    const ref = lowerTimesLower(a, b, T, new Float64Array(T * T)).map((v) => 0.5 * v);
    expect(maxAbsDiff(out, ref)).toBeLessThan(1e-14);
  });

  it('(I − [A]_<)⁻¹ by forward substitution, row block by row block', () => {
    const a = lower(rng, true);
    const out = new Float64Array(T * T);
    inWindows((r0, r1) => unitLowerInverseRows(a, T, r0, r1, out));
    expect(maxAbsDiff(out, inverseIMinusStrictLower(a, T, new Float64Array(T * T)))).toBeLessThan(1e-13);
  });

  it('sandwich M C Mᵀ (symmetric output, both triangles), with accumulation', () => {
    const m = lower(rng, false);
    const c = symmetric(rng);
    const out = new Float64Array(T * T).fill(0);
    const work = new Float64Array(2 * T);
    inWindows((r0, r1) => {
      sandwichRows(m, c, T, r0, r1, out, work, 2);
      sandwichRows(m, c, T, r0, r1, out, work, 1, true);
    });
    const ref = sandwich(m, c, T, new Float64Array(T * T), new Float64Array(T * T)).map((v) => 3 * v);
    expect(maxAbsDiff(out, ref)).toBeLessThan(1e-12);
  });

  it('Stein C = F + PCPᵀ by forward substitution equals doubling (digest C4)', () => {
    const p = lower(rng, true, 0.6);
    const f = symmetric(rng);
    const out = new Float64Array(T * T);
    inWindows((r0, r1) => steinRows(f, p, T, r0, r1, out, new Float64Array(2 * T)));
    expect(maxAbsDiff(out, steinDoubling(f, p, T, new Float64Array(T * T)))).toBeLessThan(1e-12);
  });

  it('memory kernels [R]_≤ − c[C]_< and strict lower parts', () => {
    const r = lower(rng, false);
    const c = symmetric(rng);
    const out = new Float64Array(T * T);
    responseMinusMemoryRows(r, c, 0.3, T, 0, T, out);
    const sl = new Float64Array(T * T);
    strictLowerRows(c, T, 0, T, sl, 0.3);
    expect(maxAbsDiff(out, r.map((v, k) => v - sl[k]!))).toBeLessThan(1e-15);
  });

  it('health check: false on overflow or NaN, flushes subnormals', () => {
    const a = new Float64Array(T * T);
    a[T + 1] = 1e-310;
    expect(rowsHealthy(a, T, 0, T, 1e30)).toBe(true);
    expect(a[T + 1]).toBe(0);
    a[2 * T] = 2e30;
    expect(rowsHealthy(a, T, 0, T, 1e30)).toBe(false);
    a[2 * T] = NaN;
    expect(rowsHealthy(a, T, 2, 3, 1e30)).toBe(false);
  });
});

describe('windowed causal march', () => {
  /** x_t = ρ x_{t−1} + 1 solved by Jacobi sweeps; "diverges" when |x| passes 1e30 (ρ > 1). */
  function problem(rho: number, horizon: number, stallAt = -1) {
    const x = new Float64Array(horizon);
    const previous = new Float64Array(horizon);
    return {
      x,
      horizon,
      seed(r0: number, r1: number) {
        x.fill(0, r0, r1);
        previous.fill(NaN, r0, r1);
      },
      sweep(r0: number, r1: number) {
        let change = 0;
        for (let t = r0; t < r1; t++) {
          x[t] = (t > 0 ? rho * x[t - 1]! : 0) + 1 + (t === stallAt ? Math.random() : 0);
          change = Math.max(change, Number.isNaN(previous[t]!) ? 1 : Math.abs(x[t]! - previous[t]!));
          previous[t] = x[t]!;
        }
        return change;
      },
      healthy(r0: number, r1: number) {
        for (let t = r0; t < r1; t++) if (!(Math.abs(x[t]!) <= 1e30)) return false;
        return true;
      },
    };
  }

  it('converges window by window to the causal solution', () => {
    const p = problem(0.5, 25);
    const report = marchCausal(p, { window: 7 });
    expect(report.status).toBe('converged');
    expect(report.accepted).toBe(25);
    expect(p.x[24]).toBeCloseTo((1 - 0.5 ** 25) / 0.5, 12);
  });

  it('a window that overflows is retried one step at a time, and the step where the solution itself overflows is reported', () => {
    const p = problem(1e8, 10);
    const report = marchCausal(p, { window: 5 });
    expect(report.status).toBe('diverged');
    expect(report.windowFallbacks).toBe(1);
    // x_t ≈ 1e8^t passes 1e30 first at t = 4.
    expect(report.divergedAt).toBe(4);
    expect(report.accepted).toBe(4);
  });

  it('a step that never settles is NOT_CONVERGED with its residual', () => {
    const p = problem(0.5, 6, 3);
    expect(() => marchCausal(p, { window: 2, maxSweeps: 20 })).toThrow(/did not converge/);
  });
});
