/**
 * The theory declaration: one value per theory, from which every other form is derived.
 *
 * How to add a theory:
 * 1. Create `theory/<id>/index.ts` exporting `defineTheory({...})`.
 * 2. Declare `params` with domains (validation comes from here), and `symbols` for the other
 *    symbols that appear in equations (state variables, time), each with LaTeX and Unicode names.
 * 3. Declare `equations` as `lhs = rhs` strings in nerdamer syntax with the paper's equation
 *    numbers; `diff(u,t)` is the time derivative of `u`.
 * 4. Write `derivations`: each derives its result from the equations through `src/symbolic` and
 *    returns a tagged result whose `checks` verify it numerically (`spotCheck`).
 * 5. Write the main `solver` (numeric solution) and, if the theory has one, the finite-size
 *    `simulator`.
 * 6. Declare `claims`, each naming a validator in `validators/` that compares theory and simulation.
 * 7. Register the theory in `theory/index.ts` and its validators in `validators/index.ts`.
 */
import type { Figure } from './figure.ts';
import type { ParamSpec, ParamsOf } from './params.ts';
import type { Progress } from './progress.ts';
import type { TaggedResult } from './result.ts';

/** A symbol that is not a parameter: a state variable, time, an index. */
export interface SymbolSpec {
  latex: string;
  unicode: string;
  description: string;
}

export type EquationKind =
  | 'ode' // lhs contains diff(x,t)
  | 'closed-form' // lhs is the defined quantity
  | 'conserved'
  | 'energy'
  | 'fixed-point'
  | 'recursion'
  | 'relation';

export interface EquationSpec {
  /** The paper's equation number, e.g. `eq. 12`, or `App. A (corrected)`. */
  ref: string;
  title: string;
  /** `lhs = rhs` in nerdamer syntax. */
  equation: string;
  kind: EquationKind;
  /** For display only (DMFT operator equations): rendered, never compiled or solved. */
  displayOnly?: boolean;
  note?: string;
}

/** Options of a command beyond the parameters, e.g. `--t-end 10` or `--steps 30`. */
export interface CommandOption {
  name: string;
  description: string;
  kind: 'number' | 'integer' | 'string';
  default?: number | string;
  min?: number;
}

export type OptionValues = Readonly<Record<string, number | string | undefined>>;

/** What every long computation receives. */
export interface RunContext {
  seed: number;
  progress: Progress;
  /** Set when the user cancels (Esc in the TUI, Ctrl-C in the CLI). */
  signal?: AbortSignal;
  /** The compute backend in use (`cpu`, `webgpu`). */
  backend: string;
  /**
   * Partial results as a run advances, in the shape of the final value (`t` and the series so
   * far), e.g. a simulation after each chunk of steps. Optional on both sides: a runner may never
   * call it (callers then see only the final result), and a caller may leave it unset. The TUI's
   * live plot listens; a runner should call it at most a few times per second.
   */
  onPartial?: (partial: Record<string, unknown>) => void;
}

export interface DerivationSpec<P> {
  title: string;
  description: string;
  /** Names of the equations the derivation starts from. */
  from: readonly string[];
  derive(params: P): TaggedResult;
}

/** A numeric solution (solve) or a finite-size simulation (simulate). */
export interface RunnerSpec<P> {
  title: string;
  description: string;
  options?: readonly CommandOption[];
  run(params: P, options: OptionValues, ctx: RunContext): Promise<TaggedResult<Record<string, unknown>>>;
}

export interface ClaimSpec {
  id: string;
  statement: string;
  /** Equations the claim rests on. */
  equations: readonly string[];
  /** Id of the validator (in `validators/`) that checks it against simulation. */
  validator: string;
}

export interface FigureSpec {
  title: string;
  description: string;
  build(ctx: RunContext & { size: 'test' | 'large' }): Promise<Figure[]>;
}

export interface Citation {
  authors: string;
  title: string;
  year: number;
  arxiv: string;
  venue?: string;
}

export interface TheorySpec<PS extends Record<string, ParamSpec>> {
  id: string;
  title: string;
  citation: Citation;
  summary: string;
  /** Bump when a change alters numeric results, so cached runs are not reused. */
  version: number;
  params: PS;
  /** Constraints between parameters (e.g. uf between u0 and s); throw BAD_PARAM naming the parameter. */
  validate?(params: ParamsOf<PS>): void;
  symbols: Readonly<Record<string, SymbolSpec>>;
  equations: Readonly<Record<string, EquationSpec>>;
  derivations: Readonly<Record<string, DerivationSpec<ParamsOf<PS>>>>;
  solver: RunnerSpec<ParamsOf<PS>>;
  simulator?: RunnerSpec<ParamsOf<PS>>;
  claims: readonly ClaimSpec[];
  figures?: Readonly<Record<string, FigureSpec>>;
  /** The theory's part of `plateau tour`: a short demo that returns lines to print. */
  tour?(ctx: RunContext): Promise<string[]>;
}

export type Theory<PS extends Record<string, ParamSpec> = Record<string, ParamSpec>> = Readonly<TheorySpec<PS>>;

/**
 * Declare a theory. Checks the declaration itself (unique claim ids, equations that exist) so a
 * broken declaration fails at load time, not in the middle of a run.
 */
export function defineTheory<const PS extends Record<string, ParamSpec>>(spec: TheorySpec<PS>): Theory<PS> {
  const claimIds = new Set<string>();
  for (const claim of spec.claims) {
    if (claimIds.has(claim.id)) throw new Error(`theory ${spec.id}: duplicate claim id ${claim.id}`);
    claimIds.add(claim.id);
    for (const eq of claim.equations) {
      if (!(eq in spec.equations)) throw new Error(`theory ${spec.id}: claim ${claim.id} cites unknown equation ${eq}`);
    }
  }
  for (const [name, d] of Object.entries(spec.derivations)) {
    for (const eq of d.from) {
      if (!(eq in spec.equations)) throw new Error(`theory ${spec.id}: derivation ${name} cites unknown equation ${eq}`);
    }
  }
  for (const [name, eq] of Object.entries(spec.equations)) {
    if (!eq.equation.includes('=')) throw new Error(`theory ${spec.id}: equation ${name} is not of the form lhs = rhs`);
  }
  return Object.freeze(spec);
}

/** Any registered theory, whatever its parameters. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTheory = Theory<any>;
