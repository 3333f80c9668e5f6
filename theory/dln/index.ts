/**
 * Nishiyama & Imaizumi (2025), "Precise Dynamics of Diagonal Linear Networks: A Unifying Analysis
 * by Dynamical Mean-Field Theory" (arXiv:2510.01930), declared once in Plateau's convention
 * (digest `nishiyama-imaizumi-2025.md`): parameters, equations, symbolic derivations with numeric
 * checks, the DMFT solver, the finite-d simulator, claims with validators, figures and a tour.
 */
import { defineTheory } from '../../src/core/theory.ts';
import { dlnDerivations } from './derivations/index.ts';
import { dlnEquations, dlnSymbols } from './equations.ts';
import { dlnFigures } from './figures.ts';
import { dlnParams } from './params.ts';
import { dlnSimulator } from './simulator.ts';
import { dlnSolver } from './solver.ts';
import { dlnTour } from './tour.ts';

export const dln = defineTheory({
  id: 'dln',
  title: 'DMFT of diagonal linear networks',
  citation: {
    authors: 'S. Nishiyama, M. Imaizumi',
    title: 'Precise Dynamics of Diagonal Linear Networks: A Unifying Analysis by Dynamical Mean-Field Theory',
    year: 2025,
    arxiv: '2510.01930',
  },
  summary:
    'Gradient flow of a diagonal linear network w = (u⊙u − v⊙v)/2 from u = v = α on high-dimensional sparse regression ' +
    'reduces, as n/d → δ, to a one-coordinate process with self-consistent noise and memory (DMFT). Each coordinate follows ' +
    'w = α²e^{−2λt}sinh 2G of its integrated gradient G. The long-time limit is the interpolator of minimum hyperbolic ' +
    'entropy ψ_α, from the minimum-ℓ2 solution (large α) to basis pursuit (α → 0), or the LASSO with weight decay; small α ' +
    'generalises better but converges more slowly (rate μ_min from a Silverstein edge). Large α with weight decay is lazy, ' +
    'then turns rich at t ≈ ln(α)/λ (grokking); small α searches for a time ∝ ln(1/α) before descending.',
  version: 1,
  params: dlnParams,
  symbols: dlnSymbols,
  equations: dlnEquations,
  derivations: dlnDerivations,
  solver: dlnSolver,
  simulator: dlnSimulator,
  claims: [
    {
      id: 'dmft-matches-simulation',
      statement: 'the DMFT test- and train-error curves equal finite-d simulation of the same G-scheme over the whole curve, for small and large α and with λ > 0',
      equations: ['dmftField', 'dmftResidual', 'coordinateMap'],
      validator: 'dln-dmft-simulation',
    },
    {
      id: 'finite-size-scaling',
      statement: 'the run-to-run spread of the test error and the gap of single runs to the DMFT shrink like d^{−1/2}',
      equations: ['dmftField', 'dmftResidual'],
      validator: 'dln-finite-size',
    },
    {
      id: 'fixed-point',
      statement: 'the scalar fixed point gives the test error of the min-ψ_α interpolator across α, of basis pursuit as α → 0, and of the LASSO for λ > 0',
      equations: ['prox', 'dof', 'noise', 'basisPursuit', 'lasso'],
      validator: 'dln-fixed-point',
    },
    {
      id: 'rate',
      statement: 'the train loss decays as t^{−3/2}e^{−2μ_min t} with μ_min = max_m [−1/m + E[D/(1 + Dm)]/δ] at the fixed point',
      equations: ['silverstein', 'lossDecay'],
      validator: 'dln-rate',
    },
    {
      id: 'search-phase',
      statement: 'from small α the train loss waits through a search phase whose length is affine in ln(1/α)',
      equations: ['searchTime'],
      validator: 'dln-search-time',
    },
    {
      id: 'grokking',
      statement: 'with weight decay λ, a large start stays lazy and then drops to the LASSO error at t ≈ ln(α)/λ plus an α-independent offset',
      equations: ['grokTime', 'coordinateMap'],
      validator: 'dln-grokking',
    },
    {
      id: 'speed-generalisation',
      statement: 'smaller α gives a lower fixed-point test error and a slower rate μ_min, in theory and at finite d',
      equations: ['silverstein', 'lazyRate', 'minNorm'],
      validator: 'dln-tradeoff',
    },
  ],
  figures: dlnFigures,
  tour: dlnTour,
});
