/**
 * The DLN derivations, by name (`plateau derive dln <name>`).
 */
import type { DerivationSpec } from '../../../src/core/theory.ts';
import type { DlnParams } from '../params.ts';
import { deriveBasisPursuit, deriveFixedPoint, deriveLazyRate, deriveMinNorm, deriveRate, deriveSoftThreshold } from './fixed-points.ts';
import { deriveCoordinateFlow } from './flow.ts';
import { deriveLargeAlpha, deriveMirrorPotential, deriveProxSlope, deriveSmallAlpha } from './potential.ts';
import { deriveGrokkingTime, deriveLazyTime, deriveSearchTime } from './timescales.ts';

export const dlnDerivations: Readonly<Record<string, DerivationSpec<DlnParams>>> = {
  'coordinate-flow': {
    title: 'exact coordinate flow w = F(G, t) = α²e^{−2λt}sinh 2G, A = u² + v²',
    description: 'separation of variables in the factor flows, with and without weight decay',
    from: ['flowU', 'flowV', 'weight', 'integratedGradient', 'coordinateMap', 'preconditioner'],
    derive: deriveCoordinateFlow,
  },
  'mirror-potential': {
    title: 'implicit-bias potential ψ_α: ψ′ = ½asinh(w/α²), ψ″ = 1/A, conjugate (α²/2)(cosh 2G − 1)',
    description: 'derivatives and conjugate of the hyperbolic entropy, worked in the mirror coordinate G',
    from: ['potential', 'conjugate', 'coordinateMap'],
    derive: deriveMirrorPotential,
  },
  prox: {
    title: 'slope of the proximal map: D/(D + γ)',
    description: 'implicit differentiation of b + γψ′_α(b) = x',
    from: ['prox', 'proxSlope', 'potential'],
    derive: deriveProxSlope,
  },
  'large-alpha': {
    title: 'α → ∞: ψ_α = w²/(4α²) − w⁴/(48α⁶) + …, linear prox (minimum-ℓ2 bias)',
    description: 'Taylor coefficients of ψ_α by repeated differentiation at w = 0',
    from: ['potential'],
    derive: deriveLargeAlpha,
  },
  'small-alpha': {
    title: 'α → 0: ψ_α = ln(1/α)|w| + ½|w|ln(2|w|/e) + o(1), prox → soft threshold (ℓ1 bias)',
    description: 'leading order of ψ_α and the logarithmic convergence of its prox to the soft threshold',
    from: ['potential', 'prox'],
    derive: deriveSmallAlpha,
  },
  'soft-threshold-moments': {
    title: 'Gaussian moments of the soft threshold in closed form',
    description: 'E[η′_θ] and E[(η_θ − W)²] for x ~ N(W, s²)',
    from: ['basisPursuit', 'lasso'],
    derive: deriveSoftThreshold,
  },
  'fixed-point': {
    title: 'long-time fixed point: test error, s, γ (λ = 0 interpolator; λ > 0 LASSO)',
    description: 'scalar equations solved with G-grid quadrature, or the LASSO state evolution',
    from: ['prox', 'dof', 'noise', 'lasso'],
    derive: deriveFixedPoint,
  },
  'min-l2-error': {
    title: 'α → ∞ fixed point: E_gen = (1 − δ)ρ + δσ²/(1 − δ)',
    description: 'minimum-ℓ2 interpolator from the linear prox, checked by the random-matrix route',
    from: ['dof', 'noise', 'minNorm'],
    derive: deriveMinNorm,
  },
  'basis-pursuit': {
    title: 'α → 0 fixed point: basis-pursuit state evolution',
    description: 'soft-threshold state evolution, checked against the extrapolated fixed point and the λ → 0 LASSO',
    from: ['basisPursuit', 'noise'],
    derive: deriveBasisPursuit,
  },
  rate: {
    title: 'convergence rate μ_min = max_m [−1/m + E[D/(1 + Dm)]/δ]',
    description: 'lower spectral edge at the fixed point; E_train ∝ t^{−3/2}e^{−2μ_min t}',
    from: ['silverstein', 'lossDecay', 'dof', 'noise'],
    derive: deriveRate,
  },
  'lazy-rate': {
    title: 'lazy edge μ_min → 2α²(1 − √δ)²/δ',
    description: 'the Silverstein maximum with D ≡ 2α²',
    from: ['silverstein', 'lazyRate'],
    derive: deriveLazyRate,
  },
  'lazy-time': {
    title: 'lazy relaxation time δ/(2α²(1 − √δ)²)',
    description: 'inverse lazy edge, checked on the Marchenko–Pastur lazy curve',
    from: ['lazyRate', 'lazyTime'],
    derive: deriveLazyTime,
  },
  'grokking-time': {
    title: 'grokking: the late drop at t ≈ ln(α)/λ',
    description: 'weight decay shrinks α_eff = αe^{−λt} until the rich phase starts at α_eff = 1',
    from: ['coordinateMap', 'grokTime'],
    derive: deriveGrokkingTime,
  },
  'search-time': {
    title: 'search phase: activation at t ≈ ln(1/α)/|g₀|',
    description: 'a coordinate grows as α·e^{|g₀|t} under its frozen initial gradient until it reaches O(1)',
    from: ['flowU', 'searchTime'],
    derive: deriveSearchTime,
  },
};
