/**
 * Initial value problems y′ = f(t, y), y(t0) = y0, by an adaptive explicit Runge–Kutta method, with
 * what theory code needs on top of a bare stepper: output on a requested time grid (dense output),
 * events located by root finding ("u reaches 95 % of s"), absolute + relative tolerance, a maximum
 * step, and errors that say what went wrong: DIVERGED (blow-up: time and value), STIFF (step-size
 * collapse, or steps held at the stability limit), NOT_CONVERGED (step budget spent).
 *
 * Method. The steppers in `odeSteppers.ts` implement the Cash–Karp 5(4) pair. The default is our
 * own implementation; `stepper: 'ode45-cash-karp'` runs the npm package ode45-cash-karp under the
 * same driver. We do not make the package the default because it (1) scales the error by the state
 * at the start of a step only and in the max norm, (2) hides its stages and rejections, so dense
 * output costs a 7th evaluation per step and no stiffness indicator is possible, and (3) takes a
 * step clipped to its minimum size silently. It stays as an independent second implementation of
 * the same method: tests and validators run both and compare.
 *
 * Dense output. Between accepted steps t_n → t_{n+1} the solution is interpolated without extra
 * evaluations of f: by a 4th-order continuous extension of the Cash–Karp stages (local error
 * O(h⁵), the order of the step's own error estimate; C¹ across steps) with our stepper, and by the
 * cubic Hermite interpolant on (y_n, f_n, y_{n+1}, f_{n+1}) (3rd order) with the package. Grid points
 * do not constrain the step sequence.
 *
 * Events. An event g(t, y) is checked at every step end; on a sign change in the requested
 * direction the crossing is located by Brent's method on g(t, y(t)) with the interpolant, to
 * ~4ε·|t| in t. A terminal event ends the integration there.
 *
 * Cost: 6 evaluations of f per accepted step (7 with the package) and 5 per rejected trial, O(n)
 * work per stage; O(n) per grid point; O(iterations) evaluations of g and the interpolant per event.
 */
import { PlateauError } from '../core/errors.ts';
import { createCashKarpStepper, createOde45Stepper, type OdeStepper, type StepOutcome } from './odeSteppers.ts';
import { brent } from './roots.ts';

/** Right-hand side: write f(t, y) into `dydt`. Must not keep references to `y` or `dydt`. */
export type OdeRhs = (dydt: Float64Array, y: Float64Array, t: number) => void;

export interface OdeEventSpec {
  name: string;
  /**
   * g(t, y); an event occurs where g changes sign after t0 (a zero at t0 itself is not one).
   * `y` is a scratch buffer: copy it to keep it.
   */
  fn: (t: number, y: Float64Array) => number;
  /** 1: only g rising through 0; −1: only falling; 0 (default): both. */
  direction?: 1 | -1 | 0;
  /** Stop the integration at the first such event (default false). */
  terminal?: boolean;
}

export interface OdeOptions {
  t0: number;
  tEnd: number;
  /** Output times, increasing, within [t0, tEnd]; when absent, output is at every accepted step. */
  grid?: Float64Array;
  /** Absolute tolerance per component (default 1e-10). */
  absTol?: number;
  /** Relative tolerance (default 1e-8). The local error is kept below absTol + relTol·|y|. */
  relTol?: number;
  maxStep?: number;
  initialStep?: number;
  /** Maximum number of accepted steps (default 1e6). */
  maxSteps?: number;
  /** Smallest step before STIFF/DIVERGED is reported (default 1e-14·max(|t0|, |tEnd|)). */
  minStep?: number;
  /** |y_i| beyond this is reported as DIVERGED (default 1e100). */
  blowUp?: number;
  events?: readonly OdeEventSpec[];
  /** 'cash-karp' (default, own implementation) or 'ode45-cash-karp' (the npm package). */
  stepper?: 'cash-karp' | 'ode45-cash-karp';
}

export interface OdeEvent {
  name: string;
  t: number;
  y: Float64Array;
}

