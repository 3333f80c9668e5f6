/**
 * The validator registry: every validator, each checking one claim of one theory.
 */
import type { Validator } from '../src/core/validator.ts';
import { deepLinearCurves } from './deep-linear-curves.ts';
import { deepLinearDepthTransfer } from './deep-linear-depth-transfer.ts';
import { deepLinearFiniteSize } from './deep-linear-finite-size.ts';
import { deepLinearLrTransfer } from './deep-linear-lr-transfer.ts';
import { deepLinearPowerLaw } from './deep-linear-power-law.ts';
import { deepLinearRepeatedData } from './deep-linear-repeated-data.ts';
import { deepLinearResidualDmft } from './deep-linear-residual-dmft.ts';
import { deepLinearWiderIsBetter } from './deep-linear-wider-is-better.ts';
import { dlnDmftSimulation } from './dln-dmft-simulation.ts';
import { dlnFiniteSize } from './dln-finite-size.ts';
import { dlnFixedPoint } from './dln-fixed-point.ts';
import { dlnGrokking } from './dln-grokking.ts';
import { dlnRate } from './dln-rate.ts';
import { dlnSearchTime } from './dln-search-time.ts';
import { dlnTradeoff } from './dln-tradeoff.ts';
import { saxeDepthByInit } from './saxe-depth-by-init.ts';
import { saxeEulerError } from './saxe-euler-error.ts';
import { saxeHierarchyDelays } from './saxe-hierarchy-delays.ts';
import { saxeOptimalRate } from './saxe-optimal-rate.ts';
import { saxeRandomProducts } from './saxe-random-products.ts';

export const validators: readonly Validator[] = [
  saxeEulerError, saxeHierarchyDelays, saxeDepthByInit, saxeOptimalRate, saxeRandomProducts,
  deepLinearCurves,
  deepLinearFiniteSize,
  deepLinearWiderIsBetter,
  deepLinearLrTransfer,
  deepLinearResidualDmft,
  deepLinearDepthTransfer,
  deepLinearRepeatedData,
  deepLinearPowerLaw,
  dlnDmftSimulation, dlnFiniteSize, dlnFixedPoint, dlnRate, dlnSearchTime, dlnGrokking, dlnTradeoff,
];
