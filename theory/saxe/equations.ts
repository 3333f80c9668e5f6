/**
 * The equations of Saxe, McClelland & Ganguli (2013), written once as `lhs = rhs` nerdamer strings
 * with the paper's equation numbers (arXiv:1312.6120 v3). Where the paper is misprinted the
 * corrected form is declared and the erratum named (digest `saxe-2013.md` §4); the misprinted forms
 * are never encoded. Everything else (rendering, compiled right-hand sides, derivations) reads these.
 */
import type { EquationSpec, SymbolSpec } from '../../src/core/theory.ts';

export const saxeSymbols: Readonly<Record<string, SymbolSpec>> = {
  t: { latex: 't', unicode: 't', description: 'time (iterations × τλ)' },
  u: { latex: 'u', unicode: 'u', description: 'mode strength u = uᵀ W_tot v' },
  a: { latex: 'a', unicode: 'a', description: 'input-to-hidden strength of a mode (a layer gain on deep chains)' },
  b: { latex: 'b', unicode: 'b', description: 'hidden-to-output strength of a mode' },
  x: { latex: 'x', unicode: 'x', description: 'Riccati variable x = b/a of an unbalanced mode' },
  theta: { latex: '\\theta', unicode: 'θ', description: 'hyperbolic angle of App. A: a = √c₀ cosh(θ/2), b = √c₀ sinh(θ/2)' },
  D: { latex: 'D', unicode: 'D', description: 'number of weight matrices D = N_l − 1' },
  En: { latex: 'E', unicode: 'E', description: 'training energy (squared error)' },
  lambda1: { latex: '\\lambda_1', unicode: 'λ₁', description: 'top Hessian eigenvalue of Ê on the balanced chain' },
  lambdahat: { latex: '\\hat\\lambda_1', unicode: 'λ̂₁', description: 'top Hessian eigenvalue at the optimum' },
  lrmax: { latex: '\\alpha_{\\max}', unicode: 'α_max', description: 'largest stable GD rate' },
  kappa: { latex: '\\kappa', unicode: 'κ', description: 'rate in units of the stability scale, α = κ/λ̂₁' },
  n: { latex: 'n', unicode: 'n', description: 'number of GD iterations' },
  k: { latex: 'k', unicode: 'k', description: 'number of random matrix factors (k = N_l − 1)' },
  r: { latex: 'r', unicode: 'r', description: 'eigenvalue modulus |λ|' },
  P: { latex: 'P', unicode: 'P', description: 'cumulative probability P(|λ| < r)' },
};

