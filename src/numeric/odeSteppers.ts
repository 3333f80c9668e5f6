/**
 * Adaptive one-step integrators behind `integrateOde` (ode.ts). Both use the Cash–Karp 5(4) pair
 * (J. R. Cash & A. H. Karp, ACM TOMS 16 (1990) 201) and advance with the 5th-order solution:
 *
 * - `createCashKarpStepper` (the default): our own implementation, with the error of each
 *   component scaled by absTol + relTol·max(|y_n|, |y_{n+1}|) in the RMS norm, step-size control
 *   h ← h·clamp(0.9·err^{−1/5}, 0.2, 5) (no growth right after a rejection), rejection and
 *   evaluation counts, step-collapse detection, and a stiffness indicator h·ρ with
 *   ρ = ‖f(t+h, y_{n+1}) − k₅‖/‖y_{n+1} − Y₅‖ (stage 5 sits at t + h too), which estimates h·|λ_max|
 *   (Hairer & Wanner, Solving ODEs II, §IV.2). The derivative at the step end is reused as the first
 *   stage of the next step: 6 evaluations per step. Dense output is a 4th-order continuous
 *   extension built from the stages (see `CONTINUOUS`).
 * - `createOde45Stepper`: the npm package ode45-cash-karp, with abs + rel tolerance through its
 *   `errorScaleFunction` (scale absTol + relTol·|y_n|, max norm, tol = 1). It exposes neither its
 *   stages nor its rejections, so the end derivative costs a 7th evaluation per step, rejections are
 *   inferred from the evaluation count, and no stiffness indicator is available. Dense output is the
 *   cubic Hermite interpolant (3rd order).
 */
import ode45 from 'ode45-cash-karp';
import type { OdeRhs } from './ode.ts';

export interface StepperOptions {
  absTol: number;
  relTol: number;
  maxStep: number;
  minStep: number;
  initialStep?: number;
}

/** Outcome of one `advance`: an accepted step, a step size below minStep, or non-finite stages at every step size tried. */
export type StepOutcome = 'accepted' | 'collapsed' | 'nonfinite';

/**
 * What `integrateOde` needs from an integrator. How to add one:
 * 1. Evaluate f(t0, y0) on construction and fill `t, y, f`.
 * 2. `advance(tLimit)` takes one accepted step ending at or before tLimit (exactly at tLimit when it
 *    is the last one), copying the old `t, y, f` into `tPrev, yPrev, fPrev` first (dense output
 *    interpolates between the two).
 * 3. Report 'collapsed' (with `hAttempt`) instead of taking a step shorter than minStep that does not
 *    end at tLimit, and 'nonfinite' when every trial produced NaN or ±∞.
 * 4. Keep `stats` current; set `stiffness` to h·ρ (NaN when unknown) and count consecutive stiff steps.
 * 5. `interpolate(out, t)` writes y(t) for t in [tPrev, t] (dense output), exact at both ends.
 */
export interface OdeStepper {
  readonly method: string;
  t: number;
  y: Float64Array;
  f: Float64Array;
  tPrev: number;
  yPrev: Float64Array;
  fPrev: Float64Array;
  /** The step size tried when `advance` returned 'collapsed' or 'nonfinite'. */
  hAttempt: number;
  /** h·ρ of the last accepted step, ρ ≈ |λ_max| of the Jacobian; NaN when not available. */
  stiffness: number;
  /** Consecutive recent steps with h·ρ beyond STIFF_THRESHOLD (reset after 6 non-stiff steps). */
  stiffSteps: number;
  stats: { steps: number; rejected: number; rhsEvals: number };
  advance(tLimit: number): StepOutcome;
  interpolate(out: Float64Array, t: number): void;
}

/** Cash–Karp's 5th-order method is stable for h·λ ∈ [−3.73, 0] on the real axis. */
const STIFF_THRESHOLD = 3.3;

