/**
 * Types for ode45-cash-karp 1.1 (scijs), which ships none. Written from its README and
 * lib/index.js: a CommonJS factory `module.exports = IntegratorFactory`.
 */
declare module 'ode45-cash-karp' {
  type Vector = Float64Array | number[];

  interface Ode45Options {
    /** Target error level (default 1e-8): a step is accepted when the reduced scaled error < tol. */
    tol?: number;
    maxIncreaseFactor?: number;
    maxDecreaseFactor?: number;
    /** Minimum |dt|: smaller steps are clipped up to it and taken anyway (with a warning). */
    dtMinMag?: number;
    /** Maximum |dt|. */
    dtMaxMag?: number;
    /** Per-component error scale, computed once per step from the state at its start. */
    errorScaleFunction?: (i: number, dt: number, y: number, dydt: number) => number;
    errorReduceFunction?: (i: number, accumulatedError: number, errorEstimate: number) => number;
    errorPostFunction?: (accumulatedError: number) => number;
    /** Log warnings to the console (default true). */
    verbose?: boolean;
  }

  interface Ode45Integrator<V extends Vector> {
    readonly n: number;
    /** Current state: the array passed as y0, updated in place. */
    y: V;
    t: number;
    dt: number;
    /** One adaptive step, not past tLimit; false once t has reached tLimit. Throws on a NaN error estimate. */
    step(tLimit?: number): boolean;
    steps(n: number, tLimit?: number): boolean;
  }

  function ode45<V extends Vector>(
    y0: V,
    deriv: (dydt: V, y: V, t: number) => void,
    t0: number,
    dt0: number,
    options?: Ode45Options,
  ): Ode45Integrator<V>;

  export = ode45;
}