export const saxeEquations = {
  modeA: {
    ref: 'eq. 8',
    title: 'decoupled 3-layer mode, input weight',
    equation: 'tau*diff(a,t) = b*(s-a*b)',
    kind: 'ode',
  },
  modeB: {
    ref: 'eq. 8',
    title: 'decoupled 3-layer mode, output weight',
    equation: 'tau*diff(b,t) = a*(s-a*b)',
    kind: 'ode',
  },
  modeEnergy: {
    ref: 'eq. 9',
    title: 'the mode does gradient flow on this energy',
    equation: 'En = (s-a*b)^2/(2*tau)',
    kind: 'energy',
  },
  imbalance: {
    ref: 'eq. 8 (symmetry a → ca, b → b/c)',
    title: 'conserved imbalance of a 3-layer mode',
    equation: 'c0 = a^2-b^2',
    kind: 'conserved',
  },
  balanced: {
    ref: 'eq. 10',
    title: 'balanced mode (a = b, u = ab)',
    equation: 'tau*diff(u,t) = 2*u*(s-u)',
    kind: 'ode',
  },
  learningTime: {
    ref: 'eq. 11',
    title: 'learning time of a balanced mode from u0 to uf',
    equation: 't = tau/(2*s)*log(uf*(s-u0)/(u0*(s-uf)))',
    kind: 'closed-form',
  },
  trajectory: {
    ref: 'eq. 12',
    title: 'sigmoidal trajectory of a balanced mode',
    equation: 'u = s/(1+(s/u0-1)*e^(-2*s*t/tau))',
    kind: 'closed-form',
  },
  hyperbolicProduct: {
    ref: 'App. A, eq. 25 (corrected, E3)',
    title: 'mode strength in the hyperbolic coordinates',
    equation: 'a*b = c0/2*sinh(theta)',
    kind: 'relation',
    note: 'printed as c₀ sinh θ; the factor 1/2 follows from a = √c₀ cosh(θ/2), b = √c₀ sinh(θ/2)',
  },
  hyperbolicSum: {
    ref: 'App. A (corrected, E3)',
    title: 'sum of squares in the hyperbolic coordinates',
    equation: 'a^2+b^2 = c0*cosh(theta)',
    kind: 'relation',
  },
  hyperbolicAngle: {
    ref: 'App. A, eq. 25 (corrected, E3)',
    title: 'angle dynamics of an unbalanced mode',
    equation: 'tau*diff(theta,t) = 2*s-c0*sinh(theta)',
    kind: 'ode',
    note: 'printed as τθ̇ = s − c₀ sinh θ; fixed point sinh θ* = 2s/c₀',
  },
  unbalanced: {
    ref: 'App. A (corrected, coordinate-free)',
    title: 'unbalanced mode: rate with conserved c0 = a² − b²',
    equation: 'tau*diff(u,t) = sqrt(c0^2+4*u^2)*(s-u)',
    kind: 'ode',
  },
  riccati: {
    ref: 'App. A (derived)',
    title: 'Riccati equation of x = b/a',
    equation: 'tau*diff(x,t) = s*(1-x^2)-c0*x',
    kind: 'ode',
  },
  unbalancedTime: {
    ref: 'eq. 26 (corrected u-form, E3)',
    title: 'learning time of an unbalanced mode',
    equation:
      't = tau/sqrt(c0^2+4*s^2)*(log((sqrt(c0^2+4*s^2)*sqrt(c0^2+4*uf^2)+4*s*uf+c0^2)/(s-uf))-log((sqrt(c0^2+4*s^2)*sqrt(c0^2+4*u0^2)+4*s*u0+c0^2)/(s-u0)))',
    kind: 'closed-form',
    note: 'the printed eq. 26 has s where 2s belongs and overestimates the time by up to 2×',
  },
  chainEnergy: {
    ref: 'eq. 14',
    title: 'a deep decoupled mode: gradient flow of D = N_l − 1 scalars, u = a_1⋯a_D',
    equation: 'En = (s-u)^2/(2*tau)',
    kind: 'energy',
  },
  deep: {
    ref: 'eq. 15',
    title: 'balanced deep mode',
    equation: 'tau*diff(u,t) = (N_l-1)*u^(2-2/(N_l-1))*(s-u)',
    kind: 'ode',
  },
  infiniteDepth: {
    ref: 'eq. 16',
    title: 'deep mode for N_l → ∞ (needs N_l ≫ 2 ln(s/u0), E5)',
    equation: 'tau*diff(u,t) = N_l*u^2*(s-u)',
    kind: 'ode',
  },
  infiniteDepthTime: {
    ref: 'eq. 17',
    title: 'learning time for N_l → ∞',
    equation: 't = tau/N_l*(log(uf*(s-u0)/(u0*(s-uf)))/s^2+1/(s*u0)-1/(s*uf))',
    kind: 'closed-form',
  },
  topEigenvalue: {
    ref: 'eq. 37 (τ-free, E4)',
    title: 'top Hessian eigenvalue of ½(s − ∏a_k)² on the balanced chain a_k = a',
    equation: 'lambda1 = (2*N_l-3)*a^(2*N_l-4)-(N_l-2)*s*a^(N_l-3)',
    kind: 'relation',
  },
  optimumEigenvalue: {
    ref: 'eq. 41',
    title: 'top Hessian eigenvalue at the optimum ∏a_k = s',
    equation: 'lambdahat = (N_l-1)*s^((2*N_l-4)/(N_l-1))',
    kind: 'relation',
  },
  stabilityBound: {
    ref: 'App. B (E4)',
    title: 'GD is locally stable at the optimum iff α λ̂₁ < 2',
    equation: 'lrmax = 2/lambdahat',
    kind: 'relation',
  },
  iterationsInfinite: {
    ref: 'eq. 44',
    title: 'iterations at α = κ/λ̂₁ for N_l → ∞ (an upper bound for every depth)',
    equation: 'n = (log(uf*(s-u0)/(u0*(s-uf)))+s/u0-s/uf)/kappa',
    kind: 'closed-form',
  },
  circularLaw: {
    ref: 'Fig. 6B/C (k = 1: Ginibre circular law)',
    title: 'eigenvalue moduli of one N(0, 1/N) matrix, N → ∞',
    equation: 'P = r^2',
    kind: 'closed-form',
  },
  productLaw: {
    ref: 'Fig. 6B/C (derived)',
    title: 'eigenvalue moduli of a product of k N(0, 1/N) matrices, N → ∞',
    equation: 'P = r^(2/k)',
    kind: 'closed-form',
  },
} as const satisfies Readonly<Record<string, EquationSpec>>;

export type SaxeEquationName = keyof typeof saxeEquations;
