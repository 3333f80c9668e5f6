/**
 * Small helpers shared by tests.
 */
import { PlateauError } from '../src/core/errors.ts';

/** Run `run`, expect it to throw a PlateauError, and return that error. */
export function catchError(run: () => unknown): PlateauError {
  try {
    run();
  } catch (e) {
    if (e instanceof PlateauError) return e;
    throw e;
  }
  throw new Error('expected a PlateauError');
}

/** Largest absolute entry-wise difference of two arrays of equal length. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
