/**
 * The declared equations as the engine reads them: parsed once, then handed to derivations, the
 * solver and the validators (which compile the declared closed forms; nobody retypes them), and
 * the names of every parameter and symbol for rendering derived formulas.
 */
import { declareEquations } from '../../src/symbolic/index.ts';
import { saxeEquations, saxeSymbols, type SaxeEquationName } from './equations.ts';
import { saxeParams } from './params.ts';

export const {
  equation: declared,
  rhs: declaredRhs,
  compile: compileDeclared,
  names: saxeNames,
} = declareEquations<SaxeEquationName>(saxeEquations, saxeParams, saxeSymbols);