// Cash–Karp tableau (c, a) and the 5th-order weights b; E = b − b̂ estimates the local error.
const C2 = 1 / 5;
const C3 = 3 / 10;
const C4 = 3 / 5;
const C6 = 7 / 8;
const A21 = 1 / 5;
const A31 = 3 / 40;
const A32 = 9 / 40;
const A41 = 3 / 10;
const A42 = -9 / 10;
const A43 = 6 / 5;
const A51 = -11 / 54;
const A52 = 5 / 2;
const A53 = -70 / 27;
const A54 = 35 / 27;
const A61 = 1631 / 55296;
const A62 = 175 / 512;
const A63 = 575 / 13824;
const A64 = 44275 / 110592;
const A65 = 253 / 4096;
const B1 = 37 / 378;
const B3 = 250 / 621;
const B4 = 125 / 594;
const B6 = 512 / 1771;
const E1 = B1 - 2825 / 27648;
const E3 = B3 - 18575 / 48384;
const E4 = B4 - 13525 / 55296;
const E5 = -277 / 14336;
const E6 = B6 - 1 / 4;

/**
 * Continuous extension of order 4: y(t_n + θh) = y_n + h·Σ_i b_i(θ)·k_i over the stages
 * i = 1, 3, 4, 5, 6 and k_7 = f(t_{n+1}, y_{n+1}) (computed anyway for the next step), with
 * b_i(θ) = Σ_{p=1}^{5} D_ip θ^p. D solves, for every θ, Σ b_i = θ, Σ b_i c_i^q = θ^{q+1}/(q+1)
 * (q = 1…4) and Σ b_i a_i2 = 0; because Cash–Karp's stages 3–6 satisfy Σ_j a_ij c_j = c_i²/2 and
 * Σ_j a_ij c_j² = c_i³/3, these are all eight order conditions up to order 4 (derived for Plateau;
 * exact rationals). b(1) is the 5th-order solution and b′(0) = e_1, b′(1) = e_7, so the interpolant
 * matches y and y′ at both ends of the step (C¹ across steps). Cost O(n) per point.
 */
const CONTINUOUS = [
  [1, -25 / 7, 1097 / 189, -185 / 42, 80 / 63], // k1
  [0, 500 / 69, -80000 / 4347, 2750 / 161, -8000 / 1449], // k3
  [0, -875 / 132, 14375 / 594, -3625 / 132, 1000 / 99], // k4
  [0, -15 / 4, 185 / 14, -425 / 28, 40 / 7], // k5
  [0, 9216 / 1771, -36864 / 1771, 48640 / 1771, -20480 / 1771], // k6
  [0, 3 / 2, -4, 5 / 2, 0], // k7
] as const;

function continuousWeight(row: readonly number[], th: number): number {
  return th * (row[0]! + th * (row[1]! + th * (row[2]! + th * (row[3]! + th * row[4]!))));
}

/**
 * Cubic Hermite interpolant between (t_n, y_n, f_n) and (t_{n+1}, y_{n+1}, f_{n+1}), θ = (t − t_n)/h:
 * y = (1−θ)y_n + θy_{n+1} + θ(θ−1)[(1−2θ)(y_{n+1}−y_n) + (θ−1)h·f_n + θh·f_{n+1}]; 3rd order.
 */
function hermite(out: Float64Array, s: OdeStepper, t: number): void {
  const h = s.t - s.tPrev;
  const th = h === 0 ? 1 : (t - s.tPrev) / h;
  const a = th * (th - 1);
  const { yPrev, fPrev, y, f } = s;
  for (let i = 0; i < out.length; i++) {
    const dy = y[i]! - yPrev[i]!;
    out[i] = (1 - th) * yPrev[i]! + th * y[i]! + a * ((1 - 2 * th) * dy + (th - 1) * h * fPrev[i]! + th * h * f[i]!);
  }
}

