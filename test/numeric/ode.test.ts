import { describe, it, expect } from 'vitest';
import ode45 from 'ode45-cash-karp';
import { catchError } from '../helpers.ts';
import { integrateOde, odeComponent, type OdeRhs, type OdeSolution } from '../../src/numeric/ode.ts';

const STEPPERS = ['cash-karp', 'ode45-cash-karp'] as const;

function linspace(a: number, b: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}

function maxError(sol: OdeSolution, j: number, exact: (t: number) => number, relative = false): number {
  const yj = odeComponent(sol, j);
  let worst = 0;
  for (let i = 0; i < sol.t.length; i++) {
    const e = exact(sol.t[i]!);
    const err = Math.abs(yj[i]! - e) / (relative ? Math.abs(e) : 1);
    worst = Math.max(worst, err);
  }
  return worst;
}

// Saxe et al.-style logistic learning curve: u' = 2u(s − u), u(t) = s / (1 + (s/u0 − 1)e^{−2st}).
const s = 2;
const u0 = 0.01;
const logisticRhs: OdeRhs = (d, y) => {
  d[0] = 2 * y[0]! * (s - y[0]!);
};
const logisticExact = (t: number): number => s / (1 + (s / u0 - 1) * Math.exp(-2 * s * t));

describe.each(STEPPERS)('integrateOde with the %s stepper', (stepper) => {
  it('solves exponential decay y′ = −3y to the requested relative tolerance', () => {
    const sol = integrateOde((d, y) => { d[0] = -3 * y[0]!; }, [1], { t0: 0, tEnd: 5, relTol: 1e-9, absTol: 1e-20, stepper });
    expect(sol.status).toBe('done');
    expect(sol.t[sol.t.length - 1]).toBe(5);
    expect(maxError(sol, 0, (t) => Math.exp(-3 * t), true)).toBeLessThan(2e-8);
    expect(sol.stats.steps).toBeGreaterThan(5);
    expect(sol.stats.rhsEvals).toBeGreaterThanOrEqual(6 * sol.stats.steps);
  });

  it('follows the logistic closed form u(t) = s/(1 + (s/u0 − 1)e^{−2st}) on a grid', () => {
    const grid = linspace(0, 4, 81);
    const sol = integrateOde(logisticRhs, [u0], { t0: 0, tEnd: 4, grid, stepper });
    expect(Array.from(sol.t)).toEqual(Array.from(grid));
    expect(maxError(sol, 0, logisticExact, true)).toBeLessThan(stepper === 'cash-karp' ? 3e-7 : 3e-6);
  });

  it('keeps the harmonic oscillator on its orbit over 50 periods', () => {
    const tEnd = 100 * Math.PI;
    const sol = integrateOde((d, y) => { d[0] = y[1]!; d[1] = -y[0]!; }, [0, 1], { t0: 0, tEnd, grid: linspace(0, tEnd, 501), stepper });
    expect(maxError(sol, 0, Math.sin)).toBeLessThan(2e-6);
    expect(maxError(sol, 1, Math.cos)).toBeLessThan(2e-6);
    const end = sol.y.length - 2;
    expect(Math.abs(sol.y[end]! ** 2 + sol.y[end + 1]! ** 2 - 1)).toBeLessThan(2e-6);
  });

  it('locates the event u = 0.95 s at t* = ln((s/u0 − 1)/(1/0.95 − 1))/(2s) and stops there', () => {
    const tStar = Math.log((s / u0 - 1) / (1 / 0.95 - 1)) / (2 * s);
    const grid = linspace(0, 10, 101);
    const sol = integrateOde(logisticRhs, [u0], {
      t0: 0,
      tEnd: 10,
      grid,
      stepper,
      events: [{ name: 'u95', fn: (_t, y) => y[0]! - 0.95 * s, direction: 1, terminal: true }],
    });
    expect(sol.status).toBe('event');
    expect(sol.message).toContain('u95');
    expect(sol.events).toHaveLength(1);
    expect(Math.abs(sol.events[0]!.t - tStar)).toBeLessThan(1e-6);
    expect(Math.abs(sol.events[0]!.y[0]! - 0.95 * s)).toBeLessThan(1e-12);
    // grid points after the event are absent
    expect(sol.t[sol.t.length - 1]!).toBeLessThanOrEqual(tStar);
    expect(sol.t.length).toBe(Math.floor(tStar / 0.1) + 1);
  });

  it('reports a finite-time blow-up of y′ = y² (y0 = 1, blow-up at t = 1) as DIVERGED naming the time', () => {
    const err = catchError(() => integrateOde((d, y) => { d[0] = y[0]! * y[0]!; }, [1], { t0: 0, tEnd: 2, stepper }));
    expect(err.code).toBe('DIVERGED');
    expect(Math.abs((err.details.t as number) - 1)).toBeLessThan(1e-6);
    expect(err.message).toMatch(/t = 0\.99999|t = 1\.0000/);
  });

  it('reports |y| beyond blowUp as DIVERGED with time and value', () => {
    const err = catchError(() => integrateOde((d, y) => { d[0] = y[0]! * y[0]!; }, [1], { t0: 0, tEnd: 2, stepper, blowUp: 1e6 }));
    expect(err.code).toBe('DIVERGED');
    const t = err.details.t as number;
    // y = 1/(1 − t) exceeds 1e6 only after t = 1 − 1e-6
    expect(t).toBeGreaterThan(1 - 1e-6);
    expect(t).toBeLessThan(1);
    expect(Number(err.details.value)).toBeGreaterThan(1e6);
    expect(err.message).toContain('exceeds blowUp');
  });

  it('reports a step-size collapse on a stiff problem as STIFF naming time and step', () => {
    // y′ = −1e6 (y − cos t): explicit stability needs h < 3.7e-6, far below minStep = 1e-4.
    const err = catchError(() =>
      integrateOde((d, y, t) => { d[0] = -1e6 * (y[0]! - Math.cos(t)); }, [1], { t0: 0, tEnd: 1, minStep: 1e-4, stepper }),
    );
    expect(err.code).toBe('STIFF');
    expect(err.details.h as number).toBeLessThan(1e-4);
    expect(err.details).toHaveProperty('t');
    expect(err.message).toContain('minStep');
  });

  it('agrees with the raw ode45-cash-karp package on the Van der Pol oscillator', () => {
    const vdp = (d: Float64Array, y: Float64Array): void => {
      d[0] = y[1]!;
      d[1] = 2 * (1 - y[0]! * y[0]!) * y[1]! - y[0]!;
    };
    const raw = new Float64Array([2, 0]);
    const integrator = ode45(raw, vdp, 0, 1e-3, { tol: 1e-12, verbose: false });
    integrator.steps(Infinity, 8);
    expect(integrator.t).toBeCloseTo(8, 12);
    const sol = integrateOde(vdp, [2, 0], { t0: 0, tEnd: 8, relTol: 1e-12, absTol: 1e-12, stepper });
    const n = sol.t.length - 1;
    expect(Math.abs(sol.y[2 * n]! - raw[0]!)).toBeLessThan(1e-8);
    expect(Math.abs(sol.y[2 * n + 1]! - raw[1]!)).toBeLessThan(1e-8);
  });
});

