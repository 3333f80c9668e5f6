/**
 * The one error family of Plateau. Every error carries a code that tools can switch on, a message
 * a person can act on, and the offending value where there is one.
 */
export type ErrorCode =
  | 'BAD_PARAM' // a parameter is outside its domain, or not a number
  | 'UNKNOWN_PARAM' // a parameter name the theory does not declare
  | 'UNKNOWN_THEORY'
  | 'UNKNOWN_NAME' // a derivation, solver, claim or figure name that does not exist
  | 'BAD_INPUT' // malformed command-line input other than a parameter
  | 'REFUSED' // the request is outside the theory's validity
  | 'DIVERGED' // a numerical run blew up: `details` names the step/time and the value
  | 'STIFF' // an integrator's step size collapsed
  | 'NOT_CONVERGED' // an iterative solver stopped before its tolerance: `details.residual`
  | 'NO_GPU' // a GPU backend was asked for and none is available
  | 'SYMBOLIC' // the symbolic engine failed in a way that is not "unsolved"
  | 'IO';

/** Exit status the CLI uses for each code: 2 for bad input, 1 otherwise. */
export const INPUT_ERRORS: ReadonlySet<ErrorCode> = new Set([
  'BAD_PARAM',
  'UNKNOWN_PARAM',
  'UNKNOWN_THEORY',
  'UNKNOWN_NAME',
  'BAD_INPUT',
  'NO_GPU',
]);

export class PlateauError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'PlateauError';
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isPlateauError(e: unknown): e is PlateauError {
  return e instanceof PlateauError;
}

/**
 * Throw DIVERGED unless `value` is finite. Used by every marching loop so that a blow-up names its
 * step and value instead of leaking NaN into results.
 */
export function assertFinite(value: number, what: string, where: Record<string, number>): void {
  if (!Number.isFinite(value)) {
    const at = Object.entries(where)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    throw new PlateauError('DIVERGED', `${what} became ${value} at ${at}`, { ...where, what, value: String(value) });
  }
}
