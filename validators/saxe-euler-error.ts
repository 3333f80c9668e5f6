/**
 * Claim: 3-layer GD from a decoupled balanced start follows eq. 12 (t = kλ) up to an Euler error
 * O(λs) that halves when λ halves (digest §5 check 3). Passes when the halving ratio is 2 ± 0.2 and
 * the coarse error is at most λ·s_max.
 */
import type { Validator } from '../src/core/validator.ts';
import { EULER_SETUPS, eulerExperiment } from '../theory/saxe/experiments/euler.ts';

export const saxeEulerError: Validator = {
  id: 'saxe-euler-error',
  theory: 'saxe',
  claim: 'euler-error',
  title: 'GD vs eq. 12: O(λs) error, halving with λ',
  async run(ctx) {
    const setup = EULER_SETUPS[ctx.size];
    ctx.progress.info(`Euler error: ${setup.n}×${setup.n}×${setup.n} net, ${setup.singularValues.length} modes, λs_max = ${setup.lrTimesSMax} and half`);
    const { coarse, fine, ratio } = eulerExperiment(setup);
    const sMax = Math.max(...setup.singularValues);
    const ratioError = Math.abs(ratio - 2);
    const scaled = coarse.error / (coarse.lr * sMax);
    return {
      id: 'euler-error',
      passed: ratioError <= 0.2 && scaled <= 1,
      theory: 2,
      simulation: ratio,
      error: ratioError,
      tolerance: 0.2,
      measure: '|e(λ)/e(λ/2) − 2|, e = max_k,α |u_GD(k) − u_eq12(kλ)|/s_α; also needs e(λ) ≤ λ·s_max',
      details: {
        lr: [coarse.lr, fine.lr],
        steps: [coarse.steps, fine.steps],
        errors: [coarse.error, fine.error],
        errorOverLrSMax: scaled,
        singularValues: setup.singularValues,
        u0: setup.u0,
      },
    };
  },
};
