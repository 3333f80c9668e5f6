/**
 * The hidden layers of the plain (non-residual) deep linear network in the DMFT (digest §3.3–§3.5,
 * eqs. N1–N3). Layer ℓ = 1..L is the single-site process h = χ_ℓ + A_{ℓ−1} g, g = ξ_ℓ + B_{ℓ+1} h
 * with χ_ℓ ~ GP(C^h_{ℓ−1}), ξ_ℓ ~ GP(C^g_{ℓ+1}), C^h_0 = C_u, C^g_{L+1} = 𝟙, and
 *   A_ℓ = R^{hg}_ℓ − ηγ0[C^h_ℓ]_<,  B_ℓ = R^{gh}_ℓ − ηγ0[C^g_ℓ]_<,  B_{L+1} = −ηγ0[𝟙]_<,
 *   H_ℓ = (I − A_{ℓ−1}B_{ℓ+1})⁻¹,  Ĝ_ℓ = (I − B_{ℓ+1}A_{ℓ−1})⁻¹,
 *   R^{hg}_ℓ = H_ℓA_{ℓ−1},  R^{gh}_ℓ = Ĝ_ℓB_{ℓ+1},
 *   C^h_ℓ = H_ℓ(C^h_{ℓ−1} + A_{ℓ−1}C^g_{ℓ+1}A_{ℓ−1}ᵀ)H_ℓᵀ,  C^g_ℓ = Ĝ_ℓ(C^g_{ℓ+1} + B_{ℓ+1}C^h_{ℓ−1}B_{ℓ+1}ᵀ)Ĝ_ℓᵀ.
 * A sweep goes bottom up with the newest values (Gauss–Seidel): B_{ℓ+1} comes from the previous
 * sweep's layer ℓ + 1, so information moves down one layer per sweep.
 *
 * Cost per sweep over rows [r0, r1): about 12 row-block products per layer, O(L·(r1 − r0)·T²);
 * memory 10·L·T² doubles.
 */
import { lowerProductRows, responseMinusMemoryRows, sandwichRows, strictLowerRows, unitLowerInverseRows } from '../../src/dmft/rows.ts';
import { seedCorrelationRows, seedResponseRows } from './dmft-seed.ts';
import type { DeepLinearModel } from './params.ts';

export class MlpStack {
  readonly T: number;
  readonly L: number;
  /** C^h_ℓ, C^g_ℓ, R^{hg}_ℓ, R^{gh}_ℓ for ℓ = 1..L at index ℓ − 1. */
  readonly Ch: Float64Array[];
  readonly Cg: Float64Array[];
  readonly Rhg: Float64Array[];
  readonly Rgh: Float64Array[];
  /** A_ℓ for ℓ = 1..L−1 at index ℓ − 1. */
  private readonly A: Float64Array[];
  /** B_{ℓ+1} used by layer ℓ, at index ℓ − 1. */
  private readonly B: Float64Array[];
  private readonly H: Float64Array[];
  private readonly Gh: Float64Array[];
  private readonly X: Float64Array[];
  private readonly Z: Float64Array[];
  private readonly product: Float64Array;
  private readonly ones: Float64Array;
  private readonly work: Float64Array;

  constructor(
    private readonly model: DeepLinearModel,
    T: number,
  ) {
    this.T = T;
    this.L = model.L;
    const layers = () => Array.from({ length: model.L }, () => new Float64Array(T * T));
    this.Ch = layers();
    this.Cg = layers();
    this.Rhg = layers();
    this.Rgh = layers();
    this.A = layers();
    this.B = layers();
    this.H = layers();
    this.Gh = layers();
    this.X = layers();
    this.Z = layers();
    this.product = new Float64Array(T * T);
    this.ones = new Float64Array(T * T).fill(1);
    this.work = new Float64Array(2 * T);
    // The readout's B_{L+1} = −ηγ0[𝟙]_< never changes.
    strictLowerRows(this.ones, T, 0, T, this.B[model.L - 1]!, -model.eta * model.gamma0);
  }

  /** Layer 1's R^{gh}_1 and C^g_1, read by the input side. */
  get rgh1(): Float64Array {
    return this.Rgh[0]!;
  }

  get cg1(): Float64Array {
    return this.Cg[0]!;
  }

  /** What a sweep reads from the previous one (the Gauss–Seidel state): R^{gh}_ℓ and C^g_ℓ. */
  get state(): Float64Array[] {
    return [...this.Rgh, ...this.Cg];
  }

  /** Seed what the next sweep reads before writing: R^{gh}_ℓ and C^g_ℓ. */
  seed(r0: number, r1: number): void {
    for (let l = 0; l < this.L; l++) {
      seedResponseRows(this.Rgh[l]!, this.T, r0, r1);
      seedCorrelationRows(this.Cg[l]!, this.T, r0, r1, 1);
    }
  }

  /** One bottom-up sweep over rows [r0, r1) given A_0 and C_u from the input side. */
  update(r0: number, r1: number, a0: Float64Array, cu: Float64Array): void {
    const { T, L, product, work } = this;
    const c = this.model.eta * this.model.gamma0;
    let aPrev = a0;
    let chPrev = cu;
    for (let l = 0; l < L; l++) {
      const B = this.B[l]!;
      const cgNext = l + 1 < L ? this.Cg[l + 1]! : this.ones;
      if (l + 1 < L) responseMinusMemoryRows(this.Rgh[l + 1]!, cgNext, c, T, r0, r1, B);
      const H = this.H[l]!;
      const Gh = this.Gh[l]!;
      lowerProductRows(aPrev, B, T, r0, r1, product);
      unitLowerInverseRows(product, T, r0, r1, H);
      lowerProductRows(B, aPrev, T, r0, r1, product);
      unitLowerInverseRows(product, T, r0, r1, Gh);
      lowerProductRows(H, aPrev, T, r0, r1, this.Rhg[l]!);
      lowerProductRows(Gh, B, T, r0, r1, this.Rgh[l]!);
      // C^h_ℓ = H (C^h_{ℓ−1} + A C^g_{ℓ+1} Aᵀ) Hᵀ.
      const X = this.X[l]!;
      copySymmetricRows(chPrev, T, r0, r1, X);
      sandwichRows(aPrev, cgNext, T, r0, r1, X, work, 1, true);
      sandwichRows(H, X, T, r0, r1, this.Ch[l]!, work);
      // C^g_ℓ = Ĝ (C^g_{ℓ+1} + B C^h_{ℓ−1} Bᵀ) Ĝᵀ.
      const Z = this.Z[l]!;
      copySymmetricRows(cgNext, T, r0, r1, Z);
      sandwichRows(B, chPrev, T, r0, r1, Z, work, 1, true);
      sandwichRows(Gh, Z, T, r0, r1, this.Cg[l]!, work);
      if (l + 1 < L) {
        responseMinusMemoryRows(this.Rhg[l]!, this.Ch[l]!, c, T, r0, r1, this.A[l]!);
        aPrev = this.A[l]!;
      }
      chPrev = this.Ch[l]!;
    }
  }
}

/** Rows of a symmetric matrix copied (row up to the diagonal, mirrored). */
export function copySymmetricRows(a: Float64Array, T: number, r0: number, r1: number, out: Float64Array): void {
  for (let t = r0; t < r1; t++) {
    const o = t * T;
    for (let s = 0; s <= t; s++) {
      out[o + s] = a[o + s]!;
      out[s * T + t] = a[o + s]!;
    }
  }
}
