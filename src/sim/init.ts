/**
 * Initialisations of a deep linear net (digest §3.11), each seeded and recorded. Randomness for
 * layer l comes from `Rng.derive(seed, kind, l)`, so a seed gives bit-identical weights whatever
 * else was drawn before.
 *
 * | kind            | W^l                                                   | W_tot at t = 0                        |
 * |-----------------|-------------------------------------------------------|---------------------------------------|
 * | aligned         | R_{l+1} diag(a_l) R_lᵀ, R_1 = V, R_{N_l} = U          | U diag(∏_l a_l) Vᵀ: decoupled modes   |
 * | gaussian        | i.i.d. N(0, σ²)                                       | modes ~ (σ√N)^D/√N, random sign       |
 * | scaled-gaussian | i.i.d. N(0, g²/fan-in)                                | E‖W_tot v‖² = g^{2D}(N_{N_l}/N_1)‖v‖² |
 * | orthogonal      | g × leading N_{l+1}×N_l block of a Haar N×N matrix    | all singular values g^D (square)      |
 */
import { PlateauError } from '../core/errors.ts';
import { Rng } from '../core/rng.ts';
import { kernels } from '../compute/registry.ts';
import { haarOrthogonal } from '../numeric/linalg.ts';
import { checkWidths, type DeepLinearNet } from './deep-linear-net.ts';
import type { TaskSvd } from './tasks.ts';

export type InitKind = 'aligned' | 'gaussian' | 'scaled-gaussian' | 'orthogonal';

export interface Initialisation {
  net: DeepLinearNet;
  kind: InitKind;
  /** The parameters that, with `kind` and `seed`, reproduce the weights. */
  params: Record<string, number | number[] | number[][]>;
  seed: number;
}

function requireFinite(name: string, value: number, positive: boolean): void {
  if (!Number.isFinite(value) || (positive && !(value > 0))) {
    throw new PlateauError('BAD_PARAM', `${name} must be a ${positive ? 'positive ' : ''}finite number, got ${value}`, { name, value });
  }
}

/** i.i.d. N(0, σ_l²) with σ_l from `stdOf(fanIn)`. */
function gaussianLayers(widths: readonly number[], seed: number, kind: InitKind, stdOf: (fanIn: number) => number): DeepLinearNet {
  checkWidths(widths);
  const weights = widths.slice(1).map((rows, i) => Rng.derive(seed, kind, i + 1).fillNormal(new Float64Array(rows * widths[i]!), stdOf(widths[i]!)));
  return { widths: [...widths], weights };
}

/** Small i.i.d. Gaussian weights N(0, σ²) (digest §3.5, Fig. 5: σ = 0.01). */
export function gaussianInit(widths: readonly number[], options: { std: number; seed: number }): Initialisation {
  requireFinite('std', options.std, true);
  return { net: gaussianLayers(widths, options.seed, 'gaussian', () => options.std), kind: 'gaussian', params: { std: options.std }, seed: options.seed };
}

/**
 * Gaussian weights of std gain/√fan-in (Fig. 6A, eq. 19): E‖W^l h‖² = gain²(N_{l+1}/N_l)‖h‖², so
 * E‖W_tot v‖² = gain^{2D}(N_{N_l}/N_1)‖v‖², norm-preserving for gain 1 and equal outer widths.
 */
export function scaledGaussianInit(widths: readonly number[], options: { seed: number; gain?: number }): Initialisation {
  const gain = options.gain ?? 1;
  requireFinite('gain', gain, true);
  return {
    net: gaussianLayers(widths, options.seed, 'scaled-gaussian', (fanIn) => gain / Math.sqrt(fanIn)),
    kind: 'scaled-gaussian',
    params: { gain },
    seed: options.seed,
  };
}

/**
 * Random orthogonal layers: W^l = gain × the leading N_{l+1} rows and N_l columns of a Haar
 * orthogonal max(N_{l+1}, N_l)-square matrix, so W^lᵀW^l = gain²·I when N_{l+1} ≥ N_l and
 * W^lW^lᵀ = gain²·I otherwise.
 */
export function orthogonalInit(widths: readonly number[], options: { seed: number; gain?: number }): Initialisation {
  checkWidths(widths);
  const gain = options.gain ?? 1;
  requireFinite('gain', gain, true);
  const weights = widths.slice(1).map((rows, i) => {
    const cols = widths[i]!;
    const n = Math.max(rows, cols);
    const haar = haarOrthogonal(n, Rng.derive(options.seed, 'orthogonal', i + 1));
    const w = new Float64Array(rows * cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) w[r * cols + c] = gain * haar[r * n + c]!;
    return w;
  });
  return { net: { widths: [...widths], weights }, kind: 'orthogonal', params: { gain }, seed: options.seed };
}

