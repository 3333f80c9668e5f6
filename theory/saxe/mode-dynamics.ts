/**
 * Numerics of one scalar mode u̇ = f(u) with u > 0 (the balanced, deep and unbalanced laws of
 * Saxe et al. 2013): learning times by quadrature and by ODE event, and trajectories on a grid.
 * Both work in w = ln u, because from a small start (u₀ ~ 10⁻³…10⁻⁶) the deep early phase crawls
 * and then nearly blows up (digest §7 "stiffness"): in w the state never rounds to zero and the
 * final approach to s is the only stiff-looking part.
 */
import { PlateauError } from '../../src/core/errors.ts';
import { integrateAdaptive } from '../../src/numeric/adaptiveQuadrature.ts';
import { integrateOde, type OdeSolution } from '../../src/numeric/ode.ts';

/** du/dt as a function of u (τ already divided out). */
export type ModeRate = (u: number) => number;

function requirePositive(what: string, values: Record<string, number>): void {
  for (const [name, v] of Object.entries(values)) {
    if (!(v > 0) || !Number.isFinite(v)) throw new PlateauError('BAD_PARAM', `${what} needs ${name} > 0, got ${v}`, { param: name, value: v });
  }
}

/**
 * t(u0 → uf) = ∫ du / f(u) = ∫_{ln u0}^{ln uf} u / f(u) dw, by adaptive Gauss–Kronrod (relative
 * accuracy ~1e-12; 15 evaluations of f per panel). The integrand is smooth in w for u0, uf > 0 on
 * the same side of the fixed point.
 */
export function quadratureTime(rate: ModeRate, u0: number, uf: number): { value: number; errorEstimate: number; evaluations: number } {
  requirePositive('quadratureTime', { u0, uf });
  return integrateAdaptive((w) => {
    const u = Math.exp(w);
    return u / rate(u);
  }, Math.log(u0), Math.log(uf), { absTol: 0, relTol: 1e-12, maxPanels: 4000 });
}

/**
 * t(u0 → uf) as the time of the event u = uf while integrating dw/dt = f(e^w)/e^w from w = ln u0
 * (Cash–Karp 5(4), tolerances 1e-12 on w). Independent of `quadratureTime`: an ODE solve rather
 * than an integral. `horizon` bounds the integration (an event later than that is an error).
 */
export function eventTime(rate: ModeRate, u0: number, uf: number, horizon: number): number {
  requirePositive('eventTime', { u0, uf, horizon });
  const target = Math.log(uf);
  const sol = integrateOde(
    (dw, w) => {
      const u = Math.exp(w[0]!);
      dw[0] = rate(u) / u;
    },
    [Math.log(u0)],
    { t0: 0, tEnd: horizon, absTol: 1e-13, relTol: 1e-12, events: [{ name: 'u = uf', fn: (_, w) => w[0]! - target, terminal: true }] },
  );
  const hit = sol.events[0];
  if (!hit) throw new PlateauError('NOT_CONVERGED', `u did not reach uf = ${uf} from u0 = ${u0} before t = ${horizon}`, { residual: Math.abs(Math.exp(sol.y[sol.y.length - 1]!) - uf) });
  return hit.t;
}

/**
 * u(t) on `grid` (increasing, starting at or after 0) from u(0) = u0, integrating in w = ln u with
 * relative tolerance 1e-11. Returns u at every grid point and the solver's counts.
 */
export function trajectoryOnGrid(rate: ModeRate, u0: number, grid: Float64Array): { u: Float64Array; stats: OdeSolution['stats'] } {
  requirePositive('trajectoryOnGrid', { u0 });
  const tEnd = grid[grid.length - 1]!;
  const sol = integrateOde(
    (dw, w) => {
      const u = Math.exp(w[0]!);
      dw[0] = rate(u) / u;
    },
    [Math.log(u0)],
    { t0: 0, tEnd: tEnd > 0 ? tEnd : 1, grid, absTol: 1e-12, relTol: 1e-11 },
  );
  return { u: sol.y.map(Math.exp), stats: sol.stats };
}

/** `points` equally spaced times on [0, tEnd], both ends included. */
export function uniformGrid(tEnd: number, points: number): Float64Array {
  const grid = new Float64Array(points);
  for (let i = 0; i < points; i++) grid[i] = (tEnd * i) / (points - 1);
  return grid;
}
