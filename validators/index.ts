/**
 * The validator registry: every validator, each checking one claim of one theory.
 */
import type { Validator } from '../src/core/validator.ts';
import { saxeDepthByInit } from './saxe-depth-by-init.ts';
import { saxeEulerError } from './saxe-euler-error.ts';
import { saxeHierarchyDelays } from './saxe-hierarchy-delays.ts';
import { saxeOptimalRate } from './saxe-optimal-rate.ts';
import { saxeRandomProducts } from './saxe-random-products.ts';

export const validators: readonly Validator[] = [saxeEulerError, saxeHierarchyDelays, saxeDepthByInit, saxeOptimalRate, saxeRandomProducts];
