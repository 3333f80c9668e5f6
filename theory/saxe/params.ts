/**
 * Parameters of the Saxe, McClelland & Ganguli (2013) theory and the checks between them.
 *
 * Conventions (digest `saxe-2013.md` §2, errata E1): τ = 1/λ with t counting full-batch
 * iterations (t/τ = kλ after k GD steps); `depth` is N_l, the number of layers of *neurons*, so a
 * net has D = N_l − 1 weight matrices and the 3-layer net of eqs. 8–12 has depth 3.
 */
import { PlateauError } from '../../src/core/errors.ts';
import type { ParamsOf } from '../../src/core/params.ts';

export const saxeParams = {
  s: {
    latex: 's',
    unicode: 's',
    description: 'singular value of the input–output correlation Σ³¹ for this mode (eq. 3)',
    domain: { kind: 'real', min: 0, minExclusive: true },
    default: 2,
    role: 'model',
  },
  u0: {
    latex: 'u_0',
    unicode: 'u₀',
    description: 'initial mode strength u = uᵀ W_tot v (balanced: a₀ = b₀ = √u₀)',
    domain: { kind: 'real', min: 0, minExclusive: true },
    default: 0.001,
    role: 'model',
  },
  uf: {
    latex: 'u_f',
    unicode: 'u_f',
    description: 'mode strength at which the mode counts as learned; default 95 % of the way from u₀ to s',
    domain: { kind: 'real', min: 0, minExclusive: true },
    optional: true,
    role: 'model',
  },
  tau: {
    latex: '\\tau',
    unicode: 'τ',
    description: 'time constant τ = 1/λ (t counts iterations when τ = 1/λ)',
    domain: { kind: 'real', min: 0, minExclusive: true },
    default: 1,
    role: 'model',
  },
  depth: {
    latex: 'N_l',
    unicode: 'Nₗ',
    description: 'number of neuron layers N_l (D = N_l − 1 weight matrices; 3 = one hidden layer)',
    domain: { kind: 'integer', min: 2, max: 1000 },
    default: 3,
    role: 'model',
    symbol: 'N_l',
  },
  c0: {
    latex: 'c_0',
    unicode: 'c₀',
    description: 'conserved imbalance c₀ = a² − b² of a 3-layer mode (0 = balanced, App. A)',
    domain: { kind: 'real' },
    default: 0,
    role: 'model',
  },
  lr: {
    latex: '\\alpha',
    unicode: 'α',
    description: 'GD learning rate (App. B α = eq. 1 λ); checked against the stability bound 2/λ̂₁',
    domain: { kind: 'real', min: 0, minExclusive: true },
    optional: true,
    role: 'model',
  },
  modes: {
    latex: 'M',
    unicode: 'M',
    description: 'simulation: number of teacher modes, singular values s, s/2, s/4, …',
    domain: { kind: 'integer', min: 1, max: 16 },
    default: 3,
    role: 'simulation',
  },
  width: {
    latex: 'N_h',
    unicode: 'Nₕ',
    description: 'simulation: width of every hidden layer',
    domain: { kind: 'integer', min: 1, max: 256 },
    default: 8,
    role: 'simulation',
  },
  init: {
    latex: '\\mathrm{init}',
    unicode: 'init',
    description: 'simulation: decoupled balanced start (u₀ per mode) or small i.i.d. Gaussian weights',
    domain: { kind: 'choice', options: ['decoupled', 'random'] },
    default: 'decoupled',
    role: 'simulation',
  },
  seeds: {
    latex: 'n_{\\mathrm{seeds}}',
    unicode: 'seeds',
    description: 'simulation: number of independent networks (mean ± s.e. over them)',
    domain: { kind: 'integer', min: 1, max: 1000 },
    default: 4,
    role: 'simulation',
  },
} as const;

export type SaxeParams = ParamsOf<typeof saxeParams>;

/** The model parameters every derivation and the solver read (simulation ones optional). */
export interface ModeParams {
  s: number;
  u0: number;
  uf?: number;
  tau: number;
  depth: number;
  c0: number;
  lr?: number;
}

/** D = N_l − 1, the number of weight matrices. */
export function weightLayers(depth: number): number {
  return depth - 1;
}

/** uf, or by default the point 95 % of the way from u0 to s (never computed as s − tiny by the caller). */
export function targetStrength(p: Pick<ModeParams, 's' | 'u0' | 'uf'>): number {
  return p.uf ?? p.s - 0.05 * (p.s - p.u0);
}

/**
 * Cross-parameter checks: u0 must differ from the fixed point s, and uf must lie strictly inside
 * the interval u moves through, between u0 and s (every mode moves monotonically towards s:
 * eq. 10, eq. 15 and the unbalanced law all have the sign of s − u).
 */
export function validateSaxeParams(p: ModeParams): void {
  if (p.u0 === p.s) {
    throw new PlateauError('BAD_PARAM', `parameter u0=${p.u0} equals s: the mode starts at its fixed point and nothing is learned; choose u0 ∈ (0, ∞) with u0 ≠ s`, {
      param: 'u0',
      value: p.u0,
      range: `(0, ∞) \\ {${p.s}}`,
    });
  }
  if (p.uf !== undefined) {
    const lo = Math.min(p.u0, p.s);
    const hi = Math.max(p.u0, p.s);
    if (!(p.uf > lo && p.uf < hi)) {
      const range = `(${lo}, ${hi})`;
      throw new PlateauError(
        'BAD_PARAM',
        `parameter uf=${p.uf} is outside the reachable interval uf ∈ ${range} between u0=${p.u0} and s=${p.s}: u moves monotonically from u0 towards s and never passes s`,
        { param: 'uf', value: p.uf, range },
      );
    }
  }
}
