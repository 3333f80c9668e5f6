/**
 * Derivation 3: c₀ = a² − b² is conserved along eq. 8.
 *
 * Steps: ȧ and ḃ from the declared eq. 8 (odeRate); d/dt(a² − b²) = ∂_a(a² − b²)·ȧ + ∂_b(a² − b²)·ḃ
 * by `diff`; `expand` reduces it to 0. Check: integrate eq. 8 from random (a₀, b₀) of both signs
 * and measure the drift of a² − b² relative to a² + b².
 */
import type { Check, TaggedResult } from '../../../src/core/result.ts';
import { integrateOde } from '../../../src/numeric/ode.ts';
import { diff, expand, formulaResult, odeRate, samplePoints, spotCheck, type Expr } from '../../../src/symbolic/index.ts';
import { declared, declaredRhs, saxeNames } from '../declared.ts';
import type { ModeParams } from '../params.ts';
import { lazy } from './lazy.ts';
import { CHECK_SEED } from './samples.ts';

/** Points (a, b, s, tau) with a and b of either sign. */
function planePoints(n = 8) {
  return samplePoints({ a: [-1.5, 1.5], b: [-1.5, 1.5], s: [0.5, 3], tau: [0.5, 2] }, n, CHECK_SEED + 3);
}

/** Largest |(a² − b²)(t) − c₀| / (a₀² + b₀²) over an ODE integration of eq. 8 to t = 4τ/s. */
function integratedDrift(ra: (a: number, b: number) => number, rb: (a: number, b: number) => number, a0: number, b0: number, horizon: number): number {
  const sol = integrateOde((dy, y) => {
    dy[0] = ra(y[0]!, y[1]!);
    dy[1] = rb(y[0]!, y[1]!);
  }, [a0, b0], { t0: 0, tEnd: horizon, absTol: 1e-13, relTol: 1e-12 });
  const c0 = a0 * a0 - b0 * b0;
  let worst = 0;
  for (let i = 0; i < sol.t.length; i++) {
    const a = sol.y[2 * i]!;
    const b = sol.y[2 * i + 1]!;
    worst = Math.max(worst, Math.abs(a * a - b * b - c0));
  }
  return worst / (a0 * a0 + b0 * b0);
}

const analyse = lazy((): { derivative: Expr; checks: Check[]; method: string } => {
  const pts = planePoints();
  const a = odeRate(declared('modeA'), 'a', pts);
  const b = odeRate(declared('modeB'), 'b', pts);
  const c = declaredRhs('imbalance');
  const derivative = expand(`(${diff(c, 'a').text})*(${a.rate.text})+(${diff(c, 'b').text})*(${b.rate.text})`);
  const ra = a.rate.compile(['a', 'b', 's', 'tau']);
  const rb = b.rate.compile(['a', 'b', 's', 'tau']);
  const derived = derivative.compile(['a', 'b', 's', 'tau']);
  const checks: Check[] = [
    a.check,
    b.check,
    spotCheck('d/dt(a² − b²) along eq. 8 expands to 0 (evaluated)', (p) => derived(p.a!, p.b!, p.s!, p.tau!), () => 0, pts, { mode: 'absolute', tolerance: 0 }),
    spotCheck('a² − b² stays constant along an ODE integration of eq. 8 (drift / (a₀² + b₀²))', (p) => integratedDrift(
      (x, y) => ra(x, y, p.s!, p.tau!),
      (x, y) => rb(x, y, p.s!, p.tau!),
      p.a!,
      p.b!,
      4 * p.tau! / p.s!,
    ), () => 0, pts, { mode: 'absolute', tolerance: 1e-9 }),
  ];
  return { derivative, checks, method: 'chain rule on eq. 8 (diff), then expand' };
});

export function deriveConservedQuantity(_p: ModeParams): TaggedResult<number> {
  const d = analyse();
  return formulaResult({
    formula: d.derivative,
    lhsTeX: '\\frac{d}{dt}\\left(a^2 - b^2\\right)',
    value: d.derivative.tree.type === 'num' ? d.derivative.tree.num / d.derivative.tree.den : NaN,
    method: d.method,
    checks: d.checks,
    names: saxeNames,
    diagnostics: { conserved: 'c0 = a^2 - b^2', symmetry: 'a → ca, b → b/c leaves ab and eq. 9 unchanged' },
  });
}
