/**
 * The residual stream of a residual deep linear network in the DMFT — derived for Plateau from
 * the cavity rule (digest §3.1) applied to each block, where the digest's §5 only sketched it.
 *
 * Network (digest §2.7): h¹ = W⁰ũ/√D, h^{ℓ+1} = h^ℓ + s·W^ℓh^ℓ/√N (ℓ = 1..L), readout on h^{L+1};
 * backward g^{L+1} = w, g^ℓ = g^{ℓ+1} + s·W^{ℓᵀ}g^{ℓ+1}/√N; W^ℓ ← W^ℓ − ηγ0·s·g^{ℓ+1}h^{ℓᵀ}/√N.
 * Every h^ℓ and g^ℓ lives on the same N neurons, so one neuron's single-site process couples all
 * depths (a linear Gaussian system of 2(L+1) time series):
 *   h¹ = χ₁ + A₀g¹,                         χ₁ ~ GP(C_u)              (input side, as in §3)
 *   h^{ℓ+1} = h^ℓ + sχ^ℓ + s²Ã_ℓ g^{ℓ+1},   χ^ℓ ~ GP(C^h_ℓ),   Ã_ℓ = R̃^ℓ_{hg} − ηγ0[C^h_ℓ]_<
 *   g^ℓ = g^{ℓ+1} + sξ^ℓ + s²B̃_ℓ h^ℓ,       ξ^ℓ ~ GP(C^g_{ℓ+1}), B̃_ℓ = R̃^{ℓ+1}_{gh} − ηγ0[C^g_{ℓ+1}]_<
 *   g^{L+1} = ξ_{L+1} + B_{L+1}h^{L+1},     ξ_{L+1} ~ GP(𝟙),   B_{L+1} = −ηγ0[𝟙]_<   (readout w)
 * with all noises independent. R̃^ℓ_{hg} = δh^ℓ/δ(source on g^ℓ) and R̃^{ℓ+1}_{gh} =
 * δg^{ℓ+1}/δ(source on h^{ℓ+1}) are full responses of this system (R̃_{hg} has a diagonal: the
 * forward pass of step t reacts to the backward pass of step t through the residuals). The input
 * side is unchanged with K = (R^{gh}_1 − ηγ0[C^g_1]_<)/γ0, R^{gh}_1 = δg¹/δ(source on h¹).
 *
 * Solution per sweep — elimination in depth (a Riccati sweep), exact for the linear system:
 *   down (ℓ = L..1): g^ℓ = η_ℓ + Q_ℓh^ℓ with η_ℓ independent of the sources below ℓ:
 *     P_ℓ = (I − s²Ã_ℓQ_{ℓ+1})⁻¹,  V_ℓ = Q_{ℓ+1}P_ℓ,  U_ℓ = I + s²V_ℓÃ_ℓ,  Q_ℓ = V_ℓ + s²B̃_ℓ,
 *     Σ_ℓ = Cov η_ℓ = U_ℓΣ_{ℓ+1}U_ℓᵀ + s²V_ℓC^h_ℓV_ℓᵀ + s²C^g_{ℓ+1};  Q_{L+1} = B_{L+1}, Σ_{L+1} = 𝟙;
 *   bottom: H₁ = (I − A₀Q₁)⁻¹, R^{gh}_1 = Q₁H₁;
 *   up (ℓ = 1..L+1): h^ℓ = b_ℓ + Z_ℓη_ℓ with b_ℓ built from the sources below ℓ:
 *     Z₁ = H₁A₀, Cov b₁ = H₁C_uH₁ᵀ,  C^h_ℓ = Cov b_ℓ + Z_ℓΣ_ℓZ_ℓᵀ,
 *     C^g_ℓ = Q_ℓ(Cov b_ℓ)Q_ℓᵀ + (I + Q_ℓZ_ℓ)Σ_ℓ(I + Q_ℓZ_ℓ)ᵀ,
 *     R̃^ℓ_{hg} = Z_ℓ,  R̃^{ℓ+1}_{gh} = V_ℓ(I + Z_ℓV_ℓ),
 *     Cov b_{ℓ+1} = P_ℓ[Cov b_ℓ + s²(I + Z_ℓV_ℓ)C^h_ℓ(I + Z_ℓV_ℓ)ᵀ + s²Z_ℓC^g_{ℓ+1}Z_ℓᵀ]P_ℓᵀ,
 *     Z_{ℓ+1} = P_ℓ(Z_ℓU_ℓ + s²Ã_ℓ).
 * (Checked against a dense solve of the 2(L+1)T-dimensional system in the tests.) With s = β0/√L
 * this is an Euler–Maruyama step of a forward–backward SDE in depth τ = ℓ/L (digest §5), so the
 * L → ∞ limit is approached with O(1/L) corrections.
 *
 * Cost per sweep over rows [r0, r1): about 20 row-block products per block, O(L·(r1 − r0)·T²) —
 * linear in depth, not the O((LT)³) of a dense solve; memory about 18·(L + 1)·T² doubles.
 */