/**
 * Starting step (Hairer, Nørsett & Wanner, Solving ODEs I, §II.4): h₀ = 0.01·‖y₀‖/‖f₀‖ in the
 * scaled norm, one explicit Euler trial for ‖f′‖, and h = min(100·h₀, (0.01/max(‖f₀‖, ‖f′‖))^{1/5}).
 * One evaluation of f.
 */
function initialStepSize(rhs: OdeRhs, t0: number, y0: Float64Array, f0: Float64Array, o: StepperOptions, span: number): number {
  const n = y0.length;
  let d0 = 0;
  let d1 = 0;
  for (let i = 0; i < n; i++) {
    const sc = o.absTol + o.relTol * Math.abs(y0[i]!);
    d0 += (y0[i]! / sc) ** 2;
    d1 += (f0[i]! / sc) ** 2;
  }
  d0 = Math.sqrt(d0 / n);
  d1 = Math.sqrt(d1 / n);
  const h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * (d0 / d1);
  const y1 = new Float64Array(n);
  const f1 = new Float64Array(n);
  for (let i = 0; i < n; i++) y1[i] = y0[i]! + h0 * f0[i]!;
  rhs(f1, y1, t0 + h0);
  let d2 = 0;
  for (let i = 0; i < n; i++) {
    const sc = o.absTol + o.relTol * Math.abs(y0[i]!);
    d2 += ((f1[i]! - f0[i]!) / sc) ** 2;
  }
  d2 = Math.sqrt(d2 / n) / h0;
  const big = Math.max(d1, d2);
  const h1 = big <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / big, 0.2);
  let h = Math.min(100 * h0, h1, o.maxStep, span);
  if (!Number.isFinite(h) || h <= 0) h = Math.min(1e-6, span);
  return Math.max(h, o.minStep);
}

function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i]!)) return false;
  return true;
}

/** A stepper at (t0, y0) before its first step; f(t0, y0) is filled in by the caller. */
function initialState(method: string, t0: number, y0: Float64Array, advance: OdeStepper['advance'], interpolate: OdeStepper['interpolate']): OdeStepper {
  const n = y0.length;
  return {
    method,
    t: t0,
    y: Float64Array.from(y0),
    f: new Float64Array(n),
    tPrev: t0,
    yPrev: Float64Array.from(y0),
    fPrev: new Float64Array(n),
    hAttempt: NaN,
    stiffness: NaN,
    stiffSteps: 0,
    stats: { steps: 0, rejected: 0, rhsEvals: 0 },
    advance,
    interpolate,
  };
}

