/**
 * Access to the theory and validator registries for the CLI, TUI and docs: look-ups by id with
 * errors that list what exists.
 */
import { theories } from '../../theory/index.ts';
import { validators } from '../../validators/index.ts';
import { PlateauError } from '../core/errors.ts';
import type { AnyTheory } from '../core/theory.ts';
import type { Validator } from '../core/validator.ts';

export function allTheories(): readonly AnyTheory[] {
  return theories;
}

export function findTheory(id: string): AnyTheory {
  const theory = theories.find((t) => t.id === id);
  if (!theory) {
    throw new PlateauError('UNKNOWN_THEORY', `unknown theory '${id}'; registered theories: ${theories.map((t) => t.id).join(', ') || '(none)'}`, { theory: id });
  }
  return theory;
}

/** The validators of a theory's claims, in claim order; a claim without a validator is an error. */
export function validatorsFor(theory: AnyTheory): Validator[] {
  return theory.claims.map((claim) => {
    const v = validators.find((x) => x.id === claim.validator);
    if (!v) throw new PlateauError('UNKNOWN_NAME', `claim ${claim.id} of ${theory.id} names validator ${claim.validator}, which is not registered`);
    return v;
  });
}
