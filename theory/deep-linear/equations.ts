/**
 * The scalar equations of the deep-linear theory, written once as `lhs = rhs` nerdamer strings
 * with the digest's section numbers (`bordelon-pehlevan-2025.md`; the paper's own equation
 * numbers were not available). Derivations, the exact-limit solvers and the docs read them from
 * here. The T×T operator equations of the DMFT (D1–D4, N1–N3 and the residual stream) are
 * non-commutative matrix products, which the symbolic engine would reorder: they live in the doc
 * comments of `dmft-input.ts`, `dmft-mlp.ts` and `dmft-residual.ts` next to the code that solves them.
 */
import type { EquationSpec, SymbolSpec } from '../../src/core/theory.ts';

export const deepLinearSymbols: Readonly<Record<string, SymbolSpec>> = {
  N: { latex: 'N', unicode: 'N', description: 'width N = νD' },
  Din: { latex: 'D', unicode: 'D', description: 'input dimension' },
  gbar: { latex: '\\bar\\gamma', unicode: 'γ̄', description: 'NTK richness γ̄ = γ0√ν (held fixed under NTK scaling)' },
  cout: { latex: 'c_{\\mathrm{out}}', unicode: 'c_out', description: 'output multiplier of the readout f = c_out·w·h^L' },
  etaraw: { latex: '\\eta_{\\mathrm{raw}}', unicode: 'η_raw', description: 'raw learning rate multiplying ∂L/∂θ' },
  V0: { latex: 'V_0', unicode: 'V₀', description: 'variance of the initial function |β(0)|²/D' },
  L0: { latex: '\\mathcal{L}_0', unicode: 'ℒ₀', description: 'test (= train) loss of the initial network' },
  lambdap: { latex: '\\lambda_+', unicode: 'λ₊', description: 'upper Marchenko–Pastur edge of Σ̂ = XᵀX/P' },
  lambdam: { latex: '\\lambda_-', unicode: 'λ₋', description: 'lower Marchenko–Pastur edge' },
  kappa: { latex: '\\kappa', unicode: 'κ', description: 'lazy kernel multiplier: the NTK is κΣ̂ (κ = L + 1 for the plain network)' },
  estep: { latex: 'e', unicode: 'e', description: 'effective lazy step e = κη' },
  c: { latex: 'c', unicode: 'c', description: 'lazy one-pass predictor error |v|²/D' },
  cnext: { latex: "c'", unicode: "c'", description: 'c after one step' },
  cinf: { latex: 'c_\\infty', unicode: 'c_∞', description: 'noise floor of lazy one-pass SGD' },
  m: { latex: 'm', unicode: 'm', description: 'overlap β·β*/D (rich recursion, β = mβ*)' },
  a: { latex: 'a', unicode: 'a', description: 'readout norm |w|²/N' },
  q: { latex: 'q', unicode: 'q', description: 'first-layer alignment β*ᵀ(W⁰ᵀW⁰/N)β*/D' },
  mnext: { latex: "m'", unicode: "m'", description: 'm after one step' },
  anext: { latex: "a'", unicode: "a'", description: 'a after one step' },
  qnext: { latex: "q'", unicode: "q'", description: 'q after one step' },
  s: { latex: 's', unicode: 's', description: 'residual branch scale' },
  VL: { latex: 'V_L', unicode: 'V_L', description: 'forward variance after L residual blocks' },
  Vinf: { latex: 'V_\\infty', unicode: 'V_∞', description: 'forward variance as L → ∞ with s = β0/√L' },
  t: { latex: 't', unicode: 't', description: 'GD step' },
  pcov: { latex: 'b', unicode: 'b', description: 'covariance exponent: λ_k ∝ k^{−b}' },
  pteach: { latex: 'a_*', unicode: 'a*', description: 'teacher power exponent: λ_k(β*_k)² ∝ k^{−a*}' },
  bsrc: { latex: '\\beta', unicode: 'β', description: 'source exponent β = (a* − 1)/b (not the vector β)' },
  chilazy: { latex: '\\chi_{\\mathrm{lazy}}', unicode: 'χ_lazy', description: 'lazy loss exponent, ℒ ∝ t^{χ}' },
  chirich: { latex: '\\chi_{\\mathrm{rich}}', unicode: 'χ_rich', description: 'rich loss exponent, ℒ ∝ t^{χ}' },
};