import { lowerProductRows, responseMinusMemoryRows, sandwichRows, strictLowerRows, unitLowerInverseRows } from '../../src/dmft/rows.ts';
import { copySymmetricRows } from './dmft-mlp.ts';
import { seedCorrelationRows, seedResponseRows } from './dmft-seed.ts';
import type { DeepLinearModel } from './params.ts';

/** T×T matrices for levels 0..count−1 (index = depth ℓ; index 0 unused where ℓ starts at 1). */
function levels(count: number, T: number): Float64Array[] {
  return Array.from({ length: count }, () => new Float64Array(T * T));
}

export class ResidualStream {
  readonly T: number;
  readonly L: number;
  readonly s2: number;
  /** C^h_ℓ and C^g_ℓ for ℓ = 1..L+1 (index ℓ). */
  readonly Ch: Float64Array[];
  readonly Cg: Float64Array[];
  /** R̃^ℓ_{hg} for ℓ = 1..L; R^{gh}_1 (input side) and R̃^ℓ_{gh} for ℓ = 2..L+1 (index ℓ). */
  readonly Rhg: Float64Array[];
  readonly Rgh: Float64Array[];
  private readonly At: Float64Array[];
  private readonly Bt: Float64Array[];
  private readonly P: Float64Array[];
  private readonly V: Float64Array[];
  private readonly U: Float64Array[];
  private readonly Q: Float64Array[];
  private readonly Sig: Float64Array[];
  private readonly Z: Float64Array[];
  private readonly Cb: Float64Array[];
  private readonly IQZ: Float64Array[];
  private readonly ZV: Float64Array[];
  private readonly IZV: Float64Array[];
  private readonly Xb: Float64Array[];
  private readonly ZU: Float64Array[];
  private readonly H1: Float64Array;
  private readonly product: Float64Array;
  private readonly work: Float64Array;

  constructor(
    private readonly model: DeepLinearModel,
    T: number,
  ) {
    const L = model.L;
    const s = model.branchScale ?? 0;
    this.T = T;
    this.L = L;
    this.s2 = s * s;
    this.Ch = levels(L + 2, T);
    this.Cg = levels(L + 2, T);
    this.Rhg = levels(L + 1, T);
    this.Rgh = levels(L + 2, T);
    this.At = levels(L + 1, T);
    this.Bt = levels(L + 1, T);
    this.P = levels(L + 1, T);
    this.V = levels(L + 1, T);
    this.U = levels(L + 1, T);
    this.Q = levels(L + 2, T);
    this.Sig = levels(L + 2, T);
    this.Z = levels(L + 2, T);
    this.Cb = levels(L + 2, T);
    this.IQZ = levels(L + 2, T);
    this.ZV = levels(L + 1, T);
    this.IZV = levels(L + 1, T);
    this.Xb = levels(L + 1, T);
    this.ZU = levels(L + 1, T);
    this.H1 = new Float64Array(T * T);
    this.product = new Float64Array(T * T);
    this.work = new Float64Array(2 * T);
    // The readout: Q_{L+1} = B_{L+1} = −ηγ0[𝟙]_<, Σ_{L+1} = Cov w(0) = 𝟙.
    strictLowerRows(new Float64Array(T * T).fill(1), T, 0, T, this.Q[L + 1]!, -model.eta * model.gamma0);
    this.Sig[L + 1]!.fill(1);
  }

  get rgh1(): Float64Array {
    return this.Rgh[1]!;
  }

  get cg1(): Float64Array {
    return this.Cg[1]!;
  }

  /** What a sweep reads from the previous one (the Gauss–Seidel state): R̃, C^h, C^g at every depth. */
  get state(): Float64Array[] {
    return [...this.Ch.slice(1), ...this.Cg.slice(1), ...this.Rgh.slice(1), ...this.Rhg.slice(1)];
  }

  /** Seed everything a sweep reads from the previous one: R̃, C^h, C^g at every depth. */
  seed(r0: number, r1: number): void {
    const { T, L } = this;
    for (let l = 1; l <= L + 1; l++) {
      seedCorrelationRows(this.Ch[l]!, T, r0, r1, 1);
      seedCorrelationRows(this.Cg[l]!, T, r0, r1, 1);
      seedResponseRows(this.Rgh[l]!, T, r0, r1);
      if (l <= L) seedResponseRows(this.Rhg[l]!, T, r0, r1);
    }
  }