/**
 * A solution: `t` holds the output times (the grid, or t0 and every accepted step), `y` the states
 * row-major, y(t[i])_j = y[i·dim + j]. With a terminal event the output stops at the event: grid
 * points after it are absent, and without a grid the last row is the event point.
 */
export interface OdeSolution {
  t: Float64Array;
  y: Float64Array;
  dim: number;
  /** All events in time order, each with the time and state of the crossing. */
  events: OdeEvent[];
  status: 'done' | 'event';
  message: string;
  method: string;
  stats: { steps: number; rejected: number; rhsEvals: number };
}

/** The time series of component j of a solution: y_j(t[i]) for every output time. Cost O(rows). */
export function odeComponent(solution: OdeSolution, j: number): Float64Array {
  const rows = solution.t.length;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = solution.y[i * solution.dim + j]!;
  return out;
}

function badParam(message: string, details: Record<string, unknown>): PlateauError {
  return new PlateauError('BAD_PARAM', message, details);
}

function crossed(g0: number, g1: number, direction: number): boolean {
  if (g0 === 0) return false;
  const up = g0 < 0 && g1 >= 0;
  const down = g0 > 0 && g1 <= 0;
  return direction > 0 ? up : direction < 0 ? down : up || down;
}

function maxAbs(v: Float64Array): { index: number; value: number } {
  let index = 0;
  let value = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]!);
    if (!(a <= value)) {
      index = i;
      value = a;
    }
  }
  return { index, value };
}

/**
 * The error for a step that could not be taken. A collapse with |y| grown ≥ 1e3-fold and some
 * component growing on a time scale |y_i/f_i| within 1e3 steps is a finite-time blow-up (y′ = y²
 * needs h ∝ 1/|y| until h reaches the float spacing of t); otherwise the problem is stiff or not
 * smooth there.
 */
function failedStepError(outcome: StepOutcome, s: OdeStepper, y0Max: number, minStep: number): PlateauError {
  const { t, y, f, hAttempt: h } = s;
  const big = maxAbs(y);
  const where = { t, step: s.stats.steps, h, index: big.index, value: y[big.index]! };
  if (outcome === 'nonfinite') {
    return new PlateauError(
      'DIVERGED',
      `the right-hand side gave NaN or ±∞ in the step from t = ${t} (tried down to h = ${h}); max |y| = ${big.value} at component ${big.index}`,
      where,
    );
  }
  let growthTime = Infinity;
  for (let i = 0; i < y.length; i++) {
    if (y[i]! * f[i]! > 0) growthTime = Math.min(growthTime, Math.abs(y[i]! / f[i]!));
  }
  if (big.value >= 1e3 * Math.max(1, y0Max) && growthTime <= 1e3 * h) {
    return new PlateauError(
      'DIVERGED',
      `solution blows up near t ≈ ${t + growthTime}: |y[${big.index}]| = ${big.value} at t = ${t}, where the step size collapsed to ${h}`,
      { ...where, blowUpTime: t + growthTime },
    );
  }
  return new PlateauError(
    'STIFF',
    `step size collapsed to h = ${h} < minStep = ${minStep} at t = ${t} (step ${s.stats.steps}): the problem is stiff or not smooth there; use an implicit method, loosen the tolerances or lower minStep`,
    { ...where, minStep },
  );
}

/**
 * Integrate y′ = f(t, y) from t0 to tEnd (see the module comment for the method, dense output and
 * events). Throws BAD_PARAM for invalid options or a non-finite y0; DIVERGED when a component
 * becomes non-finite or exceeds `blowUp` (naming time, component and value) or on a finite-time
 * blow-up; STIFF on step-size collapse below minStep, or when maxSteps is spent while the steps sit
 * at the stability limit (h·|λ| ≈ 3.3); NOT_CONVERGED when maxSteps is spent otherwise.
 */
