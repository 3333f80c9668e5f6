import { describe, it, expect } from 'vitest';
import { catchError } from '../helpers.ts';
import { bracketRoot, brent, maximizeScalar } from '../../src/numeric/roots.ts';

// Root of E − 0.9 sin E = 1 (mpmath.findroot at 30 digits).
const KEPLER_E = 1.8620866868745323;

describe('brent', () => {
  it('finds √2 as the root of x² − 2 on [0, 2] to machine precision', () => {
    const r = brent((x) => x * x - 2, 0, 2, { xtol: 1e-15 });
    expect(Math.abs(r.root - Math.SQRT2)).toBeLessThan(4e-16);
    expect(r.residual).toBeLessThan(1e-15);
    expect(r.iterations).toBeLessThan(15);
  });

  it('solves Kepler’s equation E − 0.9 sin E = 1 and cos x = x', () => {
    const kepler = brent((E) => E - 0.9 * Math.sin(E) - 1, 0, 4, { xtol: 0 });
    expect(Math.abs(kepler.root - KEPLER_E)).toBeLessThan(1e-15);
    expect(Math.abs(brent((E) => E - 0.9 * Math.sin(E) - 1, 0, 4).root - KEPLER_E)).toBeLessThan(2e-12);
    const dottie = brent((x) => Math.cos(x) - x, 0, 1, { xtol: 0 });
    expect(dottie.root).toBeCloseTo(0.7390851332151607, 15);
  });

  it('keeps the bracket on a flat root (x − 1)^9, where interpolation steps are poor', () => {
    const r = brent((x) => (x - 1) ** 9, 0, 3, { xtol: 1e-10 });
    // |f| < 1e-90 within 1e-10 of the root, so only the bracket can locate it
    expect(Math.abs(r.root - 1)).toBeLessThan(1e-10);
    expect(r.iterations).toBeLessThan(100);
  });

  it('returns an end point that is already a root', () => {
    expect(brent((x) => x - 1, 1, 5).root).toBe(1);
    expect(brent((x) => x - 5, 1, 5).iterations).toBe(0);
  });

  it('throws BAD_PARAM naming the values when f does not change sign', () => {
    const e = catchError(() => brent((x) => x * x + 1, -1, 1));
    expect(e.code).toBe('BAD_PARAM');
    expect(e.details).toMatchObject({ a: -1, b: 1, fa: 2, fb: 2 });
  });

  it('throws NOT_CONVERGED with the residual and bracket when maxIter is too small', () => {
    const e = catchError(() => brent((x) => Math.atan(x - 0.3), -100, 1000, { maxIter: 3 }));
    expect(e.code).toBe('NOT_CONVERGED');
    expect(e.details.residual as number).toBeGreaterThan(0);
    const [lo, hi] = e.details.bracket as [number, number];
    expect(lo).toBeLessThanOrEqual(0.3);
    expect(hi).toBeGreaterThanOrEqual(0.3);
  });
});

describe('bracketRoot', () => {
  it('expands [0, 1] geometrically until it brackets the root of x − 50', () => {
    const br = bracketRoot((x) => x - 50, 0, 1);
    expect(br.a).toBeLessThanOrEqual(50);
    expect(br.b).toBeGreaterThanOrEqual(50);
    expect(Math.sign(br.fa)).not.toBe(Math.sign(br.fb));
    expect(brent((x) => x - 50, br.a, br.b).root).toBeCloseTo(50, 10);
  });

  it('throws NOT_CONVERGED for a function without a root', () => {
    expect(catchError(() => bracketRoot((x) => x * x + 1, 0, 1, { maxIter: 20 })).code).toBe('NOT_CONVERGED');
  });
});

describe('maximizeScalar', () => {
  it('finds the maximum of x·e^{−x} at x = 1 with value 1/e', () => {
    const m = maximizeScalar((x) => x * Math.exp(-x), 0, 5);
    expect(Math.abs(m.x - 1)).toBeLessThan(1e-7);
    expect(Math.abs(m.value - Math.exp(-1))).toBeLessThan(1e-15);
  });

  it('finds the maximum of sin on [0, 3] at π/2 (value exact to 1e-15)', () => {
    const m = maximizeScalar(Math.sin, 0, 3, { tol: 1e-12 });
    expect(Math.abs(m.x - Math.PI / 2)).toBeLessThan(1e-7);
    expect(1 - m.value).toBeLessThan(1e-15);
  });

  it('returns the end point when the maximum is at the boundary', () => {
    const m = maximizeScalar((x) => -x, 2, 7, { tol: 1e-9 });
    expect(Math.abs(m.x - 2)).toBeLessThan(1e-7); // within 2(√ε·|x| + tol/3)
  });

  it('locates a sharp (non-smooth) peak −|x − 0.123| by golden-section steps', () => {
    const m = maximizeScalar((x) => -Math.abs(x - 0.123), -1, 1, { tol: 1e-10 });
    expect(Math.abs(m.x - 0.123)).toBeLessThan(1e-8);
  });
});
