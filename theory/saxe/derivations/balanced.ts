/**
 * Derivation 2: the learning time of a balanced 3-layer mode by separation of variables (eq. 11),
 * and its trajectory by inverting that time (eq. 12).
 *
 * Steps: u̇ from the declared eq. 10 (odeRate); an antiderivative F of 1/u̇ (`antiderivative`,
 * verified by finite differences); t = F(uf) − F(u0); then `solveFor(t = F(u) − F(u0), u)`, which
 * isolates the logarithms and solves the resulting algebraic equation. nerdamer's simplify times
 * out on the ODE residual of u(t), so the check that u(t) satisfies eq. 10 is numeric: a 4th-order
 * central difference in t against the rate.
 */
import type { Check, TaggedResult } from '../../../src/core/result.ts';
import { integrateOde } from '../../../src/numeric/ode.ts';
import { unsolved } from '../../../src/core/result.ts';
import { antiderivative, combineLogs, formulaResult, odeRate, solveFor, spotCheck, substitute, type Expr, type Point } from '../../../src/symbolic/index.ts';
import { compileDeclared, declared, saxeNames } from '../declared.ts';
import { eventTime } from '../mode-dynamics.ts';
import { targetStrength, type ModeParams } from '../params.ts';
import { lazy } from './lazy.ts';
import { modePoints } from './samples.ts';

const ARGS = ['s', 'tau', 'u0', 'uf'] as const;
const args = (p: Point) => ARGS.map((n) => p[n]!);

export interface BalancedTime {
  rate: Expr;
  /** t(u0 → uf). */
  time: Expr;
  checks: Check[];
  method: string;
}

/** The learning time of eq. 10 derived once (symbolic), with its checks. */
const balancedTime = lazy((): BalancedTime | { failed: string; checks: Check[] } => {
  const pts = modePoints();
  const { rate, check: rateCheck } = odeRate(declared('balanced'), 'u', pts);
  const integral = antiderivative(`1/(${rate.text})`, 'u', { samples: pts });
  if (!integral.antiderivative) return { failed: `no verified antiderivative of 1/u̇: ${integral.attempts.join('; ')}`, checks: [rateCheck] };
  const F = integral.antiderivative;
  const time = combineLogs(`(${substitute(F, { u: 'uf' }).text})-(${substitute(F, { u: 'u0' }).text})`);
  const T = time.compile([...ARGS]);
  const eq11 = compileDeclared('learningTime', [...ARGS]);
  const rateFn = rate.compile(['u', 's', 'tau']);
  const checks: Check[] = [
    rateCheck,
    ...integral.checks,
    spotCheck('t(u0 → uf) equals the declared eq. 11', (p) => T(...args(p)), (p) => eq11(...args(p)), pts, { tolerance: 1e-11 }),
    spotCheck('t(u0 → uf) equals the time of the event u = uf in an ODE integration of eq. 10', (p) => T(...args(p)), (p) => eventTime((u) => rateFn(u, p.s!, p.tau!), p.u0!, p.uf!, 100 * p.tau! / p.s! * Math.log(p.s! / p.u0!)), pts, { tolerance: 1e-8 }),
  ];
  return { rate, time, checks, method: `separation of variables: ${integral.method}, definite integral F(u_f) − F(u_0), logarithms combined` };
});

export function deriveBalancedTime(p: ModeParams): TaggedResult<number | null> {
  const d = balancedTime();
  if ('failed' in d) return unsolved(null, d.failed, 'separation of variables', d.checks);
  const uf = targetStrength(p);
  return formulaResult({
    formula: d.time,
    lhsTeX: 't(u_0 \\to u_f)',
    value: d.time.evaluate({ s: p.s, tau: p.tau, u0: p.u0, uf }),
    method: d.method,
    checks: d.checks,
    names: saxeNames,
    diagnostics: { uf, equation: 'eq. 11', antiderivativeOf: `1/(${d.rate.text})` },
  });
}

interface Trajectory {
  u: Expr;
  checks: Check[];
  method: string;
}

const trajectory = lazy((): Trajectory | { failed: string; checks: Check[] } => {
  const d = balancedTime();
  if ('failed' in d) return d;
  const pts = modePoints();
  const solved = solveFor(`t = ${substitute(d.time, { uf: 'u' }).text}`, 'u', { samples: pts });
  const root = solved.roots[0];
  if (!root) return { failed: `solveFor found no verified root (${solved.method})`, checks: solved.checks };
  const names = ['s', 'tau', 'u0', 't'];
  const u = root.compile(names);
  const at = (p: Point, t: number) => u(p.s!, p.tau!, p.u0!, t);
  const rateFn = d.rate.compile(['u', 's', 'tau']);
  const eq12 = compileDeclared('trajectory', names);
  const checks: Check[] = [
    ...solved.checks,
    spotCheck('u(t) satisfies eq. 10: 4th-order central difference du/dt against τ⁻¹·2u(s − u)', (p) => {
      const h = 1e-3 * p.tau! / p.s!;
      const t = p.t!;
      return (8 * (at(p, t + h) - at(p, t - h)) - (at(p, t + 2 * h) - at(p, t - 2 * h))) / (12 * h);
    }, (p) => rateFn(at(p, p.t!), p.s!, p.tau!), pts.map((p) => ({ ...p, t: p.t! * p.tau! / p.s! + 0.01 })), { tolerance: 1e-7, mode: 'relative', floor: 1e-6 }),
    spotCheck('u(t) equals the declared eq. 12', (p) => at(p, p.t!), (p) => eq12(p.s!, p.tau!, p.u0!, p.t!), pts, { tolerance: 1e-11 }),
    spotCheck('u(t) equals an ODE integration of eq. 10', (p) => at(p, p.t!), (p) => {
      const sol = integrateOde((du, y) => {
        du[0] = rateFn(y[0]!, p.s!, p.tau!);
      }, [p.u0!], { t0: 0, tEnd: p.t! + 1e-9, grid: Float64Array.of(p.t!), absTol: 1e-14, relTol: 1e-12 });
      return sol.y[0]!;
    }, pts, { tolerance: 1e-8 }),
    spotCheck('u(t) is finite for 2st/τ ≫ 709 (no overflow)', (p) => at(p, 1e3 * p.tau! / p.s!), (p) => p.s!, pts, { tolerance: 1e-12 }),
  ];
  return { u: root, checks, method: `inversion of t(u) by ${solved.method}` };
});

export function deriveTrajectory(p: ModeParams): TaggedResult<{ halfTime: number } | null> {
  const tr = trajectory();
  if ('failed' in tr) return unsolved(null, tr.failed, 'inversion of the learning time', tr.checks);
  const d = balancedTime() as BalancedTime;
  // t½: the learning time to s/2, t½ = (τ/2s) ln(s/u0 − 1).
  const halfTime = d.time.evaluate({ s: p.s, tau: p.tau, u0: p.u0, uf: p.s / 2 });
  return formulaResult({
    formula: tr.u,
    lhsTeX: 'u(t)',
    value: { halfTime },
    method: tr.method,
    checks: tr.checks,
    names: saxeNames,
    diagnostics: { equation: 'eq. 12', halfTime: 't(u0 → s/2)' },
  });
}
