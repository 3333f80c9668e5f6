/**
 * The derivations of the Saxe theory, in the order of issue 3 §3, as declared to `defineTheory`.
 * Each derives its result from the declared equations with `src/symbolic` and checks it
 * numerically against an independent computation (ODE integration, quadrature, finite
 * differences, Monte Carlo).
 */
import type { DerivationSpec } from '../../../src/core/theory.ts';
import type { SaxeParams } from '../params.ts';
import { deriveBalancedTime, deriveTrajectory } from './balanced.ts';
import { deriveConservedQuantity } from './conserved.ts';
import { deriveDeepDynamics, deriveInfiniteDepth, deriveLearningTime } from './deep.ts';
import { deriveFixedPoints } from './fixed-points.ts';
import { deriveRandomProducts } from './random-products.ts';
import { deriveStability } from './stability.ts';
import { deriveBalancedLimit, deriveUnbalancedRate, deriveUnbalancedTime } from './unbalanced.ts';

export const saxeDerivations: Readonly<Record<string, DerivationSpec<SaxeParams>>> = {
  'fixed-points': {
    title: 'fixed points {0, s} of the balanced mode and their stability (Jacobian); the saddle of eq. 8 at the origin',
    description: 'solveFor on the rate of eq. 10 with a sign-change scan; Jacobian by diff; eigenvalues of eq. 8 at a = b = 0',
    from: ['balanced', 'modeA', 'modeB'],
    derive: deriveFixedPoints,
  },
  'learning-time': {
    title: 'learning time t(u0 → uf) for any depth: eq. 11 (N_l = 3), closed form where the engine finds one, quadrature otherwise',
    description: 'separation of variables on eq. 10 / eq. 15 (corrected eq. 26 when c0 ≠ 0); numeric quadrature in ln u when no antiderivative is found',
    from: ['balanced', 'learningTime', 'deep', 'unbalanced'],
    derive: deriveLearningTime,
  },
  'balanced-learning-time': {
    title: 'learning time of a balanced 3-layer mode by separation of variables (eq. 11)',
    description: 'antiderivative of 1/u̇ (verified), definite integral, logarithms combined',
    from: ['balanced', 'learningTime'],
    derive: deriveBalancedTime,
  },
  trajectory: {
    title: 'trajectory u(t) by inverting the learning time (eq. 12); value: the half-learning time',
    description: 'solveFor with log isolation on t = F(u) − F(u0); ODE residual checked numerically',
    from: ['balanced', 'learningTime', 'trajectory'],
    derive: deriveTrajectory,
  },
  'conserved-quantity': {
    title: 'c0 = a² − b² is conserved by eq. 8 (its time derivative expands to 0)',
    description: 'chain rule with the rates of eq. 8, expand; drift along an ODE integration',
    from: ['modeA', 'modeB', 'imbalance'],
    derive: deriveConservedQuantity,
  },
  'unbalanced-rate': {
    title: 'unbalanced mode: τu̇ = √(c0² + 4u²)(s − u) from eq. 8; value: u̇ at u0',
    description: 'product rule on eq. 8, a² + b² by division, (a² + b²)² = c0² + 4u² by expand, the positive root',
    from: ['modeA', 'modeB', 'imbalance', 'unbalanced'],
    derive: deriveUnbalancedRate,
  },
  'unbalanced-learning-time': {
    title: 'learning time of an unbalanced mode (corrected eq. 26, u-form)',
    description: 'Riccati variable x = b/a derived from eq. 8, partial fractions in x, back-substitution x(u)',
    from: ['modeA', 'modeB', 'imbalance', 'riccati', 'unbalanced', 'unbalancedTime', 'hyperbolicProduct', 'hyperbolicSum', 'hyperbolicAngle'],
    derive: deriveUnbalancedTime,
  },
  'balanced-limit': {
    title: 'c0 → 0 limit of the unbalanced time equals eq. 11 (numeric limit)',
    description: 'the u-form evaluated along c0 = εu0, ε = 10⁻¹…10⁻³ (nerdamer limit() is unreliable)',
    from: ['unbalancedTime', 'learningTime'],
    derive: deriveBalancedLimit,
  },
  'deep-dynamics': {
    title: 'deep balanced mode τu̇ = D u^{2−2/D}(s − u) (eq. 15) from the chain of D = N_l − 1 factors; value: u̇ at u0',
    description: 'gradient flow of eq. 14 for one factor, D equal shares on the balanced chain, a = u^{1/D}',
    from: ['chainEnergy', 'deep', 'balanced'],
    derive: deriveDeepDynamics,
  },
  'infinite-depth': {
    title: 'N_l → ∞: eq. 16 and its learning time eq. 17 (non-uniform: N_l ≫ 2 ln(s/u0))',
    description: 'ratio eq. 15/eq. 16 → 1; eq. 16 integrated in closed form; gap to the exact eq. 15 time reported',
    from: ['deep', 'infiniteDepth', 'infiniteDepthTime'],
    derive: deriveInfiniteDepth,
  },
  stability: {
    title: 'Hessian of ½(s − ∏a_k)²: λ₁ (eq. 37), λ̂₁ = D s^{2−2/D} (eq. 41), stable rates α < 2/λ̂₁, α_opt ∝ 1/(N_l s²)',
    description: 'second derivatives by diff at the balanced point; eigenvalues of h·I + g(J − I); refused when lr ≥ 2/λ̂₁',
    from: ['chainEnergy', 'topEigenvalue', 'optimumEigenvalue', 'stabilityBound'],
    derive: deriveStability,
  },
  'random-products': {
    title: 'eigenvalue moduli of a product of k = N_l − 1 Ginibre matrices: P(|λ| < r) = r^{2/k} (N → ∞)',
    description: 'circular law r² at k = 1, radial law of the k-th power; origin-bin mass against the Fig. 6C caption',
    from: ['circularLaw', 'productLaw'],
    derive: deriveRandomProducts,
  },
};