/** Our Cash–Karp 5(4) stepper (see the module comment). Cost per step: 6 evaluations of f, O(n). */
export function createCashKarpStepper(rhs: OdeRhs, t0: number, y0: Float64Array, tEnd: number, o: StepperOptions): OdeStepper {
  const n = y0.length;
  const k2 = new Float64Array(n);
  const k3 = new Float64Array(n);
  const k4 = new Float64Array(n);
  const k5 = new Float64Array(n);
  const k6 = new Float64Array(n);
  const w = new Float64Array(n);
  const w5 = new Float64Array(n); // stage-5 argument, kept for the stiffness estimate
  const yNew = new Float64Array(n);
  const fNew = new Float64Array(n);
  const s = initialState('Cash–Karp 5(4), own implementation', t0, y0, advance, interpolate);
  rhs(s.f, s.y, t0);
  s.stats.rhsEvals++;
  let h = o.initialStep ?? NaN;
  if (!(h > 0)) {
    if (allFinite(s.f)) {
      h = initialStepSize(rhs, t0, s.y, s.f, o, tEnd - t0);
      s.stats.rhsEvals++;
    } else {
      h = o.minStep;
    }
  }
  let nonStiffSteps = 0;

  function advance(tLimit: number): StepOutcome {
    const { y, f } = s;
    const t = s.t;
    let rejectedNow = false;
    let lastNonFinite = false;
    for (;;) {
      h = Math.min(h, o.maxStep);
      const remaining = tLimit - t;
      const last = 1.01 * h >= remaining;
      if (last) h = remaining;
      if (h < o.minStep && h < remaining) {
        s.hAttempt = h;
        return lastNonFinite ? 'nonfinite' : 'collapsed';
      }
      for (let i = 0; i < n; i++) w[i] = y[i]! + h * A21 * f[i]!;
      rhs(k2, w, t + C2 * h);
      for (let i = 0; i < n; i++) w[i] = y[i]! + h * (A31 * f[i]! + A32 * k2[i]!);
      rhs(k3, w, t + C3 * h);
      for (let i = 0; i < n; i++) w[i] = y[i]! + h * (A41 * f[i]! + A42 * k2[i]! + A43 * k3[i]!);
      rhs(k4, w, t + C4 * h);
      for (let i = 0; i < n; i++) w5[i] = y[i]! + h * (A51 * f[i]! + A52 * k2[i]! + A53 * k3[i]! + A54 * k4[i]!);
      rhs(k5, w5, t + h);
      for (let i = 0; i < n; i++) w[i] = y[i]! + h * (A61 * f[i]! + A62 * k2[i]! + A63 * k3[i]! + A64 * k4[i]! + A65 * k5[i]!);
      rhs(k6, w, t + C6 * h);
      s.stats.rhsEvals += 5;
      // err = RMS_i( h·Σ E_j k_j,i / (absTol + relTol·max(|y_n,i|, |y_{n+1},i|)) )
      let err2 = 0;
      let finite = true;
      for (let i = 0; i < n; i++) {
        const yi = y[i]! + h * (B1 * f[i]! + B3 * k3[i]! + B4 * k4[i]! + B6 * k6[i]!);
        yNew[i] = yi;
        const e = h * (E1 * f[i]! + E3 * k3[i]! + E4 * k4[i]! + E5 * k5[i]! + E6 * k6[i]!);
        if (!(Number.isFinite(yi) && Number.isFinite(e))) finite = false;
        const ratio = e / Math.max(o.absTol + o.relTol * Math.max(Math.abs(y[i]!), Math.abs(yi)), 1e-300);
        err2 += ratio * ratio;
      }
      const err = Math.sqrt(err2 / n); // +∞ when a ratio overflows: a rejection like any other
      if (!finite) {
        // NaN/∞ in a stage: the step went somewhere f is undefined or explodes; retreat.
        s.stats.rejected++;
        rejectedNow = true;
        lastNonFinite = true;
        h *= 0.1;
        continue;
      }
      lastNonFinite = false;
      if (err > 1) {
        s.stats.rejected++;
        rejectedNow = true;
        h *= Math.max(0.1, 0.9 * Math.pow(err, -0.2));
        continue;
      }
      const tNew = last ? tLimit : t + h;
      rhs(fNew, yNew, tNew);
      s.stats.rhsEvals++;
      s.stats.steps++;
      // Stiffness indicator h·ρ, ρ = ‖f(t+h, y_{n+1}) − f(t+h, Y₅)‖/‖y_{n+1} − Y₅‖.
      let num = 0;
      let den = 0;
      for (let i = 0; i < n; i++) {
        num += (fNew[i]! - k5[i]!) ** 2;
        den += (yNew[i]! - w5[i]!) ** 2;
      }
      s.stiffness = den > 0 ? (h * Math.sqrt(num)) / Math.sqrt(den) : 0;
      if (s.stiffness > STIFF_THRESHOLD) {
        s.stiffSteps++;
        nonStiffSteps = 0;
      } else if (++nonStiffSteps >= 6) {
        s.stiffSteps = 0;
      }
      // Shift: (t, y, f) → prev, new → current, reusing the buffers.
      s.tPrev = t;
      s.t = tNew;
      const oldY = s.yPrev;
      const oldF = s.fPrev;
      s.yPrev = y;
      s.fPrev = f;
      oldY.set(yNew);
      oldF.set(fNew);
      s.y = oldY;
      s.f = oldF;
      const grow = err === 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
      h *= rejectedNow ? Math.min(1, grow) : grow;
      return 'accepted';
    }
  }

  function interpolate(out: Float64Array, t: number): void {
    const h = s.t - s.tPrev;
    const th = h === 0 ? 1 : (t - s.tPrev) / h;
    if (th === 1) {
      out.set(s.y);
      return;
    }
    const b1 = h * continuousWeight(CONTINUOUS[0], th);
    const b3 = h * continuousWeight(CONTINUOUS[1], th);
    const b4 = h * continuousWeight(CONTINUOUS[2], th);
    const b5 = h * continuousWeight(CONTINUOUS[3], th);
    const b6 = h * continuousWeight(CONTINUOUS[4], th);
    const b7 = h * continuousWeight(CONTINUOUS[5], th);
    const { yPrev, fPrev, f } = s;
    for (let i = 0; i < n; i++) {
      out[i] = yPrev[i]! + b1 * fPrev[i]! + b3 * k3[i]! + b4 * k4[i]! + b5 * k5[i]! + b6 * k6[i]! + b7 * f[i]!;
    }
  }
  return s;
}

