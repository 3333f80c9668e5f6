/**
 * The validator registry: every validator, each checking one claim of one theory.
 */
import type { Validator } from '../src/core/validator.ts';

export const validators: readonly Validator[] = [];
