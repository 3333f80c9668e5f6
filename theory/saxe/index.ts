/**
 * Saxe, McClelland & Ganguli (2013), "Exact solutions to the nonlinear dynamics of learning in deep
 * linear neural networks" (arXiv:1312.6120, ICLR 2014), declared once: parameters, equations with
 * the paper's numbers (misprints corrected, digest `saxe-2013.md` §4), derivations by the symbolic
 * engine, the mode solver, a matrix-GD simulator, claims with their validators, figures and a tour.
 */
import { defineTheory } from '../../src/core/theory.ts';
import { saxeDerivations } from './derivations/index.ts';
import { saxeEquations, saxeSymbols } from './equations.ts';
import { saxeFigures } from './figures.ts';
import { saxeParams, validateSaxeParams } from './params.ts';
import { saxeSimulator } from './simulator.ts';
import { saxeSolver } from './solver.ts';
import { saxeTour } from './tour.ts';

export const saxe = defineTheory({
  id: 'saxe',
  title: 'Exact learning dynamics of deep linear networks',
  citation: {
    authors: 'A. M. Saxe, J. L. McClelland, S. Ganguli',
    title: 'Exact solutions to the nonlinear dynamics of learning in deep linear neural networks',
    year: 2013,
    arxiv: '1312.6120',
    venue: 'ICLR 2014',
  },
  summary:
    'Gradient descent on a deep linear network is a coupled nonlinear system, but in the singular-vector basis of the ' +
    'input–output correlation each mode learns on its own along an exact sigmoid whose time scale is inversely proportional ' +
    'to its singular value: plateaus, then stage-like drops. The same reduction gives one ODE per mode at any depth; with a ' +
    'learning rate ∝ 1/depth the number of iterations stays bounded as depth grows, for starts of O(1) strength such as ' +
    'random orthogonal layers, unlike scaled Gaussian layers whose products have badly spread singular values.',
  version: 1,
  params: saxeParams,
  validate: validateSaxeParams,
  symbols: saxeSymbols,
  equations: saxeEquations,
  derivations: saxeDerivations,
  solver: saxeSolver,
  simulator: saxeSimulator,
  claims: [
    {
      id: 'euler-error',
      statement: '3-layer GD from a decoupled balanced start follows eq. 12 up to an O(λs) timing error that halves when λ halves',
      equations: ['balanced', 'trajectory'],
      validator: 'saxe-euler-error',
    },
    {
      id: 'hierarchy-delays',
      statement: 'on the hierarchical task of Fig. 3, small random starts follow eq. 12 with u0,eff = ¼‖a0 + b0‖², and half-learning is delayed, more for weak modes',
      equations: ['balanced', 'learningTime', 'trajectory'],
      validator: 'saxe-hierarchy-delays',
    },
    {
      id: 'depth-by-init',
      statement: 'with the rate tuned per depth, learning time stays nearly flat in depth for orthogonal and decoupled starts and grows for scaled Gaussian ones (Fig. 6A)',
      equations: ['deep', 'optimumEigenvalue'],
      validator: 'saxe-depth-by-init',
    },
    {
      id: 'optimal-rate',
      statement: 'the optimal learning rate of a decoupled deep net scales as 1/N_l (App. B, Fig. 4), with bounded iteration counts',
      equations: ['deep', 'optimumEigenvalue', 'stabilityBound', 'iterationsInfinite'],
      validator: 'saxe-optimal-rate',
    },
    {
      id: 'random-products',
      statement: 'eigenvalue moduli of products of k Ginibre matrices follow P(|λ| < r) = r^{2/k} (Fig. 6B/C)',
      equations: ['circularLaw', 'productLaw'],
      validator: 'saxe-random-products',
    },
  ],
  figures: saxeFigures,
  tour: saxeTour,
});
