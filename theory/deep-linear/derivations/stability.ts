/**
 * Lazy stability bounds (digest §2.6, §4.2): full batch η·κ·λ₊ < 2 with the Marchenko–Pastur
 * edge λ₊ = (1 + α^{−1/2})², one-pass SGD κη < 2α_B/(1 + α_B); κ = L + 1 for the plain network and
 * κ = 2(1+s²)^L + L s²(1+s²)^{L−1} for the residual one (derived for Plateau: the NTK of each
 * trained array at initialisation). Requests beyond the bound are refused by the solver and the
 * simulator.
 */
import type { Check, TaggedResult } from '../../../src/core/result.ts';
import { Rng } from '../../../src/core/rng.ts';
import { symmetricEigen } from '../../../src/numeric/eigen.ts';
import { formulaResult, samplePoints, solveFor, spotCheck, substitute, type Expr } from '../../../src/symbolic/index.ts';
import { compileDeclared, declared, deepLinearNames } from '../declared.ts';
import { solveDmft } from '../dmft.ts';
import { branchScale, type DeepLinearParams } from '../params.ts';
import { CHECK_SEED } from './scaling.ts';

/** κ: the lazy NTK is κΣ̂ (declared `plainKernel` / `residualKernel`). */
export function lazyKernel(p: Pick<DeepLinearParams, 'L' | 'residual' | 'beta0' | 'branch'>): number {
  if (!p.residual) return compileDeclared('plainKernel', ['L'])(p.L);
  return compileDeclared('residualKernel', ['L', 's'])(p.L, branchScale(p));
}

export interface StabilityBound {
  etaMax: number;
  kappa: number;
  /** λ₊ (full batch) — absent for one-pass SGD. */
  lambdaPlus?: number;
  regime: 'full batch' | 'one-pass SGD';
}

/** The lazy bound on η for these parameters (evaluated from the derived formulas). */
export function stabilityBound(p: DeepLinearParams): StabilityBound {
  const kappa = lazyKernel(p);
  if (p.batch !== undefined) return { etaMax: (2 * p.batch) / (1 + p.batch) / kappa, kappa, regime: 'one-pass SGD' };
  const lambdaPlus = compileDeclared('mpEdge', ['alpha'])(p.alpha);
  return { etaMax: 2 / (kappa * lambdaPlus), kappa, lambdaPlus, regime: 'full batch' };
}

/**
 * Largest eigenvalue of Σ̂ = XᵀX/P for one sample, from the Gram matrix of the smaller side
 * (n = min(P, D), built here: a check, not a hot path). O(P·D·n/2 + 9n³).
 */
function sampledTopEigenvalue(D: number, P: number, seed: number): number {
  const x = new Float64Array(P * D);
  new Rng(seed).fillNormal(x, 1);
  const rowsAreSamples = P <= D;
  const n = rowsAreSamples ? P : D;
  const gram = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let acc = 0;
      if (rowsAreSamples) for (let k = 0; k < D; k++) acc += x[i * D + k]! * x[j * D + k]!;
      else for (let k = 0; k < P; k++) acc += x[k * D + i]! * x[k * D + j]!;
      gram[i * n + j] = acc / P;
      gram[j * n + i] = acc / P;
    }
  }
  return Math.max(...symmetricEigen(gram, n).values);
}

/**
 * η_max by solving the declared edge of stability for η (full batch) or for e (one-pass), then
 * substituting κ and λ₊. Checks: the roots (by `solveFor`); κ against the lazy kernel of the DMFT
 * (−K(1,0)/η at ν = 10⁶ under NTK) for plain and residual nets; λ₊ against the top eigenvalue of
 * sampled Σ̂ (D = 400, within 5 %: the edge fluctuates by O(D^{−2/3})); for one-pass SGD, the
 * recursion's contraction factor crosses 1 at the bound.
 */
