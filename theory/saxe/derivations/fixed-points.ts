/**
 * Derivation 1: fixed points of the balanced mode (eq. 10) and their stability, plus the saddle of
 * the (a, b) system (eq. 8) at the origin.
 *
 * Steps: solve the declared ODE for u̇ (odeRate); its zeros by `solveFor` with a sign-change scan
 * on [−s, 2s] (so a root nerdamer drops is noticed); the Jacobian ∂u̇/∂u by `diff`, evaluated at
 * each root; for eq. 8, the 2×2 Jacobian at a = b = 0 and its eigenvalues as roots of the
 * characteristic polynomial. Checks: the Jacobian against a central finite difference of the
 * compiled rate, and the growth rate of a small perturbation integrated by the ODE solver.
 */
import type { Check, TaggedResult } from '../../../src/core/result.ts';
import { integrateOde } from '../../../src/numeric/ode.ts';
import { diff, formulaResult, odeRate, simplify, solveFor, spotCheck, substitute, type Expr, type Point } from '../../../src/symbolic/index.ts';
import { declared } from '../declared.ts';
import type { ModeParams } from '../params.ts';
import { lazy } from './lazy.ts';
import { modePoints } from './samples.ts';

interface FixedPointAnalysis {
  rate: Expr;
  roots: Expr[];
  jacobian: Expr;
  /** ∂u̇/∂u at each root. */
  slopes: Expr[];
  /** Eigenvalues of the eq. 8 Jacobian at a = b = 0. */
  originEigenvalues: Expr[];
  checks: Check[];
  method: string;
}

/** Relative growth rate ln(|δ(T)|/|δ(0)|)/T of a perturbation δ(0) = ε·s off the fixed point. */
function perturbationRate(rate: (u: number, p: Point) => number, root: number, p: Point): number {
  const eps = 1e-7 * p.s!;
  const horizon = 0.05 * p.tau! / p.s!;
  const sol = integrateOde((du, u) => {
    du[0] = rate(u[0]!, p);
  }, [root + eps], { t0: 0, tEnd: horizon, absTol: 1e-20, relTol: 1e-12 });
  const end = sol.y[sol.y.length - 1]! - root;
  return Math.log(Math.abs(end) / eps) / horizon;
}

const analyse = lazy((): FixedPointAnalysis => {
  const pts = modePoints();
  const { rate, check: rateCheck } = odeRate(declared('balanced'), 'u', pts);
  const solved = solveFor(rate, 'u', { samples: pts, scan: { from: (p) => -p.s!, to: (p) => 2 * p.s! } });
  const jacobian = diff(rate, 'u');
  const slopes = solved.roots.map((r) => simplify(substitute(jacobian, { u: r })));
  const rateFn = rate.compile(['u', 's', 'tau']);
  const at = (u: number, p: Point) => rateFn(u, p.s!, p.tau!);
  const checks: Check[] = [rateCheck, ...solved.checks];
  solved.roots.forEach((root, i) => {
    const r = root.compile(['s', 'tau']);
    const slope = slopes[i]!.compile(['s', 'tau']);
    checks.push(
      spotCheck(`∂u̇/∂u at u* = ${root.text} equals a central finite difference of the rate`, (p) => slope(p.s!, p.tau!), (p) => {
        const u = r(p.s!, p.tau!);
        const h = 1e-5 * p.s!;
        return (at(u + h, p) - at(u - h, p)) / (2 * h);
      }, pts, { tolerance: 1e-7, mode: 'relative', floor: 1e-3 }),
      spotCheck(`a perturbation of u* = ${root.text} grows at the Jacobian's rate (ODE integration)`, (p) => slope(p.s!, p.tau!), (p) => perturbationRate(at, r(p.s!, p.tau!), p), pts, {
        tolerance: 1e-4,
        mode: 'relative',
      }),
    );
  });
  // eq. 8 at the origin: J = [[∂ȧ/∂a, ∂ȧ/∂b], [∂ḃ/∂a, ∂ḃ/∂b]] at a = b = 0; eigenvalues μ solve det(J − μI) = 0.
  const ra = odeRate(declared('modeA'), 'a', pts.map((p) => ({ ...p, a: 0.3, b: 0.2 }))).rate;
  const rb = odeRate(declared('modeB'), 'b', pts.map((p) => ({ ...p, a: 0.3, b: 0.2 }))).rate;
  const origin = { a: '0', b: '0' };
  const j = [diff(ra, 'a'), diff(ra, 'b'), diff(rb, 'a'), diff(rb, 'b')].map((e) => substitute(e, origin).text);
  const characteristic = `((${j[0]})-mu)*((${j[3]})-mu)-(${j[1]})*(${j[2]})`;
  const eig = solveFor(characteristic, 'mu', { samples: pts, scan: { from: (p) => -4 * p.s! / p.tau!, to: (p) => 4 * p.s! / p.tau! } });
  checks.push(...eig.checks.map((c) => ({ ...c, name: `eq. 8 at the origin: ${c.name}` })));
  return {
    rate,
    roots: solved.roots,
    jacobian,
    slopes,
    originEigenvalues: eig.roots,
    checks,
    method: `odeRate of eq. 10, ${solved.method} with a sign-change scan, Jacobian by diff; eq. 8 origin: characteristic polynomial by ${eig.method}`,
  };
});

export interface FixedPointValue {
  fixedPoints: number[];
  /** ∂u̇/∂u at each fixed point. */
  jacobian: number[];
  stability: Array<'stable' | 'unstable' | 'marginal'>;
  /** Eigenvalues of eq. 8's Jacobian at a = b = 0: ±s/τ, a saddle. */
  originEigenvalues: number[];
}

export function deriveFixedPoints(p: ModeParams): TaggedResult<FixedPointValue> {
  const a = analyse();
  const values = { s: p.s, tau: p.tau };
  const fixedPoints = a.roots.map((r) => r.evaluate(values));
  const jacobian = a.slopes.map((j) => j.evaluate(values));
  const order = fixedPoints.map((_, i) => i).sort((i, k) => fixedPoints[i]! - fixedPoints[k]!);
  const originEigenvalues = a.originEigenvalues.map((e) => e.evaluate(values)).sort((x, y) => x - y);
  const value: FixedPointValue = {
    fixedPoints: order.map((i) => fixedPoints[i]!),
    jacobian: order.map((i) => jacobian[i]!),
    stability: order.map((i) => (jacobian[i]! < 0 ? 'stable' : jacobian[i]! > 0 ? 'unstable' : 'marginal')),
    originEigenvalues,
  };
  const roots = order.map((i) => a.roots[i]!.tex()).join(', ');
  const slopes = order.map((i) => `${a.roots[i]!.tex()}: ${a.slopes[i]!.tex()}`).join(',\\ ');
  const result = formulaResult({
    formula: a.jacobian,
    lhsTeX: `u^* \\in \\{${roots}\\};\\ \\partial_u \\dot u = `,
    value,
    method: a.method,
    checks: a.checks,
    diagnostics: { jacobianAtFixedPoints: slopes, originEigenvalues: a.originEigenvalues.map((e) => e.text), rate: a.rate.text },
  });
  result.latex = `u^* \\in \\{${roots}\\},\\quad \\partial_u \\dot u = ${a.jacobian.tex()}\\ (${slopes});\\quad \\text{eq. 8 at } a=b=0:\\ \\mu = ${a.originEigenvalues.map((e) => e.tex()).join(', ')}`;
  return result;
}