export const deepLinearEquations = {
  widthRatio: { ref: '§2.1', title: 'width per input dimension', equation: 'nu = N/Din', kind: 'relation' },
  outputMultiplier: { ref: '§2.2', title: 'readout multiplier f = (√D/(γ0N)) w·h^L', equation: 'cout = sqrt(Din)/(gamma0*N)', kind: 'relation' },
  rawLearningRate: { ref: '§2.4', title: 'raw learning rate of θ ← θ − ηγ0²N ∂L/∂θ', equation: 'etaraw = eta*gamma0^2*N', kind: 'relation' },
  initialVariance: { ref: '§2.2', title: 'variance of the initial function', equation: 'V0 = 1/(gamma0^2*nu)', kind: 'closed-form' },
  ntkScaling: { ref: '§2.5', title: 'NTK parameterisation', equation: 'gamma0 = gbar/sqrt(nu)', kind: 'relation' },
  initialLoss: { ref: '§2.3', title: 'initial test and train loss', equation: 'L0 = 1 + VL/(gamma0^2*nu) + sigma^2', kind: 'closed-form', note: 'V_L = 1 for the plain network' },
  mpEdge: { ref: '§2.6, §4.1', title: 'upper Marchenko–Pastur edge of Σ̂', equation: 'lambdap = (1 + 1/sqrt(alpha))^2', kind: 'closed-form' },
  mpLowerEdge: { ref: '§4.1', title: 'lower Marchenko–Pastur edge of Σ̂', equation: 'lambdam = (1 - 1/sqrt(alpha))^2', kind: 'closed-form' },
  plainKernel: { ref: '§2.6', title: 'lazy NTK multiplier of the plain network (one copy of Σ̂ per trained array)', equation: 'kappa = L + 1', kind: 'closed-form' },
  residualKernel: {
    ref: '§2.7 (derived for Plateau)',
    title: 'lazy NTK multiplier of the residual network: readout and W⁰ give (1+s²)^L each, block ℓ gives s²(1+s²)^{L−1}',
    equation: 'kappa = 2*(1+s^2)^L + L*s^2*(1+s^2)^(L-1)',
    kind: 'closed-form',
  },
  lazyStability: { ref: '§2.6', title: 'edge of lazy full-batch stability: the top mode of Σ̂ stops contracting', equation: 'eta*kappa*lambdap = 2', kind: 'relation' },
  onlineRecursion: {
    ref: '§4.2',
    title: 'lazy one-pass SGD: predictor error per step',
    equation: 'cnext = ((1-estep)^2 + estep^2/batch)*c + estep^2*sigma^2/batch',
    kind: 'recursion',
  },
  onlineStability: { ref: '§4.2', title: 'edge of lazy one-pass stability: the recursion stops contracting', equation: '(1-estep)^2 + estep^2/batch = 1', kind: 'relation' },
  richM: { ref: '§4.3', title: 'rich mean-field recursion (L = 1, ν = α → ∞): overlap', equation: 'mnext = m - eta*(a+q)*(m-1) + (eta*gamma0*(m-1))^2*m', kind: 'recursion' },
  richA: { ref: '§4.3', title: 'rich mean-field recursion: readout norm', equation: 'anext = a - 2*eta*gamma0^2*m*(m-1) + (eta*gamma0*(m-1))^2*q', kind: 'recursion' },
  richQ: { ref: '§4.3', title: 'rich mean-field recursion: first-layer alignment', equation: 'qnext = q - 2*eta*gamma0^2*m*(m-1) + (eta*gamma0*(m-1))^2*a', kind: 'recursion' },
  branchSqrtDepth: { ref: '§2.7', title: 'depth-μP branch scale', equation: 's = beta0/sqrt(L)', kind: 'relation' },
  residualVariance: { ref: '§2.7', title: 'forward variance after L residual blocks', equation: 'VL = (1 + s^2)^L', kind: 'closed-form' },
  residualLimit: { ref: '§2.7', title: 'infinite-depth forward variance with 1/√L branches', equation: 'Vinf = exp(beta0^2)', kind: 'closed-form', note: 'the limit of (1 + β0²/L)^L; stored as a rule and checked numerically (nerdamer’s limit returns 1)' },
  sourceExponent: { ref: '§7.5', title: 'source exponent of power-law data', equation: 'bsrc = (pteach - 1)/pcov', kind: 'relation' },
  lazyExponent: { ref: '§7.5', title: 'lazy power law ℒ ∝ t^{−β}', equation: 'chilazy = -bsrc', kind: 'closed-form' },
  richExponent: { ref: '§7.5 (claim of the paper)', title: 'rich power law ℒ ∝ t^{−2β/(1+β)} for β < 1', equation: 'chirich = -2*bsrc/(1+bsrc)', kind: 'closed-form' },
} as const satisfies Readonly<Record<string, EquationSpec>>;

export type DeepLinearEquationName = keyof typeof deepLinearEquations;
