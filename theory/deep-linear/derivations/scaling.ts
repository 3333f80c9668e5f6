/**
 * Width and depth scalings: the μP/NTK parameterisation table (digest §2.5), the initial loss
 * (§2.3) and the residual forward variance with its infinite-depth limit (§2.7).
 */
import { type Check, type TaggedResult } from '../../../src/core/result.ts';
import { Rng } from '../../../src/core/rng.ts';
import { formulaResult, samplePoints, spotCheck, substitute, type Expr, type Node, type Point } from '../../../src/symbolic/index.ts';
import { initialForwardVariances, trainRankOne } from '../../../src/sim/deep-linear-rank-one.ts';
import { declared, deepLinearNames } from '../declared.ts';
import { solveDmft } from '../dmft.ts';
import { branchScale, effectiveGamma0, modelOf, type DeepLinearParams } from '../params.ts';

export const CHECK_SEED = 2502_02531;

function mentions(node: Node, v: string): boolean {
  switch (node.type) {
    case 'num':
      return false;
    case 'sym':
      return node.name === v;
    case 'add':
      return node.terms.some((t) => mentions(t, v));
    case 'mul':
      return node.factors.some((f) => mentions(f, v));
    case 'pow':
      return mentions(node.base, v) || mentions(node.exp, v);
    case 'call':
      return node.args.some((a) => mentions(a, v));
  }
}

/**
 * The exponent p of v in a monomial c·v^p (c free of v), read off the expression tree: a product
 * of powers, where sqrt(v) counts ½. Undefined when the expression is not such a monomial.
 */
function monomialExponent(node: Node, v: string): number | undefined {
  if (!mentions(node, v)) return 0;
  if (node.type === 'sym') return 1;
  if (node.type === 'mul') {
    let total = 0;
    for (const f of node.factors) {
      const p = monomialExponent(f, v);
      if (p === undefined) return undefined;
      total += p;
    }
    return total;
  }
  if (node.type === 'pow' && node.exp.type === 'num' && !mentions(node.exp, v)) {
    const inner = monomialExponent(node.base, v);
    return inner === undefined ? undefined : inner * (node.exp.num / node.exp.den);
  }
  if (node.type === 'call' && node.fn === 'sqrt' && node.args.length === 1) {
    const inner = monomialExponent(node.args[0]!, v);
    return inner === undefined ? undefined : inner / 2;
  }
  return undefined;
}

const QUANTITIES = [
  ['outputMultiplier', 'output multiplier √D/(γ0N)'],
  ['rawLearningRate', 'raw learning rate ηγ0²N'],
  ['initialVariance', 'initial function variance 1/(γ0²ν)'],
] as const;

/** The digest's table (§2.5 and implementation notes): width exponents of each quantity. */
const EXPECTED: Record<'mup' | 'ntk', readonly number[]> = { mup: [-1, 1, -1], ntk: [-0.5, 0, 0] };

/**
 * Width exponents of the output multiplier, the raw learning rate and the initial variance under
 * μP (γ0 fixed) and NTK (γ0 = γ̄/√ν), at fixed D: substitute ν = N/D (and γ0) into the declared
 * relations and read the power of N off the product of powers. Checked by central differences of
 * ln f in ln N at sampled points, and against the digest's table.
 */
