/**
 * Derivation: the exact coordinate flow (digest §3). Separation of variables in du/dt = (g − λ)u
 * and dv/dt = −(g + λ)v gives ln u − ln α = G − λt and ln v − ln α = −G − λt with G = ∫g; solved for
 * u and v (log isolation) and inserted into w = (u² − v²)/2, this is w = F(G, t) = α²e^{−2λt}sinh 2G,
 * and A = ∂F/∂G = u² + v². Checked: the solutions satisfy the flow, F and A equal the declared
 * forms, and F(G(t), t) matches a numerical integration of the flow under a time-varying g(t).
 */
import type { Check, TaggedResult } from '../../../src/core/result.ts';
import { integrateOde } from '../../../src/numeric/ode.ts';
import { antiderivative, diff, expand, formulaResult, samplePoints, solveFor, spotCheck, substitute, type Point } from '../../../src/symbolic/index.ts';
import { unsolved } from '../../../src/core/result.ts';
import type { DlnParams } from '../params.ts';
import { declared, dlnNames, evaluator } from './common.ts';

export interface CoordinateFlowValue {
  u: string;
  v: string;
  w: string;
  A: string;
}

/** |w(t) − F(G(t), t)| along an ODE solution of the flow with g(t) = a + b·cos(ct). */
function integrationCheck(F: (p: Point) => number): Check {
  const cases = samplePoints({ alpha: { log: [0.05, 2] }, lambda: [0, 0.4], a: [-1, 1], b: [-1, 1], c: [0.5, 3] }, 6, 7);
  let worst = 0;
  for (const p of cases) {
    const g = (t: number) => p.a! + p.b! * Math.cos(p.c! * t);
    const G = (t: number) => p.a! * t + (p.b! / p.c!) * Math.sin(p.c! * t);
    const grid = Float64Array.from({ length: 11 }, (_, i) => 0.3 * i);
    const sol = integrateOde((dy, y, t) => {
      dy[0] = (g(t) - p.lambda!) * y[0]!;
      dy[1] = -(g(t) + p.lambda!) * y[1]!;
    }, [p.alpha!, p.alpha!], { t0: 0, tEnd: 3, grid, relTol: 1e-11, absTol: 1e-14 });
    for (let i = 0; i < grid.length; i++) {
      const u = sol.y[2 * i]!;
      const v = sol.y[2 * i + 1]!;
      const w = 0.5 * (u * u - v * v);
      const f = F({ ...p, G: G(grid[i]!), t: grid[i]! });
      worst = Math.max(worst, Math.abs(w - f) / Math.max(Math.abs(f), p.alpha! ** 2));
    }
  }
  return { name: 'F(G(t), t) equals w(t) of the flow integrated numerically (Cash–Karp, g = a + b cos ct)', residual: worst, tolerance: 1e-7, passed: worst <= 1e-7, samples: cases.length * 11 };
}

export function deriveCoordinateFlow(_params: DlnParams): TaggedResult<CoordinateFlowValue | null> {
  const samples = samplePoints({ alpha: { log: [0.05, 3] }, lambda: [0, 0.5], G: [-1.5, 1.5], t: [0, 4], g: [-2, 2], u: [0.1, 3], v: [0.1, 3] }, 12, 3);
  // ∫du/u: the separated form of both factor equations.
  const lnU = antiderivative('1/u', 'u', { samples }).antiderivative;
  const lnV = antiderivative('1/v', 'v', { samples }).antiderivative;
  if (!lnU || !lnV) return unsolved(null, 'the engine could not integrate du/u', 'separation of variables');
  const uSolve = solveFor(`${lnU.text} - log(alpha) = G - lambda*t`, 'u', { samples });
  const vSolve = solveFor(`${lnV.text} - log(alpha) = -G - lambda*t`, 'v', { samples });
  const u = uSolve.roots[0];
  const v = vSolve.roots[0];
  if (!u || !v) return unsolved(null, 'no verified root for u or v', 'separation of variables', [...uSolve.checks, ...vSolve.checks]);
  const w = expand(substitute(declared('weight').rhs, { u, v }));
  const A = diff(w, 'G');
  const F = evaluator(declared('coordinateMap').rhs);
  const Adeclared = evaluator(declared('preconditioner').rhs);
  const wf = evaluator(w);
  const Af = evaluator(A);
  const uf = evaluator(u);
  const vf = evaluator(v);
  // Along G(t) with dG/dt = g: du/dt = ∂u/∂G·g + ∂u/∂t must equal (g − λ)u.
  const uFlow = evaluator(diff(u, 'G'));
  const uTime = evaluator(diff(u, 't'));
  const vFlow = evaluator(diff(v, 'G'));
  const vTime = evaluator(diff(v, 't'));
  const checks: Check[] = [
    spotCheck('du/dt = (g − λ)u along dG/dt = g', (p) => uFlow(p) * p.g! + uTime(p), (p) => (p.g! - p.lambda!) * uf(p), samples, { tolerance: 1e-10 }),
    spotCheck('dv/dt = −(g + λ)v along dG/dt = g', (p) => vFlow(p) * p.g! + vTime(p), (p) => -(p.g! + p.lambda!) * vf(p), samples, { tolerance: 1e-10 }),
    spotCheck('u(0) = v(0) = α', (p) => uf({ ...p, G: 0, t: 0 }) + vf({ ...p, G: 0, t: 0 }), (p) => 2 * p.alpha!, samples, { tolerance: 1e-12 }),
    spotCheck('(u² − v²)/2 equals the declared F(G, t) = α²e^{−2λt}sinh 2G', wf, F, samples, { tolerance: 1e-10 }),
    spotCheck('∂F/∂G equals the declared A = 2α²e^{−2λt}cosh 2G', Af, Adeclared, samples, { tolerance: 1e-10 }),
    spotCheck('A = u² + v²', Af, (p) => uf(p) ** 2 + vf(p) ** 2, samples, { tolerance: 1e-10 }),
    integrationCheck(F),
  ];
  return formulaResult({
    formula: declared('coordinateMap').rhs,
    lhsTeX: 'w = F(G, t)',
    value: { u: u.text, v: v.text, w: w.text, A: A.text },
    method: 'separation of variables (verified antiderivative of 1/u), log isolation for u and v, w = (u² − v²)/2 expanded, A = ∂w/∂G',
    checks: [...uSolve.checks, ...vSolve.checks, ...checks],
    names: dlnNames,
  });
}
