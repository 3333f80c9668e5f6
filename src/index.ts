/**
 * Plateau's public API for library use (scripts, notebooks through a JS kernel, new theories).
 * Everything else under src/ is internal and may change.
 *
 * @example
 * import { executeRunner, findTheory, resolveParams, silentProgress } from './src/index.ts';
 * const saxe = findTheory('saxe');
 * const params = resolveParams(saxe.params, { s: 2, u0: 1e-3, tau: 1 }, 'saxe'); // defaults filled, ranges checked
 * const { result } = await executeRunner(saxe, 'solve', params, { 't-end': 10 },
 *   { seed: 1, progress: silentProgress, backend: 'cpu' });
 */
export { defineTheory, type Theory, type AnyTheory, type TheorySpec, type RunContext, type RunnerSpec, type DerivationSpec, type ClaimSpec, type EquationSpec, type FigureSpec, type CommandOption, type OptionValues } from './core/theory.ts';
export { resolveParams, describeDomain, type ParamSpec, type ParamsOf, type Domain } from './core/params.ts';
export { refused, unsolved, type TaggedResult, type Check, type ResultKind } from './core/result.ts';
export { PlateauError, isPlateauError, type ErrorCode } from './core/errors.ts';
export { Rng } from './core/rng.ts';
export { silentProgress, streamProgress, type Progress } from './core/progress.ts';
export type { Figure, FigureSeries } from './core/figure.ts';
export type { Validator, ClaimOutcome } from './core/validator.ts';
export * as symbolic from './symbolic/index.ts';
export { integrateOde, type OdeSolution } from './numeric/ode.ts';
export { brent, maximizeScalar } from './numeric/roots.ts';
export { meanAndStandardError, geomspace } from './numeric/statistics.ts';
export { selectBackend, kernels } from './compute/registry.ts';
export type { Kernels } from './compute/kernels.ts';
export { executeRunner } from './runs/execute.ts';
export { RunStore } from './runs/store.ts';
export { figureToSvg, figureToCsv } from './plot/svg.ts';
export { allTheories, findTheory, validatorsFor } from './cli/registry.ts';
