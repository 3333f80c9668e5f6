/**
 * Parameters of the deep-linear DMFT (Bordelon & Pehlevan 2025; digest
 * `bordelon-pehlevan-2025.md` §2) and the model they define.
 *
 * Conventions (digest §2, used exactly): x ~ N(0, I_D), P = αD, N = νD, teacher |β*|² = D with
 * label noise σ, L hidden layers, readout f = (√D/(γ0N)) w·h^L, loss (1/2P)Σ(f − y)², GD
 * θ ← θ − ηγ0²N ∂L/∂θ; test loss |β − β*|²/D + σ², train loss mean (f − y)²; step t = 0 is the
 * initial network. With `param = ntk`, `gamma0` is γ̄ and the network uses γ0 = γ̄/√ν.
 */
import type { ParamsOf } from '../../src/core/params.ts';

export const deepLinearParams = {
  alpha: {
    latex: '\\alpha',
    unicode: 'α',
    description: 'samples per input dimension α = P/D (full batch)',
    domain: { kind: 'real', min: 0, minExclusive: true },
    default: 3,
    role: 'model',
  },
  nu: {
    latex: '\\nu',
    unicode: 'ν',
    description: 'width per input dimension ν = N/D',
    domain: { kind: 'real', min: 0, minExclusive: true },
    default: 1,
    role: 'model',
  },
  L: {
    latex: 'L',
    unicode: 'L',
    description: 'number of hidden layers (residual: number of residual blocks)',
    domain: { kind: 'integer', min: 1, max: 256 },
    default: 3,
    role: 'model',
  },
  gamma0: {
    latex: '\\gamma_0',
    unicode: 'γ₀',
    description: 'richness γ0 of the readout f = (√D/(γ0N)) w·h (μP); with param=ntk this is γ̄ and γ0 = γ̄/√ν',
    domain: { kind: 'real', min: 0, minExclusive: true },
    default: 1,
    role: 'model',
  },
  eta: {
    latex: '\\eta',
    unicode: 'η',
    description: 'learning rate in the mean-field convention θ ← θ − ηγ0²N ∂L/∂θ',
    domain: { kind: 'real', min: 0, minExclusive: true },
    default: 0.05,
    role: 'model',
  },
  sigma: {
    latex: '\\sigma',
    unicode: 'σ',
    description: 'label-noise standard deviation',
    domain: { kind: 'real', min: 0 },
    default: 0.2,
    role: 'model',
  },
  param: {
    latex: '\\mathrm{param}',
    unicode: 'param',
    description: 'parameterisation: mup (γ0 fixed as ν grows) | ntk (γ0 = γ̄/√ν, lazy as ν → ∞)',
    domain: { kind: 'choice', options: ['mup', 'ntk'] },
    default: 'mup',
    role: 'model',
  },
  batch: {
    latex: '\\alpha_B',
    unicode: 'α_B',
    description: 'one-pass SGD with a fresh batch of α_B·D samples per step; absent = full batch on P = αD repeated samples',
    domain: { kind: 'real', min: 0, minExclusive: true },
    optional: true,
    role: 'model',
  },
  residual: {
    latex: '\\mathrm{residual}',
    unicode: 'residual',
    description: 'residual network h^{ℓ+1} = h^ℓ + s·W^ℓh^ℓ/√N with L square blocks',
    domain: { kind: 'boolean' },
    default: false,
    role: 'model',
  },
  beta0: {
    latex: '\\beta_0',
    unicode: 'β₀',
    description: 'residual branch scale: s = β0/√L (branch=sqrt-depth) or s = β0 (branch=constant)',
    domain: { kind: 'real', min: 0, minExclusive: true },
    default: 1,
    role: 'model',
  },
  branch: {
    latex: '\\mathrm{branch}',
    unicode: 'branch',
    description: 'residual branch scaling: sqrt-depth (s = β0/√L, depth-μP) | constant (s = β0)',
    domain: { kind: 'choice', options: ['sqrt-depth', 'constant'] },
    default: 'sqrt-depth',
    role: 'model',
  },
  D: {
    latex: 'D',
    unicode: 'D',
    description: 'input dimension of the simulated networks (N = round(νD), P = round(αD))',
    domain: { kind: 'integer', min: 4, max: 4096 },
    default: 256,
    role: 'simulation',
  },
  seeds: {
    latex: 'n_{\\mathrm{seeds}}',
    unicode: 'seeds',
    description: 'number of independent networks, data sets and teachers averaged',
    domain: { kind: 'integer', min: 1, max: 10000 },
    default: 4,
    role: 'simulation',
  },
} as const;

export type DeepLinearParams = ParamsOf<typeof deepLinearParams>;

/** The model a parameter set defines, with the parameterisation resolved. */
export interface DeepLinearModel {
  alpha: number;
  nu: number;
  L: number;
  /** The γ0 the network uses (γ̄/√ν under NTK). */
  gamma0: number;
  eta: number;
  sigma: number;
  /** α_B for one-pass SGD; undefined = full batch. */
  batch: number | undefined;
  /** Residual branch scale s; undefined = no residual connections. */
  branchScale: number | undefined;
}

/** γ0 of the network: γ0 itself under μP, γ̄/√ν under NTK (digest §2.5). */
export function effectiveGamma0(p: Pick<DeepLinearParams, 'gamma0' | 'nu' | 'param'>): number {
  return p.param === 'ntk' ? p.gamma0 / Math.sqrt(p.nu) : p.gamma0;
}

/** s = β0/√L (depth-μP) or β0 (constant branches), digest §2.7. */
export function branchScale(p: Pick<DeepLinearParams, 'beta0' | 'L' | 'branch'>): number {
  return p.branch === 'constant' ? p.beta0 : p.beta0 / Math.sqrt(p.L);
}

export function modelOf(p: DeepLinearParams): DeepLinearModel {
  return {
    alpha: p.alpha,
    nu: p.nu,
    L: p.L,
    gamma0: effectiveGamma0(p),
    eta: p.eta,
    sigma: p.sigma,
    batch: p.batch,
    branchScale: p.residual ? branchScale(p) : undefined,
  };
}

/** The demo defaults of the digest ("Main"), as a full parameter record. */
export const defaultParams: DeepLinearParams = {
  alpha: 3,
  nu: 1,
  L: 3,
  gamma0: 1,
  eta: 0.05,
  sigma: 0.2,
  param: 'mup',
  batch: undefined,
  residual: false,
  beta0: 1,
  branch: 'sqrt-depth',
  D: 256,
  seeds: 4,
};

/** Defaults overridden by `over`. */
export function withParams(over: Partial<DeepLinearParams>): DeepLinearParams {
  return { ...defaultParams, ...over };
}
