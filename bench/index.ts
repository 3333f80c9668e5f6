/**
 * The benchmark registry: `npm run bench` (= `plateau bench`) runs these in order. To add one,
 * write `bench/<name>.ts` exporting a `BenchModule` (see bench.ts) and add it here — one line.
 */
import type { BenchModule } from './bench.ts';
import { deepLinearBench } from './deep-linear.ts';
import { dlnBench } from './dln-dmft.ts';
import { matmulBench } from './matmul.ts';
import { trainersBench } from './trainers.ts';
import { validatorsBench } from './validators.ts';

export const benchmarks: readonly BenchModule[] = [
  matmulBench,
  trainersBench,
  validatorsBench,
  deepLinearBench,
  dlnBench,
];
