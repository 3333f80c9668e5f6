/**
 * Windowed causal time marching for discrete-time DMFT (DESIGN.md §3).
 *
 * A causal DMFT's (t ≤ n) block depends only on (t ≤ n) blocks, so a solution to horizon T is the
 * exact prefix of any longer one. The march grows the accepted horizon from n to n + c: it seeds
 * the window's rows with a guess, runs Gauss–Seidel sweeps over the window until the monitored
 * change falls below the tolerance, and accepts the rows. Iterating globally over all T steps would
 * also terminate in exact arithmetic, but its unconverged late-time iterates overflow: always march.
 *
 * Failures: a window whose sweeps overflow (or fail to converge) is retried one step at a time
 * (c = 1); a step that overflows at c = 1 is the dynamics itself diverging, reported as
 * `divergedAt` — the caller returns +∞ from there on, never NaN. A step that neither overflows nor
 * converges at c = 1 throws NOT_CONVERGED with its residual.
 *
 * How to use it for a theory:
 * 1. Keep every T×T object at the full horizon (stride T); a sweep over [r0, r1) rewrites only
 *    those rows (and, for symmetric objects, their mirrored columns) — `rows.ts` has the kernels.
 * 2. `seed(r0, r1)` writes the initial guess of the window's rows; a retry calls it again, so no
 *    snapshot is needed (rows < r0 are never written by a sweep over [r0, r1)).
 * 3. `sweep(r0, r1)` returns the largest change of the monitored quantities over the window
 *    (e.g. max_t |ΔC(t,t)|/(1 + C(t,t))), or a non-finite number when it overflowed.
 * 4. `healthy(r0, r1)` checks the window's rows against the overflow limit.
 */
import { PlateauError } from '../core/errors.ts';

export interface CausalProblem {
  /** Number of time steps T. */
  readonly horizon: number;
  seed(r0: number, r1: number): void;
  sweep(r0: number, r1: number): number;
  healthy(r0: number, r1: number): boolean;
}

export interface MarchOptions {
  /** Window length c (default 10). */
  window?: number;
  /** Accept a window when a sweep changes the monitored quantities by less than this (default 1e−10). */
  tolerance?: number;
  /** Sweeps per window before it counts as not converging (default 500). */
  maxSweeps?: number;
  /** Called after each accepted window with the number of accepted steps. */
  onWindow?(accepted: number): void;
  signal?: AbortSignal;
}

export interface MarchReport {
  status: 'converged' | 'diverged';
  /** Steps accepted (T when converged). */
  accepted: number;
  /** First step at which the dynamics diverged (absent when converged). */
  divergedAt?: number;
  sweeps: number;
  windows: number;
  /** Windows retried one step at a time after an overflow or a stall. */
  windowFallbacks: number;
  /** Largest final sweep change over all accepted windows. */
  maxResidual: number;
}

type WindowOutcome = { ok: true; sweeps: number; residual: number } | { ok: false; sweeps: number; residual: number; overflow: boolean };

function solveWindow(problem: CausalProblem, r0: number, r1: number, tolerance: number, maxSweeps: number): WindowOutcome {
  problem.seed(r0, r1);
  let residual = Infinity;
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    residual = problem.sweep(r0, r1);
    if (!Number.isFinite(residual) || !problem.healthy(r0, r1)) return { ok: false, sweeps: sweep, residual, overflow: true };
    if (residual < tolerance) return { ok: true, sweeps: sweep, residual };
  }
  return { ok: false, sweeps: maxSweeps, residual, overflow: false };
}

/** March `problem` to its horizon (see the module comment). */
export function marchCausal(problem: CausalProblem, options: MarchOptions = {}): MarchReport {
  const T = problem.horizon;
  const c = Math.max(1, Math.floor(options.window ?? 10));
  const tolerance = options.tolerance ?? 1e-10;
  const maxSweeps = options.maxSweeps ?? 500;
  const report: MarchReport = { status: 'converged', accepted: 0, sweeps: 0, windows: 0, windowFallbacks: 0, maxResidual: 0 };
  let n = 0;
  while (n < T) {
    if (options.signal?.aborted) throw new PlateauError('NOT_CONVERGED', `DMFT march cancelled after ${n} of ${T} steps`, { accepted: n, residual: null });
    const m = Math.min(T, n + c);
    const outcome = solveWindow(problem, n, m, tolerance, maxSweeps);
    report.sweeps += outcome.sweeps;
    report.windows += 1;
    if (outcome.ok) {
      report.maxResidual = Math.max(report.maxResidual, outcome.residual);
      n = m;
      report.accepted = n;
      options.onWindow?.(n);
      continue;
    }
    // Retry the window one step at a time.
    report.windowFallbacks += 1;
    for (let t = n; t < m; t++) {
      const single = solveWindow(problem, t, t + 1, tolerance, maxSweeps);
      report.sweeps += single.sweeps;
      report.windows += 1;
      if (!single.ok) {
        if (single.overflow) {
          report.status = 'diverged';
          report.divergedAt = t;
          report.accepted = t;
          return report;
        }
        throw new PlateauError('NOT_CONVERGED', `DMFT step ${t} did not converge in ${maxSweeps} sweeps (last change ${single.residual.toExponential(2)})`, {
          step: t,
          residual: single.residual,
        });
      }
      report.maxResidual = Math.max(report.maxResidual, single.residual);
      report.accepted = t + 1;
    }
    n = m;
    options.onWindow?.(n);
  }
  return report;
}