  /** One down–up sweep over rows [r0, r1) given A_0 and C_u from the input side. */
  update(r0: number, r1: number, a0: Float64Array, cu: Float64Array): void {
    const { T, L, s2, product, work } = this;
    const c = this.model.eta * this.model.gamma0;
    const { At, Bt, P, V, U, Q, Sig, Z, Cb, IQZ, ZV, IZV, Xb, ZU, Ch, Cg, Rhg, Rgh } = this;
    // Down: eliminate g^ℓ = η_ℓ + Q_ℓ h^ℓ from the readout to block 1.
    for (let l = L; l >= 1; l--) {
      responseMinusMemoryRows(Rhg[l]!, Ch[l]!, c, T, r0, r1, At[l]!);
      responseMinusMemoryRows(Rgh[l + 1]!, Cg[l + 1]!, c, T, r0, r1, Bt[l]!);
      lowerProductRows(At[l]!, Q[l + 1]!, T, r0, r1, product, s2);
      unitLowerInverseRows(product, T, r0, r1, P[l]!);
      lowerProductRows(Q[l + 1]!, P[l]!, T, r0, r1, V[l]!);
      lowerProductRows(V[l]!, At[l]!, T, r0, r1, U[l]!, s2);
      addIdentityRows(U[l]!, T, r0, r1);
      addScaledRows(V[l]!, Bt[l]!, s2, T, r0, r1, Q[l]!);
      copySymmetricRows(Cg[l + 1]!, T, r0, r1, Sig[l]!);
      scaleSymmetricRows(Sig[l]!, s2, T, r0, r1);
      sandwichRows(U[l]!, Sig[l + 1]!, T, r0, r1, Sig[l]!, work, 1, true);
      sandwichRows(V[l]!, Ch[l]!, T, r0, r1, Sig[l]!, work, s2, true);
    }
    // Bottom: h¹ = χ₁ + A₀g¹ with g¹ = η₁ + Q₁h¹.
    lowerProductRows(a0, Q[1]!, T, r0, r1, product);
    unitLowerInverseRows(product, T, r0, r1, this.H1);
    lowerProductRows(Q[1]!, this.H1, T, r0, r1, Rgh[1]!);
    lowerProductRows(this.H1, a0, T, r0, r1, Z[1]!);
    sandwichRows(this.H1, cu, T, r0, r1, Cb[1]!, work);
    // Up: h^ℓ = b_ℓ + Z_ℓη_ℓ.
    for (let l = 1; l <= L + 1; l++) {
      copySymmetricRows(Cb[l]!, T, r0, r1, Ch[l]!);
      sandwichRows(Z[l]!, Sig[l]!, T, r0, r1, Ch[l]!, work, 1, true);
      lowerProductRows(Q[l]!, Z[l]!, T, r0, r1, IQZ[l]!);
      addIdentityRows(IQZ[l]!, T, r0, r1);
      sandwichRows(Q[l]!, Cb[l]!, T, r0, r1, Cg[l]!, work);
      sandwichRows(IQZ[l]!, Sig[l]!, T, r0, r1, Cg[l]!, work, 1, true);
      if (l > L) break;
      copyLowerRows(Z[l]!, T, r0, r1, Rhg[l]!);
      lowerProductRows(Z[l]!, V[l]!, T, r0, r1, ZV[l]!);
      lowerProductRows(V[l]!, ZV[l]!, T, r0, r1, Rgh[l + 1]!);
      addScaledRows(Rgh[l + 1]!, V[l]!, 1, T, r0, r1, Rgh[l + 1]!);
      copyLowerRows(ZV[l]!, T, r0, r1, IZV[l]!);
      addIdentityRows(IZV[l]!, T, r0, r1);
      copySymmetricRows(Cb[l]!, T, r0, r1, Xb[l]!);
      sandwichRows(IZV[l]!, Ch[l]!, T, r0, r1, Xb[l]!, work, s2, true);
      sandwichRows(Z[l]!, Cg[l + 1]!, T, r0, r1, Xb[l]!, work, s2, true);
      sandwichRows(P[l]!, Xb[l]!, T, r0, r1, Cb[l + 1]!, work);
      lowerProductRows(Z[l]!, U[l]!, T, r0, r1, ZU[l]!);
      addScaledRows(ZU[l]!, At[l]!, s2, T, r0, r1, ZU[l]!);
      lowerProductRows(P[l]!, ZU[l]!, T, r0, r1, Z[l + 1]!);
    }
  }
}

function addIdentityRows(a: Float64Array, T: number, r0: number, r1: number): void {
  for (let t = r0; t < r1; t++) a[t * T + t]! += 1;
}

/** Rows of out = a + c·b over the causal part (s ≤ t); out may alias a. */
function addScaledRows(a: Float64Array, b: Float64Array, c: number, T: number, r0: number, r1: number, out: Float64Array): void {
  for (let t = r0; t < r1; t++) {
    const o = t * T;
    for (let s = 0; s <= t; s++) out[o + s] = a[o + s]! + c * b[o + s]!;
    out.fill(0, o + t + 1, o + T);
  }
}

function copyLowerRows(a: Float64Array, T: number, r0: number, r1: number, out: Float64Array): void {
  for (let t = r0; t < r1; t++) out.set(a.subarray(t * T, t * T + T), t * T);
}

function scaleSymmetricRows(a: Float64Array, c: number, T: number, r0: number, r1: number): void {
  for (let t = r0; t < r1; t++) {
    const o = t * T;
    for (let s = 0; s <= t; s++) {
      const v = c * a[o + s]!;
      a[o + s] = v;
      a[s * T + t] = v;
    }
  }
}
