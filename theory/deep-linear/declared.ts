/**
 * The declared equations as the engine reads them (parsed once), and the symbol names used to
 * render derived formulas.
 */
import { declareEquations } from '../../src/symbolic/index.ts';
import { deepLinearEquations, deepLinearSymbols, type DeepLinearEquationName } from './equations.ts';
import { deepLinearParams } from './params.ts';

export const {
  equation: declared,
  compile: compileDeclared,
  names: deepLinearNames,
} = declareEquations<DeepLinearEquationName>(deepLinearEquations, deepLinearParams, deepLinearSymbols);