export function deriveStabilityBound(p: DeepLinearParams): TaggedResult<StabilityBound & { eta: number; stable: boolean }> {
  const checks: Check[] = [];
  const bound = stabilityBound(p);
  let formula: Expr;
  let method: string;
  if (p.batch === undefined) {
    const solved = solveFor(declared('lazyStability').lhs.text + ' = 2', 'eta', { samples: samplePoints({ kappa: [2, 20], lambdap: [1.2, 6] }, 5, CHECK_SEED) });
    checks.push(...solved.checks);
    formula = substitute(solved.roots[0] ?? declared('lazyStability').lhs, { lambdap: declared('mpEdge').rhs });
    method = `solve the declared edge η·κ·λ₊ = 2 for η (${solved.method}), λ₊ = (1 + α^{−1/2})²`;
    const edge = compileDeclared('mpEdge', ['alpha']);
    const alphas = [0.5, 3];
    checks.push(
      spotCheck('λ₊ within 5 % of the top eigenvalue of a sampled Σ̂ (D = 400)', (pt) => sampledTopEigenvalue(400, Math.round(pt.alpha! * 400), CHECK_SEED + pt.alpha! * 10), (pt) => edge(pt.alpha!), alphas.map((alpha) => ({ alpha })), { tolerance: 0.05 }),
    );
  } else {
    const solved = solveFor(declared('onlineStability').lhs.text + ' = 1', 'estep', { samples: samplePoints({ batch: { log: [0.1, 10] } }, 5, CHECK_SEED) });
    checks.push(...solved.checks);
    const nonzero = solved.roots.find((r) => r.text !== '0');
    formula = nonzero ?? declared('onlineStability').lhs;
    method = `solve the declared edge (1 − e)² + e²/α_B = 1 for e (${solved.method}); η_max = e/κ`;
    const factor = (e: number, b: number) => (1 - e) ** 2 + (e * e) / b;
    checks.push(
      spotCheck('the one-pass recursion contracts just below the bound and expands just above it', (pt) => Number(factor(0.99 * pt.e!, pt.batch!) < 1 && factor(1.01 * pt.e!, pt.batch!) > 1), () => 1, samplePoints({ batch: { log: [0.1, 10] } }, 5, CHECK_SEED + 1).map((pt) => ({ ...pt, e: (2 * pt.batch!) / (1 + pt.batch!) })), { tolerance: 0, mode: 'absolute' }),
    );
  }
  const kernelCases = [
    { L: 1, residual: false, beta0: 1, branch: 'sqrt-depth' as const },
    { L: 3, residual: false, beta0: 1, branch: 'sqrt-depth' as const },
    { L: 2, residual: true, beta0: 0.8, branch: 'constant' as const },
    { L: 4, residual: true, beta0: 1, branch: 'sqrt-depth' as const },
  ];
  checks.push(
    spotCheck(
      'κ equals the DMFT lazy kernel −K(1,0)/η (NTK, ν = 10⁶), plain and residual',
      (pt) => lazyKernel(kernelCases[pt.i!]!),
      (pt) => {
        const c = kernelCases[pt.i!]!;
        const nu = 1e6;
        const eta = 0.01;
        const s = solveDmft({ alpha: 2, nu, L: c.L, gamma0: 1 / Math.sqrt(nu), eta, sigma: 0, batch: undefined, branchScale: c.residual ? branchScale(c) : undefined }, { steps: 2 });
        return -s.input.K[2]! / eta;
      },
      kernelCases.map((_, i) => ({ i })),
      { tolerance: 1e-4 },
    ),
  );
  return formulaResult({
    formula,
    lhsTeX: p.batch === undefined ? '\\eta_{\\max}' : 'e_{\\max}',
    value: { ...bound, eta: p.eta, stable: p.eta < bound.etaMax },
    method,
    asymptotic: 'lazy limit (ν → ∞ under NTK); at finite width and in the rich regime the usable η is lower',
    checks,
    names: deepLinearNames,
  });
}

/**
 * Noise floor of lazy one-pass SGD, c∞ = eσ²/(2α_B − e(1 + α_B)) (digest §4.2): the fixed point of
 * the declared recursion, solved for c and checked against iterating the recursion.
 */
export function deriveNoiseFloor(p: DeepLinearParams): TaggedResult<number | null> {
  const batch = p.batch ?? 1;
  const eq = `cinf = ${substitute(declared('onlineRecursion').rhs, { c: 'cinf' }).text}`;
  const samples = samplePoints({ batch: { log: [0.2, 5] }, f: [0.1, 0.9], sigma: [0.1, 1] }, 5, CHECK_SEED + 2).map((pt) => ({ batch: pt.batch!, sigma: pt.sigma!, estep: (pt.f! * 2 * pt.batch!) / (1 + pt.batch!) }));
  const solved = solveFor(eq, 'cinf', { samples });
  const root = solved.roots[0];
  const step = compileDeclared('onlineRecursion', ['c', 'estep', 'batch', 'sigma']);
  const checks = [...solved.checks];
  if (root) {
    const f = root.compile(['estep', 'batch', 'sigma']);
    checks.push(
      spotCheck('c∞ is the limit of the iterated recursion (20 000 steps)', (pt) => f(pt.estep!, pt.batch!, pt.sigma!), (pt) => {
        let c = 1;
        for (let i = 0; i < 20000; i++) c = step(c, pt.estep!, pt.batch!, pt.sigma!);
        return c;
      }, samples, { tolerance: 1e-9 }),
    );
  }
  const e = lazyKernel(p) * p.eta;
  return formulaResult({
    formula: root ?? declared('onlineRecursion').rhs,
    lhsTeX: 'c_\\infty',
    value: root ? root.compile(['estep', 'batch', 'sigma'])(e, batch, p.sigma) : null,
    method: `fixed point of the declared lazy one-pass recursion (${solved.method})`,
    asymptotic: 'lazy limit, t → ∞',
    checks,
    names: deepLinearNames,
  });
}