export function integrateOde(rhs: OdeRhs, y0: Float64Array | readonly number[], options: OdeOptions): OdeSolution {
  const { t0, tEnd, grid } = options;
  const absTol = options.absTol ?? 1e-10;
  const relTol = options.relTol ?? 1e-8;
  const maxSteps = options.maxSteps ?? 1e6;
  const blowUp = options.blowUp ?? 1e100;
  const minStep = options.minStep ?? 1e-14 * Math.max(Math.abs(t0), Math.abs(tEnd));
  const maxStep = options.maxStep ?? Infinity;
  const events = options.events ?? [];
  const dim = y0.length;
  if (!(Number.isFinite(t0) && Number.isFinite(tEnd) && tEnd > t0)) throw badParam(`need finite t0 < tEnd, got t0 = ${t0}, tEnd = ${tEnd}`, { t0, tEnd });
  if (dim === 0) throw badParam('y0 is empty', { dim });
  for (let i = 0; i < dim; i++) if (!Number.isFinite(y0[i]!)) throw badParam(`y0[${i}] = ${y0[i]} is not finite`, { index: i, value: y0[i] });
  if (!(absTol >= 0 && relTol >= 0 && absTol + relTol > 0 && relTol < 1)) {
    throw badParam(`tolerances need absTol ≥ 0, 0 ≤ relTol < 1, not both 0; got absTol = ${absTol}, relTol = ${relTol}`, { absTol, relTol });
  }
  if (!(maxStep > 0) || !(minStep >= 0) || !(maxSteps >= 1) || !(blowUp > 0)) {
    throw badParam(`need maxStep > 0, minStep ≥ 0, maxSteps ≥ 1, blowUp > 0`, { maxStep, minStep, maxSteps, blowUp });
  }
  if (grid) {
    for (let i = 0; i < grid.length; i++) {
      const g = grid[i]!;
      if (!(g >= t0 && g <= tEnd) || (i > 0 && !(g > grid[i - 1]!))) {
        throw badParam(`grid must increase within [t0, tEnd] = [${t0}, ${tEnd}]; grid[${i}] = ${g}`, { index: i, value: g });
      }
    }
  }
  const y0Array = Float64Array.from(y0);
  const stepperOptions = { absTol, relTol, maxStep, minStep, initialStep: options.initialStep };
  const s =
    options.stepper === 'ode45-cash-karp'
      ? createOde45Stepper(rhs, t0, y0Array, tEnd, stepperOptions)
      : createCashKarpStepper(rhs, t0, y0Array, tEnd, stepperOptions);
  for (let i = 0; i < dim; i++) {
    if (!Number.isFinite(s.f[i]!)) {
      throw new PlateauError('DIVERGED', `the right-hand side is ${s.f[i]} at the initial point t0 = ${t0} (component ${i})`, { t: t0, index: i, value: String(s.f[i]) });
    }
  }
  const y0Max = maxAbs(y0Array).value;

  // Output buffers: fixed for a grid, growing for accepted steps.
  let outT = grid ? new Float64Array(grid.length) : new Float64Array(64);
  let outY = new Float64Array(outT.length * dim);
  let rows = 0;
  const push = (t: number, y: Float64Array): void => {
    if (rows === outT.length) {
      const t2 = new Float64Array(2 * rows);
      t2.set(outT);
      outT = t2;
      const y2 = new Float64Array(2 * rows * dim);
      y2.set(outY);
      outY = y2;
    }
    outT[rows] = t;
    outY.set(y, rows * dim);
    rows++;
  };
  const scratch = new Float64Array(dim);
  let nextGrid = 0;
  if (grid) {
    while (nextGrid < grid.length && grid[nextGrid] === t0) push(grid[nextGrid++]!, y0Array);
  } else {
    push(t0, y0Array);
  }

  const gPrev = new Float64Array(events.length);
  const evalEvent = (k: number, t: number, y: Float64Array): number => {
    const g = events[k]!.fn(t, y);
    if (Number.isNaN(g)) throw badParam(`event '${events[k]!.name}' returned NaN at t = ${t}`, { event: events[k]!.name, t });
    return g;
  };
  for (let k = 0; k < events.length; k++) gPrev[k] = evalEvent(k, t0, y0Array);
  const found: OdeEvent[] = [];
  let status: 'done' | 'event' = 'done';
  let message = `integrated to tEnd = ${tEnd}`;

  while (s.t < tEnd) {
    if (s.stats.steps >= maxSteps) {
      const h = s.t - s.tPrev;
      if (s.stiffSteps >= 15) {
        throw new PlateauError(
          'STIFF',
          `the problem is stiff: ${maxSteps} steps reached only t = ${s.t} of ${tEnd}, with the step h = ${h} held at the stability limit (h·|λ| ≈ ${s.stiffness.toFixed(2)}); use an implicit method or reformulate`,
          { t: s.t, step: s.stats.steps, h, stiffness: s.stiffness },
        );
      }
      throw new PlateauError('NOT_CONVERGED', `maxSteps = ${maxSteps} reached at t = ${s.t} before tEnd = ${tEnd}; raise maxSteps or loosen tolerances`, {
        t: s.t,
        step: s.stats.steps,
        h,
        residual: tEnd - s.t,
      });
    }
    const outcome = s.advance(tEnd);
    if (outcome !== 'accepted') throw failedStepError(outcome, s, y0Max, minStep);
    for (let i = 0; i < dim; i++) {
      const v = s.y[i]!;
      if (!(Math.abs(v) <= blowUp) || !Number.isFinite(s.f[i]!)) {
        const what = !Number.isFinite(v) ? `y[${i}] became ${v}` : Math.abs(v) > blowUp ? `|y[${i}]| = ${Math.abs(v)} exceeds blowUp = ${blowUp}` : `f[${i}] became ${s.f[i]}`;
        throw new PlateauError('DIVERGED', `solution diverged at t = ${s.t} (step ${s.stats.steps}): ${what}`, {
          t: s.t,
          step: s.stats.steps,
          index: i,
          value: Number.isFinite(v) ? v : String(v),
          blowUp,
        });
      }
    }
    let tStop = Infinity;
    let stopName = '';
    if (events.length > 0) {
      const stepEvents: OdeEvent[] = [];
      for (let k = 0; k < events.length; k++) {
        const ev = events[k]!;
        const g1 = evalEvent(k, s.t, s.y);
        if (crossed(gPrev[k]!, g1, ev.direction ?? 0)) {
          const h = s.t - s.tPrev;
          const { root } = brent(
            (t) => {
              s.interpolate(scratch, t);
              return evalEvent(k, t, scratch);
            },
            s.tPrev,
            s.t,
            { xtol: Math.max(1e-3 * Number.EPSILON * h, Number.MIN_VALUE), rtol: 2 * Number.EPSILON, maxIter: 200 },
          );
          s.interpolate(scratch, root);
          stepEvents.push({ name: ev.name, t: root, y: Float64Array.from(scratch) });
          if (ev.terminal && root < tStop) {
            tStop = root;
            stopName = ev.name;
          }
        }
        gPrev[k] = g1;
      }
      stepEvents.sort((a, b) => a.t - b.t);
      for (const e of stepEvents) if (e.t <= tStop) found.push(e);
      if (tStop < Infinity) {
        status = 'event';
        message = `terminal event '${stopName}' at t = ${tStop}`;
      }
    }
    const tOut = Math.min(s.t, tStop);
    if (grid) {
      while (nextGrid < grid.length && grid[nextGrid]! <= tOut) {
        const tg = grid[nextGrid++]!;
        if (tg === s.t) push(tg, s.y);
        else {
          s.interpolate(scratch, tg);
          push(tg, scratch);
        }
      }
    } else if (tStop < Infinity) {
      s.interpolate(scratch, tStop);
      push(tStop, scratch);
    } else {
      push(s.t, s.y);
    }
    if (status === 'event') break;
  }
  return {
    t: outT.slice(0, rows),
    y: outY.slice(0, rows * dim),
    dim,
    events: found,
    status,
    message,
    method: s.method,
    stats: { ...s.stats },
  };
}

