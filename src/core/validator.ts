/**
 * A validator checks one claim of a theory against finite-size simulation.
 *
 * How to add one:
 * 1. Create `validators/<theory>-<claim>.ts` exporting a `Validator`.
 * 2. `run` simulates at the size asked for (`test`: seconds, `large`: the paper's sizes), computes
 *    the theory's prediction independently, and returns both with the error and the tolerance.
 * 3. Register it in `validators/index.ts`, and name its id in the theory's `claims`.
 */
import type { RunContext } from './theory.ts';

export type ValidatorSize = 'test' | 'large';

export interface ClaimOutcome {
  /** The claim id. */
  id: string;
  passed: boolean;
  /** The theory's value (a headline number, or a list when the claim is about a curve). */
  theory: number | number[];
  simulation: number | number[];
  /** The error measure compared with `tolerance` (the description says which). */
  error: number;
  tolerance: number;
  /** What `error` measures, in words. */
  measure: string;
  /** Further numbers a theorist wants to see (tables, per-seed values, fitted slopes). */
  details: Record<string, unknown>;
}

export interface Validator {
  id: string;
  theory: string;
  claim: string;
  title: string;
  run(ctx: RunContext & { size: ValidatorSize }): Promise<ClaimOutcome>;
}
