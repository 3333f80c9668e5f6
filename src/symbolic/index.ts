/**
 * The symbolic layer: the only part of Plateau that talks to nerdamer. Everything it returns is a
 * Plateau `Expr` (nerdamer text + Plateau tree); every derived result is verified numerically.
 */
export { Expr, parse, simplify, expand, factor, diff, substitute, difference, derivativeSymbol, type Operand } from './expr.ts';
export { parseEquation, equationTeX, equationUnicode, odeRate, type Equation, type OdeRate } from './equation.ts';
export { solveFor, type SolveOptions, type SolveOutcome } from './solve.ts';
export { antiderivative, checkAntiderivative, type IntegrateOptions, type IntegralOutcome, type Substitution } from './integrate.ts';
export { spotCheck, samplePoints, type Point, type Range, type SpotCheckOptions } from './check.ts';
export { declareEquations, symbolNamesOf, type DeclaredEquations } from './declared.ts';
export { formulaResult, type FormulaResultInput } from './result.ts';
export { combineLogs } from './logs.ts';
export { compileTree, type CompiledFn } from './compile.ts';
export { toTeX, toUnicode, defaultSymbolName, type SymbolNames } from './render.ts';
export type { Node } from './ast.ts';