export function deriveParameterisation(p: DeepLinearParams): TaggedResult<Record<string, unknown>> {
  const checks: Check[] = [];
  const table: Record<string, Record<string, number | null>> = {};
  const points = samplePoints({ N: { log: [16, 1e4] }, Din: { log: [16, 1e4] }, gamma0: [0.2, 3], gbar: [0.2, 3], eta: { log: [1e-3, 1] } }, 6, CHECK_SEED);
  let formula: Expr | undefined;
  for (const scheme of ['mup', 'ntk'] as const) {
    table[scheme] = {};
    QUANTITIES.forEach(([name, label], i) => {
      let f = substitute(declared(name).rhs, scheme === 'ntk' ? { gamma0: 'gbar/sqrt(nu)' } : {});
      f = substitute(f, { nu: 'N/Din' });
      if (scheme === p.param && name === 'outputMultiplier') formula = f;
      const exponent = monomialExponent(f.tree, 'N');
      table[scheme]![name] = exponent ?? null;
      const args = f.symbols();
      const fn = f.compile(args);
      const at = (pt: Point, N: number) => fn(...args.map((a) => (a === 'N' ? N : pt[a]!)));
      const h = 1e-4;
      checks.push(
        spotCheck(
          `${scheme}: d ln(${label})/d ln N equals the exponent read off the formula`,
          () => exponent ?? NaN,
          (pt) => (Math.log(at(pt, pt.N! * (1 + h))) - Math.log(at(pt, pt.N! * (1 - h)))) / (Math.log(1 + h) - Math.log(1 - h)),
          points,
          { tolerance: 1e-6, mode: 'absolute' },
        ),
        spotCheck(`${scheme}: ${label} exponent matches the digest's table`, () => exponent ?? NaN, () => EXPECTED[scheme][i]!, [{}], { tolerance: 0, mode: 'absolute' }),
      );
    });
  }
  return formulaResult({
    formula: formula!,
    lhsTeX: 'c_{\\mathrm{out}}',
    value: { param: p.param, exponents: table[p.param], table, fixed: p.param === 'mup' ? ['γ0', 'η'] : ['γ̄ = γ0√ν', 'η', 'ηγ̄²D', '1/γ̄²'] },
    method: 'substitute ν = N/D (NTK: γ0 = γ̄/√ν) into the declared relations; exponent of N read off the product of powers',
    checks,
    names: deepLinearNames,
  });
}

/** (1 + s²)^L: the forward variance after L residual blocks (1 for the plain network). */
export function forwardVariance(p: Pick<DeepLinearParams, 'residual' | 'beta0' | 'L' | 'branch'>): number {
  return p.residual ? Math.pow(1 + branchScale(p) ** 2, p.L) : 1;
}

/**
 * Initial loss ℒ0 = 1 + V_L/(γ0²ν) + σ² (test = train at t = 0; V_L = (1+s²)^L with residual
 * blocks). Checked against the DMFT's C_v(0,0) + σ² and against simulated networks (mean over
 * 48 seeds at D = 48 within 4 standard errors plus 2 %).
 */
export function deriveInitialLoss(p: DeepLinearParams): TaggedResult<number> {
  const formula = substitute(declared('initialLoss').rhs, { VL: p.residual ? declared('residualVariance').rhs : '1' });
  const g0 = effectiveGamma0(p);
  const value = 1 + forwardVariance(p) / (g0 * g0 * p.nu) + p.sigma * p.sigma;
  const dmft = solveDmft(modelOf({ ...p, batch: undefined }), { steps: 1 });
  const checks: Check[] = [spotCheck('equals the DMFT at t = 0 (C_v(0,0) + σ²)', () => value, () => dmft.testLoss[0]!, [{}], { tolerance: 1e-12 })];
  const D = 48;
  const seeds = 48;
  const losses: number[] = [];
  const N = Math.max(1, Math.round(p.nu * D));
  for (let seed = 0; seed < seeds; seed++) {
    const run = trainRankOne({ D, N, L: p.L, gamma0: g0, eta: p.eta, sigma: p.sigma, samples: Math.max(1, Math.round(p.alpha * D)), branchScale: p.residual ? branchScale(p) : undefined, steps: 1, seed: CHECK_SEED + seed });
    losses.push(run.testLoss[0]!);
  }
  const mean = losses.reduce((s, x) => s + x, 0) / seeds;
  const se = Math.sqrt(losses.reduce((s, x) => s + (x - mean) ** 2, 0) / (seeds - 1) / seeds);
  checks.push({ name: `simulated networks (D = ${D}, ${seeds} seeds): |mean − ℒ0| in standard errors (+2 % allowance)`, residual: Math.abs(mean - value) / (se + 0.02 * value), tolerance: 4, passed: Math.abs(mean - value) <= 4 * (se + 0.02 * value), samples: seeds });
  return formulaResult({ formula, lhsTeX: '\\mathcal{L}_0', value, method: 'E|β(0) − β*|²/D = E|β(0)|²/D + |β*|²/D with |β(0)|²/D → V_L/(γ0²ν)', checks, names: deepLinearNames, diagnostics: { simulatedMean: mean, simulatedSe: se } });
}