/**
 * The ode45-cash-karp package as a stepper (see the module comment). Cost per step: 7 evaluations
 * of f (6 stages and the end derivative for dense output), plus 5 per rejected trial.
 */
export function createOde45Stepper(rhs: OdeRhs, t0: number, y0: Float64Array, tEnd: number, o: StepperOptions): OdeStepper {
  const s = initialState('Cash–Karp 5(4), npm package ode45-cash-karp', t0, y0, advance, (out, t) => hermite(out, s, t));
  const counted: OdeRhs = (dydt, y, t) => {
    s.stats.rhsEvals++;
    rhs(dydt, y, t);
  };
  counted(s.f, s.y, t0);
  const h0 = o.initialStep ?? (allFinite(s.f) ? initialStepSize(counted, t0, s.y, s.f, o, tEnd - t0) : o.minStep);
  const work = Float64Array.from(y0);
  const integrator = ode45(work, counted, t0, h0, {
    tol: 1,
    errorScaleFunction: (_i: number, _dt: number, yi: number) => o.absTol + o.relTol * Math.abs(yi),
    dtMaxMag: o.maxStep,
    verbose: false,
  });

  function advance(tLimit: number): StepOutcome {
    const tStart = s.t;
    const evalsBefore = s.stats.rhsEvals;
    try {
      integrator.step(tLimit);
    } catch (e) {
      // The package throws a plain Error when its error estimate is NaN; anything else is the caller's.
      if (!(e instanceof Error && e.message.includes('NaN encountered'))) throw e;
      s.hAttempt = integrator.dt;
      return 'nonfinite';
    }
    // Land exactly on tLimit when the package stops within rounding of it (or declines a step
    // shorter than 1e-10·dt there).
    if (Math.abs(tLimit - integrator.t) <= 1e-10 * Math.abs(integrator.dt) + 4 * Number.EPSILON * Math.abs(tLimit)) integrator.t = tLimit;
    const h = integrator.t - tStart;
    const trials = (s.stats.rhsEvals - evalsBefore - 1) / 5;
    if (trials > 1) s.stats.rejected += Math.round(trials) - 1;
    if (h < o.minStep && integrator.t < tLimit) {
      s.hAttempt = h;
      return 'collapsed';
    }
    const oldY = s.yPrev;
    const oldF = s.fPrev;
    s.yPrev = s.y;
    s.fPrev = s.f;
    s.tPrev = tStart;
    oldY.set(work);
    s.y = oldY;
    s.t = integrator.t;
    counted(oldF, s.y, s.t);
    s.f = oldF;
    s.stats.steps++;
    return 'accepted';
  }
  return s;
}