describe('integrateOde (own Cash–Karp stepper)', () => {
  it('dense output at off-step grid points is 4th order: halving the step cuts the error ~32×', () => {
    // Steps pinned to maxStep by a loose tolerance; grid points at step midpoints.
    const rhs: OdeRhs = (d, y, t) => { d[0] = Math.cos(t) * y[0]!; };
    const exact = (t: number): number => Math.exp(Math.sin(t));
    const errorWithStep = (h: number): number => {
      const grid = Float64Array.from({ length: Math.round(2 / h) }, (_, i) => (i + 0.5) * h);
      const sol = integrateOde(rhs, [1], { t0: 0, tEnd: 2, grid, maxStep: h, initialStep: h, relTol: 0.5, absTol: 1 });
      expect(sol.stats.steps).toBe(Math.round(2 / h));
      return maxError(sol, 0, exact);
    };
    const e1 = errorWithStep(0.2);
    const e2 = errorWithStep(0.1);
    expect(e1).toBeLessThan(1e-4);
    expect(e1 / e2).toBeGreaterThan(20); // cubic Hermite would give 16
  });

  it('interpolates the logistic curve at off-step grid points to within the tolerance', () => {
    const grid = Float64Array.from({ length: 97 }, (_, i) => 0.0317 + i * 0.0291);
    const sol = integrateOde(logisticRhs, [u0], { t0: 0, tEnd: 3, grid });
    expect(sol.stats.steps).toBeLessThan(grid.length); // most grid points fall inside steps
    expect(maxError(sol, 0, logisticExact, true)).toBeLessThan(3e-7);
  });

  it('honours the absolute tolerance on a solution through zero', () => {
    // y = sin t: the relative tolerance alone would demand ever smaller steps at each zero.
    const grid = linspace(0, 20, 2001);
    const loose = integrateOde((d, _y, t) => { d[0] = Math.cos(t); }, [0], { t0: 0, tEnd: 20, grid, absTol: 1e-7, relTol: 1e-12 });
    const tight = integrateOde((d, _y, t) => { d[0] = Math.cos(t); }, [0], { t0: 0, tEnd: 20, grid, absTol: 1e-11, relTol: 1e-12 });
    expect(maxError(loose, 0, Math.sin)).toBeLessThan(1e-6);
    expect(maxError(tight, 0, Math.sin)).toBeLessThan(1e-10);
    expect(loose.stats.steps).toBeLessThan(tight.stats.steps / 2);
    // y = e^{−t} to t = 40 falls below absTol: the step grows instead of tracking 1e-17 relatively.
    const decay = integrateOde((d, y) => { d[0] = -y[0]!; }, [1], { t0: 0, tEnd: 40, absTol: 1e-8, relTol: 1e-6 });
    const pureRel = integrateOde((d, y) => { d[0] = -y[0]!; }, [1], { t0: 0, tEnd: 40, absTol: 0, relTol: 1e-6 });
    expect(maxError(decay, 0, (t) => Math.exp(-t))).toBeLessThan(1e-7);
    expect(decay.stats.steps).toBeLessThan(pureRel.stats.steps / 2);
  });

  it('records non-terminal events in both directions and filters by direction', () => {
    const fn = (_t: number, y: Float64Array): number => y[0]!;
    const both = integrateOde((d, y) => { d[0] = y[1]!; d[1] = -y[0]!; }, [0, 1], {
      t0: 0,
      tEnd: 10,
      events: [{ name: 'zero', fn }],
    });
    expect(both.status).toBe('done');
    expect(both.events.map((e) => e.t)).toHaveLength(3);
    both.events.forEach((e, k) => expect(Math.abs(e.t - (k + 1) * Math.PI)).toBeLessThan(1e-7));
    const falling = integrateOde((d, y) => { d[0] = y[1]!; d[1] = -y[0]!; }, [0, 1], {
      t0: 0,
      tEnd: 10,
      events: [{ name: 'down', fn, direction: -1 }],
    });
    expect(falling.events.map((e) => Math.round(e.t / Math.PI))).toEqual([1, 3]);
  });

  it('ends the accepted-step output at a terminal event', () => {
    const sol = integrateOde(logisticRhs, [u0], {
      t0: 0,
      tEnd: 10,
      events: [{ name: 'half', fn: (_t, y) => y[0]! - 0.5 * s, terminal: true }],
    });
    const last = sol.t.length - 1;
    expect(sol.t[last]).toBe(sol.events[0]!.t);
    expect(sol.y[last]).toBeCloseTo(0.5 * s, 12);
  });

  it('reports the steps held at the stability limit as STIFF when maxSteps runs out', () => {
    const err = catchError(() =>
      integrateOde((d, y, t) => { d[0] = -1e6 * (y[0]! - Math.cos(t)); }, [1], { t0: 0, tEnd: 1, maxSteps: 3000 }),
    );
    expect(err.code).toBe('STIFF');
    expect(err.details.stiffness as number).toBeGreaterThan(3);
  });

  it('reports NOT_CONVERGED, not STIFF, when a non-stiff problem runs out of steps', () => {
    const err = catchError(() => integrateOde((d, y) => { d[0] = y[1]!; d[1] = -y[0]!; }, [0, 1], { t0: 0, tEnd: 1000, maxSteps: 50 }));
    expect(err.code).toBe('NOT_CONVERGED');
    expect(err.details.step).toBe(50);
  });

  it('reports a right-hand side that turns NaN as DIVERGED naming the time', () => {
    // y′ = −√y reaches y = 0 at t = 2; a step past it takes √ of a negative number.
    const err = catchError(() => integrateOde((d, y) => { d[0] = -Math.sqrt(y[0]!); }, [1], { t0: 0, tEnd: 3 }));
    expect(err.code).toBe('DIVERGED');
    expect(Math.abs((err.details.t as number) - 2)).toBeLessThan(1e-3);
  });

  it('rejects invalid options with BAD_PARAM', () => {
    const rhs: OdeRhs = (d, y) => { d[0] = -y[0]!; };
    expect(catchError(() => integrateOde(rhs, [1], { t0: 1, tEnd: 0 })).code).toBe('BAD_PARAM');
    expect(catchError(() => integrateOde(rhs, [NaN], { t0: 0, tEnd: 1 })).code).toBe('BAD_PARAM');
    expect(catchError(() => integrateOde(rhs, [1], { t0: 0, tEnd: 1, grid: Float64Array.of(0, 0.5, 0.4) })).details.index).toBe(2);
    expect(catchError(() => integrateOde(rhs, [1], { t0: 0, tEnd: 1, grid: Float64Array.of(0, 2) })).code).toBe('BAD_PARAM');
  });
});
