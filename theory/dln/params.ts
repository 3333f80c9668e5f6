/**
 * Parameters of the diagonal-linear-network theory (digest §2) and the validity check shared by
 * every command: δ ≥ 1 with λ = 0 leaves the interpolating regime the implicit-bias theory covers.
 */
import type { ParamsOf } from '../../src/core/params.ts';
import { refused, type TaggedResult } from '../../src/core/result.ts';
import type { DlnModel } from './model.ts';

export const dlnParams = {
  alpha: {
    latex: '\\alpha',
    unicode: 'α',
    description: 'initialisation scale: u(0) = v(0) = α, so w(0) = 0 (large α: lazy, small α: rich)',
    domain: { kind: 'real', min: 0, minExclusive: true },
    default: 0.3,
    role: 'model',
  },
  delta: {
    latex: '\\delta',
    unicode: 'δ',
    description: 'samples per dimension, n/d',
    domain: { kind: 'real', min: 0, minExclusive: true },
    default: 0.5,
    role: 'model',
  },
  rho: {
    latex: '\\rho',
    unicode: 'ρ',
    description: 'teacher density: w* has a fraction ρ of entries ±1, the rest 0 (E[W*²] = ρ)',
    domain: { kind: 'real', min: 0, max: 1 },
    default: 0.1,
    role: 'model',
  },
  sigma: {
    latex: '\\sigma',
    unicode: 'σ',
    description: 'label noise standard deviation',
    domain: { kind: 'real', min: 0 },
    default: 0.1,
    role: 'model',
  },
  lambda: {
    latex: '\\lambda',
    unicode: 'λ',
    description: 'weight decay: L adds (λ/2d)(‖u‖² + ‖v‖²); λ > 0 makes the end point the LASSO',
    domain: { kind: 'real', min: 0 },
    default: 0,
    role: 'model',
  },
  d: {
    latex: 'd',
    unicode: 'd',
    description: 'dimension of the finite-size simulation (n = round(δd) samples)',
    domain: { kind: 'integer', min: 10, max: 100000 },
    default: 1000,
    role: 'simulation',
  },
  seeds: {
    latex: 'S',
    unicode: 'S',
    description: 'independent data sets (X, w*, noise) simulated; results are means ± standard errors',
    domain: { kind: 'integer', min: 1, max: 10000 },
    default: 8,
    role: 'simulation',
  },
} as const;

export type DlnParams = ParamsOf<typeof dlnParams>;

export function modelOf(p: Pick<DlnParams, 'alpha' | 'delta' | 'rho' | 'sigma' | 'lambda'>): DlnModel {
  return { alpha: p.alpha, delta: p.delta, rho: p.rho, sigma: p.sigma, lambda: p.lambda };
}

/** Why a request is outside the theory, or undefined when it is inside. */
function outsideTheory(p: Pick<DlnParams, 'delta' | 'lambda'>): string | undefined {
  if (p.lambda === 0 && p.delta >= 1) {
    return `δ = ${p.delta} ≥ 1 with λ = 0: with n ≥ d samples the data are not interpolated by a family of solutions, so the implicit-bias theory (interpolator fixed point, rate, timescales; digest §6.1, §7) does not apply; use δ < 1, or λ > 0 for the LASSO`;
  }
  return undefined;
}

/** A `refused` result when the parameters are outside the theory, else undefined. */
export function refuseOutside<V>(p: Pick<DlnParams, 'delta' | 'lambda'>, value: V): TaggedResult<V> | undefined {
  const why = outsideTheory(p);
  return why === undefined ? undefined : refused(value, why);
}