/**
 * Residual forward variance V_L = (1 + s²)^L: exponential in depth for constant branches,
 * (1 + β0²/L)^L → e^{β0²} with s = β0/√L. The limit is the stored rule (1 + x/L)^L → eˣ (nerdamer's
 * own limit is not trusted), checked numerically at large L
 * (relative gap ≈ β0⁴/(2L)); V_L itself is checked against sampled networks.
 */
export function deriveResidualVariance(p: DeepLinearParams): TaggedResult<Record<string, number>> {
  const finite = declared('residualVariance').rhs;
  const sqrtDepth = substitute(finite, { s: declared('branchSqrtDepth').rhs });
  const limit = declared('residualLimit').rhs;
  const fFinite = sqrtDepth.compile(['beta0', 'L']);
  const fLimit = limit.compile(['beta0']);
  const points = samplePoints({ beta0: [0.2, 2] }, 6, CHECK_SEED + 3);
  const checks: Check[] = [];
  for (const L of [1e3, 1e4, 1e6]) {
    checks.push(spotCheck(`(1 + β0²/L)^L within 1.1·β0⁴/(2L) of e^{β0²} at L = ${L}`, (pt) => Math.abs(fFinite(pt.beta0!, L) / fLimit(pt.beta0!) - 1) / ((1.1 * pt.beta0! ** 4) / (2 * L)), () => 0, points, { tolerance: 1, mode: 'absolute' }));
  }
  // Sampled networks: mean of |h^{L+1}|²/N over seeds against (1 + s²)^L, in standard errors.
  const s = branchScale(p);
  const depth = Math.min(p.L, 16);
  const rng = new Rng(CHECK_SEED);
  const seeds = 32;
  const samples = Array.from({ length: seeds }, () => initialForwardVariances({ D: 96, N: 96, L: depth, branchScale: s, seed: rng.int(1 << 30) })[depth]!);
  const mean = samples.reduce((a, x) => a + x, 0) / seeds;
  const se = Math.sqrt(samples.reduce((a, x) => a + (x - mean) ** 2, 0) / (seeds - 1) / seeds);
  const expected = Math.pow(1 + s * s, depth);
  checks.push({ name: `sampled residual networks (N = 96, ${seeds} seeds, L = ${depth}): |mean of |h^{L+1}|²/N − (1 + s²)^L| in standard errors`, residual: Math.abs(mean - expected) / se, tolerance: 4, passed: Math.abs(mean - expected) <= 4 * se, samples: seeds });
  return formulaResult({
    formula: limit,
    lhsTeX: '\\lim_{L\\to\\infty}(1 + \\beta_0^2/L)^L',
    value: { finiteDepth: forwardVariance({ ...p, residual: true }), sqrtDepthBranches: fFinite(p.beta0, p.L), constantBranches: Math.pow(1 + p.beta0 ** 2, p.L), infiniteDepth: fLimit(p.beta0) },
    method: 'V_L = (1 + s²)^L from the variance recursion; L → ∞ by the stored rule (1 + x/L)^L → eˣ',
    asymptotic: 'L → ∞ with s = β0/√L',
    checks,
    names: deepLinearNames,
    diagnostics: { rule: '(1 + x/L)^L → e^x as L → ∞ (stored; nerdamer leaves or gets this limit wrong)' },
  });
}
