/**
 * The theory registry: the one place that lists theories. `src/` finds theories through here and
 * never imports a theory module by path.
 */
import type { AnyTheory } from '../src/core/theory.ts';
import { deepLinear } from './deep-linear/index.ts';
import { dln } from './dln/index.ts';
import { saxe } from './saxe/index.ts';

export const theories: readonly AnyTheory[] = [saxe, dln, deepLinear];