/** Exactly one of `modeStrength` (composite u₀ per mode, balanced) or `gains` (a_{l,α} per layer). */
export interface AlignedOptions {
  seed: number;
  /** u₀ for every mode, or per mode α (modes not listed start at 0). Balanced: a = |u₀|^{1/D}, sign on W^1. */
  modeStrength?: number | readonly number[];
  /** gains[l − 1][α] = a_{l,α}, the gain of mode α in W^l; composite strength ∏_l a_{l,α}. */
  gains?: readonly (readonly number[])[];
}

/**
 * Decoupled start of eq. 13 (digest §3.7): W^l = R_{l+1} diag(a_l) R_lᵀ with R_1 = V and R_{N_l} = U
 * from the task's SVD and Haar-random orthogonal R_l for hidden layers, so that W_tot = U diag(∏_l a_l) Vᵀ
 * and every mode follows its own scalar chain. Modes α < min(rank, min widths) can be set.
 */
export function alignedInit(widths: readonly number[], svd: TaskSvd, options: AlignedOptions): Initialisation {
  checkWidths(widths);
  const D = widths.length - 1;
  if (widths[0] !== svd.n1 || widths[D] !== svd.n3) {
    throw new PlateauError('BAD_PARAM', `the net maps ${widths[0]} → ${widths[D]} but the task ${svd.n1} → ${svd.n3}`, { value: [svd.n1, svd.n3] });
  }
  const modes = Math.min(svd.rank, ...widths);
  const gains = alignedGains(D, modes, options);

  // Bases R_1 … R_{N_l} as column matrices (n × cols) of which the first `modes` columns are used.
  const bases: Array<{ data: Float64Array; cols: number }> = [{ data: svd.v, cols: svd.rank }];
  for (let l = 1; l < D; l++) {
    bases.push({ data: haarOrthogonal(widths[l]!, Rng.derive(options.seed, 'aligned', l + 1)), cols: widths[l]! });
  }
  bases.push({ data: svd.u, cols: svd.rank });

  const k = kernels();
  const left = new Float64Array(Math.max(...widths));
  const right = new Float64Array(Math.max(...widths));
  const weights = widths.slice(1).map((rows, i) => {
    const cols = widths[i]!;
    const w = new Float64Array(rows * cols);
    const out = bases[i + 1]!;
    const inp = bases[i]!;
    for (let alpha = 0; alpha < modes; alpha++) {
      const a = gains[i]![alpha]!;
      if (a === 0) continue;
      for (let r = 0; r < rows; r++) left[r] = out.data[r * out.cols + alpha]!;
      for (let c = 0; c < cols; c++) right[c] = inp.data[c * inp.cols + alpha]!;
      k.rank1Update(rows, cols, w, left, right, a);
    }
    return w;
  });
  const params: Initialisation['params'] = { gains: gains.map((g) => [...g]) };
  if (options.modeStrength !== undefined) params.modeStrength = typeof options.modeStrength === 'number' ? options.modeStrength : [...options.modeStrength];
  return { net: { widths: [...widths], weights }, kind: 'aligned', params, seed: options.seed };
}

/** Per-layer, per-mode gains a_{l,α} (D × modes) from the options of `alignedInit`. */
function alignedGains(D: number, modes: number, options: AlignedOptions): number[][] {
  const { modeStrength, gains } = options;
  if ((modeStrength === undefined) === (gains === undefined)) {
    throw new PlateauError('BAD_PARAM', 'alignedInit needs exactly one of modeStrength and gains', { value: null });
  }
  if (gains !== undefined) {
    if (gains.length !== D || gains.some((g) => g.length > modes)) {
      throw new PlateauError('BAD_PARAM', `gains must list ${D} layers of at most ${modes} modes`, { value: gains.map((g) => g.length) });
    }
    return gains.map((g) => Array.from({ length: modes }, (_, alpha) => {
      const a = g[alpha] ?? 0;
      requireFinite(`gain of mode ${alpha + 1}`, a, false);
      return a;
    }));
  }
  const strengths = typeof modeStrength === 'number' ? new Array<number>(modes).fill(modeStrength) : [...modeStrength!];
  if (strengths.length > modes) {
    throw new PlateauError('BAD_PARAM', `at most ${modes} modes can be aligned in this net, got ${strengths.length} strengths`, { value: strengths.length });
  }
  const result = Array.from({ length: D }, () => new Array<number>(modes).fill(0));
  strengths.forEach((u0, alpha) => {
    requireFinite(`modeStrength of mode ${alpha + 1}`, u0, false);
    const a = Math.abs(u0) ** (1 / D);
    for (let l = 0; l < D; l++) result[l]![alpha] = l === 0 && u0 < 0 ? -a : a;
  });
  return result;
}
