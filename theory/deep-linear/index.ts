/**
 * Bordelon & Pehlevan (2025): the DMFT of deep linear networks trained by gradient descent from
 * random initialisation, at large width with finite N/D and P/D (digest
 * `bordelon-pehlevan-2025.md`). Public surface: the theory declaration `deepLinear`.
 */
import type { Figure } from '../../src/core/figure.ts';
import { defineTheory, type Theory } from '../../src/core/theory.ts';
import { deriveLazyExponent, deriveRichExponent } from './derivations/exponents.ts';
import { deriveInitialLoss, deriveParameterisation, deriveResidualVariance } from './derivations/scaling.ts';
import { deriveNoiseFloor, deriveStabilityBound } from './derivations/stability.ts';
import { deepLinearEquations, deepLinearSymbols } from './equations.ts';
import { dataExperiment, dataFigures } from './experiments/data.ts';
import { depthExperiment, depthFigures } from './experiments/depth.ts';
import { learningRateExperiment, learningRateFigures } from './experiments/learning-rate.ts';
import { limitFigures } from './experiments/limits.ts';
import { powerLawExperiment, powerLawFigures } from './experiments/power-law.ts';
import { residualExperiment, residualFigures } from './experiments/residual.ts';
import { widthExperiment, widthFigures } from './experiments/width.ts';
import { deepLinearParams } from './params.ts';
import { dmftSolver, networkSimulator } from './runners.ts';
import { deepLinearTour } from './tour.ts';

