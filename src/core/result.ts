/**
 * Tagged results. Every derivation and every solve returns one:
 * - `exact`: a closed form from the symbolic engine, verified numerically (`checks`);
 * - `numeric`: a number computed by quadrature, integration or Monte Carlo;
 * - `unsolved`: the symbolic engine could not produce a verified result (never a wrong formula);
 * - `refused`: the request lies outside the theory's validity (the `reason` says why).
 */
export type ResultKind = 'exact' | 'numeric' | 'unsolved' | 'refused';

/** One numeric verification of a result: the largest residual over the sampled points. */
export interface Check {
  name: string;
  /** Largest (relative, unless the check says otherwise) residual over the samples. */
  residual: number;
  tolerance: number;
  passed: boolean;
  samples: number;
  /** The sample where the residual was largest. */
  worst?: Record<string, number>;
}

export interface TaggedResult<V = unknown> {
  kind: ResultKind;
  value: V;
  /** LaTeX of the formula, when there is one. */
  latex?: string;
  /** The formula in nerdamer syntax, when there is one. */
  expression?: string;
  /** How the result was obtained, e.g. `separation of variables (nerdamer integrate)`. */
  method: string;
  /** Regime of an asymptotic result, e.g. `N_l → ∞`; absent for results valid everywhere. */
  asymptotic?: string;
  checks: Check[];
  diagnostics: Record<string, unknown>;
  /** Why a result is `unsolved` or `refused`. */
  reason?: string;
}

export function allChecksPass(checks: readonly Check[]): boolean {
  return checks.every((c) => c.passed);
}

export function refused<V>(value: V, reason: string, method = 'domain check', diagnostics: Record<string, unknown> = {}): TaggedResult<V> {
  return { kind: 'refused', value, method, checks: [], diagnostics, reason };
}

export function unsolved<V>(value: V, reason: string, method: string, checks: Check[] = [], diagnostics: Record<string, unknown> = {}): TaggedResult<V> {
  return { kind: 'unsolved', value, method, checks, diagnostics, reason };
}
