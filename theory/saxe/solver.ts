/**
 * `plateau solve saxe`: the mode ODE integrated on a time grid (Cash–Karp 5(4) in ln u), its
 * learning time to uf (an ODE event), and the comparison with the closed forms the derivations
 * produce: eq. 12 (balanced 3-layer), corrected eq. 26 and an integration of eq. 8 (unbalanced),
 * quadrature of 1/u̇ (other depths, where u(t) is not elementary).
 */
import type { Check, TaggedResult } from '../../src/core/result.ts';
import { refused } from '../../src/core/result.ts';
import type { OptionValues, RunContext, RunnerSpec } from '../../src/core/theory.ts';
import { integrateOde } from '../../src/numeric/ode.ts';
import { PlateauError } from '../../src/core/errors.ts';
import { odeRate, spotCheck } from '../../src/symbolic/index.ts';
import { compileDeclared, declared } from './declared.ts';
import { modePoints } from './derivations/samples.ts';
import { eventTime, quadratureTime, trajectoryOnGrid, uniformGrid } from './mode-dynamics.ts';
import { modeLaw, type ModeLaw } from './mode-law.ts';
import { targetStrength, type ModeParams, type SaxeParams } from './params.ts';

export interface SolveValue extends Record<string, unknown> {
  t: number[];
  u: number[];
  /** eq. 12 on the same grid (balanced 3-layer mode only). */
  uClosedForm?: number[];
  learningTime: number;
  uf: number;
  equation: string;
}

/** A bound on the learning time for the event search: 20× the quadrature time plus a margin. */
function horizon(law: ModeLaw, p: ModeParams, uf: number): number {
  return 20 * quadratureTime(law.rate, p.u0, uf).value + 10 * p.tau / p.s;
}

/** ab(t) on the grid from an integration of eq. 8, started at a0² − b0² = c0, a0·b0 = u0. */
function planeTrajectory(p: ModeParams, grid: Float64Array): Float64Array {
  const pts = modePoints(3);
  const fa = odeRate(declared('modeA'), 'a', pts.map((q) => ({ ...q, a: 0.5, b: 0.2 }))).rate.compile(['a', 'b', 's', 'tau']);
  const fb = odeRate(declared('modeB'), 'b', pts.map((q) => ({ ...q, a: 0.5, b: 0.2 }))).rate.compile(['a', 'b', 's', 'tau']);
  const a0 = Math.sqrt((p.c0 + Math.hypot(p.c0, 2 * p.u0)) / 2);
  const sol = integrateOde((dy, y) => {
    dy[0] = fa(y[0]!, y[1]!, p.s, p.tau);
    dy[1] = fb(y[0]!, y[1]!, p.s, p.tau);
  }, [a0, p.u0 / a0], { t0: 0, tEnd: grid[grid.length - 1]!, grid, absTol: 1e-14, relTol: 1e-11 });
  return Float64Array.from(grid, (_, i) => sol.y[2 * i]! * sol.y[2 * i + 1]!);
}

export async function solveMode(params: SaxeParams, options: OptionValues, ctx: RunContext): Promise<TaggedResult<SolveValue | Record<string, never>>> {
  const p: ModeParams = params;
  const law = modeLaw(p);
  if ('refused' in law) return refused({}, law.refused, 'scope of the theory');
  const uf = targetStrength(p);
  ctx.progress.start(`solve ${law.ref}`, 0);
  const learningTime = eventTime(law.rate, p.u0, uf, horizon(law, p, uf));
  const tEnd = typeof options['t-end'] === 'number' ? options['t-end'] : 1.5 * learningTime;
  const points = typeof options.points === 'number' ? options.points : 201;
  if (!(tEnd > 0)) throw new PlateauError('BAD_INPUT', `--t-end ${tEnd} is invalid; expected a number > 0`, { option: 't-end', value: tEnd });
  const grid = uniformGrid(tEnd, points);
  const { u, stats } = trajectoryOnGrid(law.rate, p.u0, grid);
  const checks: Check[] = [];
  const value: SolveValue = { t: Array.from(grid), u: Array.from(u), learningTime, uf, equation: law.ref };
  const scale = Math.max(p.s, p.u0);
  if (law.equation === 'balanced') {
    const eq12 = compileDeclared('trajectory', ['s', 'tau', 'u0', 't']);
    const eq11 = compileDeclared('learningTime', ['s', 'tau', 'u0', 'uf']);
    value.uClosedForm = Array.from(grid, (t) => eq12(p.s, p.tau, p.u0, t));
    checks.push(
      spotCheck('u(t) equals eq. 12 on the grid (max |Δu|/s)', (q) => Math.abs(u[q.i!]! - value.uClosedForm![q.i!]!) / scale, () => 0, Array.from(grid, (_, i) => ({ i })), { mode: 'absolute', tolerance: 1e-8 }),
      spotCheck('the event time equals eq. 11', () => learningTime, () => eq11(p.s, p.tau, p.u0, uf), [{}], { tolerance: 1e-8 }),
    );
  } else if (law.equation === 'unbalanced') {
    const ab = planeTrajectory(p, grid);
    const eq26 = compileDeclared('unbalancedTime', ['c0', 's', 'tau', 'u0', 'uf']);
    checks.push(
      spotCheck('u(t) equals ab(t) from an integration of eq. 8 (max |Δu|/s)', (q) => Math.abs(u[q.i!]! - ab[q.i!]!) / scale, () => 0, Array.from(grid, (_, i) => ({ i })), { mode: 'absolute', tolerance: 1e-8 }),
      spotCheck('the event time equals the corrected eq. 26', () => learningTime, () => eq26(p.c0, p.s, p.tau, p.u0, uf), [{}], { tolerance: 1e-8 }),
    );
  } else {
    checks.push(spotCheck('the event time equals quadrature of 1/u̇ (eq. 15)', () => learningTime, () => quadratureTime(law.rate, p.u0, uf).value, [{}], { tolerance: 1e-8 }));
  }
  ctx.progress.finish(`learning time ${learningTime.toPrecision(6)}`);
  return {
    kind: 'numeric',
    value,
    method: `Cash–Karp 5(4) on ln u of ${law.ref} (rate solved from the declaration), event u = uf for the learning time`,
    checks,
    diagnostics: { steps: stats.steps, rejected: stats.rejected, rhsEvaluations: stats.rhsEvals, tEnd, points },
  };
}

export const saxeSolver: RunnerSpec<SaxeParams> = {
  title: 'mode strength u(t) by ODE integration, with its learning time and the closed form',
  description: 'integrates eq. 10 (depth 3), the App. A law (c0 ≠ 0) or eq. 15 (other depths) in ln u; learningTime is the time u reaches uf',
  options: [
    { name: 't-end', description: 'end of the time grid (default 1.5 × the learning time)', kind: 'number', min: 0 },
    { name: 'points', description: 'number of grid points', kind: 'integer', default: 201, min: 2 },
  ],
  run: solveMode,
};