export const deepLinear: Theory<typeof deepLinearParams> = defineTheory({
  id: 'deep-linear',
  title: 'DMFT of deep linear networks at large width',
  citation: {
    authors: 'Blake Bordelon and Cengiz Pehlevan',
    title: 'Deep Linear Network Training Dynamics from Random Initialization: Data, Width, Depth, and Hyperparameter Transfer',
    year: 2025,
    arxiv: '2502.02531',
    venue: 'ICML 2025',
  },
  summary:
    'Gradient descent on deep linear networks from Gaussian initialisation, learning a noisy linear teacher from isotropic Gaussian data with input dimension D, width N = νD and P = αD samples growing together. A dynamical mean-field theory of two-time correlations and responses (closed T×T system, solved by causal time marching) keeps the finite-width and finite-data effects: wider is better in μP, learning rates transfer across width in μP but not in NTK, residual branches scaled by 1/√L give a depth limit with transferable learning rates, repeated data overfits label noise near α = 1 while one-pass SGD does not, and feature learning speeds up power-law decay. The residual/infinite-depth equations were derived for Plateau and verified against simulation.',
  version: 2,
  params: deepLinearParams,
  symbols: deepLinearSymbols,
  equations: deepLinearEquations,
  derivations: {
    parameterisation: {
      title: 'μP and NTK parameterisations: width exponents',
      description: 'Exponents of N (at fixed D) of the output multiplier, raw learning rate and initial-function variance under μP (γ0 fixed) and NTK (γ0 = γ̄/√ν).',
      from: ['widthRatio', 'outputMultiplier', 'rawLearningRate', 'initialVariance', 'ntkScaling'],
      derive: deriveParameterisation,
    },
    'stability-bound': {
      title: 'lazy stability bound',
      description: 'η·κ·λ₊ < 2 with the Marchenko–Pastur edge λ₊ = (1 + α^{−1/2})² (full batch) or κη < 2α_B/(1 + α_B) (one-pass); requests beyond it are refused.',
      from: ['lazyStability', 'mpEdge', 'plainKernel', 'residualKernel', 'onlineStability'],
      derive: deriveStabilityBound,
    },
    'initial-loss': {
      title: 'initial test loss',
      description: 'ℒ0 = 1 + V_L/(γ0²ν) + σ² (V_L = 1 plain, (1 + s²)^L residual).',
      from: ['initialLoss', 'residualVariance'],
      derive: deriveInitialLoss,
    },
    'residual-variance': {
      title: 'residual forward variance and its infinite-depth limit',
      description: '(1 + s²)^L: (1 + β0²)^L for constant branches, (1 + β0²/L)^L → e^{β0²} with β0/√L (asymptotic, L → ∞).',
      from: ['residualVariance', 'branchSqrtDepth', 'residualLimit'],
      derive: deriveResidualVariance,
    },
    'noise-floor': {
      title: 'lazy one-pass noise floor',
      description: 'c∞ = eσ²/(2α_B − e(1 + α_B)), the fixed point of the lazy one-pass recursion.',
      from: ['onlineRecursion'],
      derive: deriveNoiseFloor,
    },
    'lazy-exponent': {
      title: 'lazy power-law exponent',
      description: 'ℒ ∝ t^{−β} with β = (a* − 1)/b on power-law data (derived; at b = 2, a* = 2).',
      from: ['sourceExponent', 'lazyExponent'],
      derive: () => deriveLazyExponent(),
    },
    'rich-exponent': {
      title: 'rich power-law exponent (claim of the paper)',
      description: 'ℒ ∝ t^{−2β/(1+β)} for β < 1 — stated by the paper, not derived; the boundary β = 1 is solved.',
      from: ['sourceExponent', 'richExponent'],
      derive: () => deriveRichExponent(),
    },
  },
  solver: dmftSolver,
  simulator: networkSimulator,
  claims: [
    { id: 'curves', statement: 'The DMFT gives the whole train and test loss curves of finite-width GD at D = 256 within the finite-size error.', equations: ['initialLoss'], validator: 'deep-linear-curves' },
    { id: 'finite-size', statement: 'The gap between finite-width GD and the DMFT shrinks as D grows at fixed ν, α.', equations: ['widthRatio'], validator: 'deep-linear-finite-size' },
    { id: 'wider-is-better', statement: 'In μP the whole test-loss curve improves monotonically with width; in NTK the curves approach the lazy limit.', equations: ['initialVariance', 'ntkScaling'], validator: 'deep-linear-wider-is-better' },
    { id: 'lr-transfer', statement: 'The best learning rate after T steps is stable across widths in μP and drifts to larger η with width in NTK.', equations: ['rawLearningRate', 'ntkScaling'], validator: 'deep-linear-lr-transfer' },
    { id: 'residual-dmft', statement: 'The residual-network DMFT matches finite-width residual networks, and with β0/√L branches converges as L → ∞ (gaps ∝ 1/L).', equations: ['residualVariance', 'branchSqrtDepth', 'residualLimit'], validator: 'deep-linear-residual-dmft' },
    { id: 'depth-transfer', statement: 'With β0/√L residual branches the best learning rate is stable in depth; with constant branches it collapses.', equations: ['residualKernel', 'branchSqrtDepth'], validator: 'deep-linear-depth-transfer' },
    { id: 'repeated-data', statement: 'Full-batch GD on repeated noisy data has a late rise of the test loss, strongest near α = 1, while one-pass SGD decreases monotonically.', equations: ['onlineRecursion'], validator: 'deep-linear-repeated-data' },
    { id: 'power-law', statement: 'On power-law data the lazy loss decays as t^{−β} and the rich (μP) loss faster, near the claimed t^{−2β/(1+β)}.', equations: ['lazyExponent', 'richExponent'], validator: 'deep-linear-power-law' },
  ],
  figures: {
    'width-sweep': { title: 'Width sweep: μP and NTK loss curves, DMFT and simulation', description: 'digest R1', build: async (ctx): Promise<Figure[]> => widthFigures(await widthExperiment(deepLinear, ctx)) },
    'lr-sweep': { title: 'Learning-rate sweep across widths: μP transfer, NTK drift', description: 'digest R2', build: async (ctx): Promise<Figure[]> => learningRateFigures(await learningRateExperiment(deepLinear, ctx)) },
    'depth-sweep': { title: 'Residual depth sweep: β0/√L against constant branches', description: 'digest R4', build: async (ctx): Promise<Figure[]> => depthFigures(await depthExperiment(deepLinear, ctx)) },
    'sgd-vs-repeated': { title: 'One-pass SGD against repeated data', description: 'digest R3', build: async (ctx): Promise<Figure[]> => dataFigures(await dataExperiment(deepLinear, ctx)) },
    'power-law': { title: 'Power-law data: lazy against rich exponents', description: 'digest R5', build: async (ctx): Promise<Figure[]> => powerLawFigures(powerLawExperiment(ctx)) },
    'residual': { title: 'Residual DMFT against simulation, and the infinite-depth limit', description: 'digest §5', build: async (ctx): Promise<Figure[]> => residualFigures(await residualExperiment(deepLinear, ctx)) },
    'limits': { title: 'DMFT against its exact lazy and rich limits', description: 'digest R6', build: async (): Promise<Figure[]> => limitFigures() },
  },
  tour: deepLinearTour,
});
