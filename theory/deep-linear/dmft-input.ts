/**
 * The input and data side of the deep-linear DMFT (digest §3.4–§3.6): everything that lives on
 * the D input coordinates and the P data points, given the layer-1 quantities R^{gh}_1 and C^g_1.
 * Shared by the plain (`dmft-mlp.ts`) and the residual (`dmft-residual.ts`) stacks.
 *
 * Full batch (repeated data), eqs. D1–D4:
 *   K = (R^{gh}_1 − ηγ0[C^g_1]_<)/γ0,   R_Δ = I + K R_Δ (R_Δ − (1 − 1/α) I)   (row recursion),
 *   G = (I − K R_Δ)⁻¹,   M_b = G K R_Δ/√α,   S = C^g_1/(γ0²ν) + 𝟙,
 *   C_v = G S Gᵀ + σ² M_b𝟙M_bᵀ + M_b C_v M_bᵀ   (Stein, by forward substitution),
 *   C_Δ = R_Δ (C_v + σ²𝟙) R_Δᵀ,   C_u = (1/α) M C_Δ Mᵀ + R_ΔG S (R_ΔG)ᵀ,  M = I + R_Δ G K,
 *   A_0 = R_Δ G/(γ0ν) − ηγ0[C_u]_<;   L_test(t) = C_v(t,t) + σ²,  L_train(t) = C_Δ(t,t).
 * One-pass SGD (§3.6): R_Δ = I, α → α_B, G = (I − K)⁻¹, C_Δ = diag(C_v(t,t) + σ²),
 *   C_v = G S Gᵀ + E C_Δ Eᵀ with E = GK/√α_B; the same C_u and A_0 with R_Δ = I.
 *
 * Rows [r0, r1) are recomputed per call (see `src/dmft/rows.ts`); cost O((r1 − r0)·T²) with about
 * 15 row-block products; memory 18·T² doubles.
 */
import { accumulateLowerRow, lowerProductRows, sandwichRows, steinRows, unitLowerInverseRows } from '../../src/dmft/rows.ts';
import type { DeepLinearModel } from './params.ts';

export class InputSide {
  readonly T: number;
  /** K = B_1/γ0, the input-space kernel with memory (strictly lower). */
  readonly K: Float64Array;
  /** R_Δ, the response of the residuals (unit lower; I for one-pass SGD). */
  readonly RD: Float64Array;
  /** G = (I − K R_Δ)⁻¹. */
  readonly G: Float64Array;
  /** C_v: predictor-error correlation |v(t)·v(s)|/D. */
  readonly Cv: Float64Array;
  /** C_Δ: residual correlation (diagonal for one-pass SGD). */
  readonly Cd: Float64Array;
  /** C_u: correlation of ũ = (√D/P)XᵀΔ, the forward input of layer 1. */
  readonly Cu: Float64Array;
  /** A_0: how h¹ reacts to g¹ (diagonal 1/(γ0ν)). */
  readonly A0: Float64Array;
  private readonly Y: Float64Array;
  private readonly KR: Float64Array;
  private readonly Mb: Float64Array;
  private readonly S: Float64Array;
  private readonly F: Float64Array;
  private readonly P: Float64Array;
  private readonly RG: Float64Array;
  private readonly Mu: Float64Array;
  private readonly mb1: Float64Array;
  private readonly work: Float64Array;

  constructor(
    private readonly model: DeepLinearModel,
    T: number,
  ) {
    this.T = T;
    const m = () => new Float64Array(T * T);
    this.K = m();
    this.RD = m();
    this.G = m();
    this.Cv = m();
    this.Cd = m();
    this.Cu = m();
    this.A0 = m();
    this.Y = m();
    this.KR = m();
    this.Mb = m();
    this.S = m();
    this.F = m();
    this.P = m();
    this.RG = m();
    this.Mu = m();
    this.mb1 = new Float64Array(T);
    this.work = new Float64Array(2 * T);
  }

  /** Rows [r0, r1) of every input-side object from layer 1's R^{gh}_1 and C^g_1. */
  update(r0: number, r1: number, rgh1: Float64Array, cg1: Float64Array): void {
    const { T, K, S } = this;
    const { gamma0: g0, eta, nu } = this.model;
    for (let t = r0; t < r1; t++) {
      const o = t * T;
      for (let s = 0; s < t; s++) K[o + s] = rgh1[o + s]! / g0 - eta * cg1[o + s]!;
      K.fill(0, o + t, o + T);
      for (let s = 0; s <= t; s++) {
        const v = cg1[o + s]! / (g0 * g0 * nu) + 1;
        S[o + s] = v;
        S[s * T + t] = v;
      }
    }
    if (this.model.batch === undefined) this.fullBatch(r0, r1);
    else this.onePass(r0, r1, this.model.batch);
    // C_u = (1/α) M C_Δ Mᵀ + (R_ΔG) S (R_ΔG)ᵀ and A_0 = R_ΔG/(γ0ν) − ηγ0[C_u]_<.
    const { RG, Mu, Cu, A0, work } = this;
    lowerProductRows(this.RD, this.G, T, r0, r1, RG);
    lowerProductRows(RG, K, T, r0, r1, Mu);
    for (let t = r0; t < r1; t++) Mu[t * T + t]! += 1;
    const a = this.model.batch ?? this.model.alpha;
    sandwichRows(Mu, this.Cd, T, r0, r1, Cu, work, 1 / a);
    sandwichRows(RG, S, T, r0, r1, Cu, work, 1, true);
    const c = eta * g0;
    for (let t = r0; t < r1; t++) {
      const o = t * T;
      for (let s = 0; s < t; s++) A0[o + s] = RG[o + s]! / (g0 * nu) - c * Cu[o + s]!;
      A0[o + t] = RG[o + t]! / (g0 * nu);
      A0.fill(0, o + t + 1, o + T);
    }
  }

  /** D1–D3 on rows [r0, r1). */
  private fullBatch(r0: number, r1: number): void {
    const { T, K, RD, Y, KR, G, Mb, S, F, Cv, Cd, P, mb1, work } = this;
    const { alpha, sigma } = this.model;
    const c = 1 - 1 / alpha;
    // D1 row recursion: R_Δ[t,·] = e_t + Σ_{s<t} K[t,s] Y[s,·], Y = R_Δ(R_Δ − cI).
    for (let t = r0; t < r1; t++) {
      const o = t * T;
      RD.fill(0, o, o + T);
      RD[o + t] = 1;
      accumulateLowerRow(K, o, t, 1, Y, T, RD, o);
      Y.fill(0, o, o + T);
      accumulateLowerRow(RD, o, t + 1, 1, RD, T, Y, o);
      for (let j = 0; j <= t; j++) Y[o + j]! -= c * RD[o + j]!;
    }
    lowerProductRows(K, RD, T, r0, r1, KR);
    unitLowerInverseRows(KR, T, r0, r1, G);
    lowerProductRows(G, KR, T, r0, r1, Mb);
    const scale = 1 / Math.sqrt(alpha);
    for (let t = r0; t < r1; t++) {
      const o = t * T;
      let sum = 0;
      for (let s = 0; s < t; s++) {
        Mb[o + s]! *= scale;
        sum += Mb[o + s]!;
      }
      mb1[t] = sum;
    }
    // F = G S Gᵀ + σ² (M_b𝟙)(M_b𝟙)ᵀ, then C_v = F + M_b C_v M_bᵀ.
    sandwichRows(G, S, T, r0, r1, F, work);
    const s2 = sigma * sigma;
    for (let t = r0; t < r1; t++) {
      const o = t * T;
      for (let s = 0; s <= t; s++) {
        const v = F[o + s]! + s2 * mb1[t]! * mb1[s]!;
        F[o + s] = v;
        F[s * T + t] = v;
      }
    }
    steinRows(F, Mb, T, r0, r1, Cv, work);
    fillShifted(Cv, s2, T, r0, r1, P);
    sandwichRows(RD, P, T, r0, r1, Cd, work);
  }

  /** §3.6 on rows [r0, r1): C_Δ is diagonal. */
  private onePass(r0: number, r1: number, batch: number): void {
    const { T, K, RD, G, Mb, S, F, Cv, Cd, work } = this;
    const s2 = this.model.sigma * this.model.sigma;
    for (let t = r0; t < r1; t++) {
      const o = t * T;
      RD.fill(0, o, o + T);
      RD[o + t] = 1;
    }
    unitLowerInverseRows(K, T, r0, r1, G);
    lowerProductRows(G, K, T, r0, r1, Mb);
    const scale = 1 / Math.sqrt(batch);
    for (let t = r0; t < r1; t++) for (let s = 0; s < t; s++) Mb[t * T + s]! *= scale;
    sandwichRows(G, S, T, r0, r1, F, work);
    // C_v[t,s] = F[t,s] + Σ_{k<s} E[t,k] E[s,k] (C_v[k,k] + σ²): row t needs only diagonals < t.
    for (let t = r0; t < r1; t++) {
      const o = t * T;
      for (let s = 0; s <= t; s++) {
        const os = s * T;
        let acc = F[o + s]!;
        for (let k = 0; k < s; k++) acc += Mb[o + k]! * Mb[os + k]! * (Cv[k * T + k]! + s2);
        Cv[o + s] = acc;
        Cv[os + t] = acc;
      }
      for (let s = 0; s < t; s++) {
        Cd[o + s] = 0;
        Cd[s * T + t] = 0;
      }
      Cd[o + t] = Cv[o + t]! + s2;
    }
  }
}

/** Rows of out = a + c𝟙 for symmetric a (row up to the diagonal, mirrored). */
function fillShifted(a: Float64Array, c: number, T: number, r0: number, r1: number, out: Float64Array): void {
  for (let t = r0; t < r1; t++) {
    const o = t * T;
    for (let s = 0; s <= t; s++) {
      const v = a[o + s]! + c;
      out[o + s] = v;
      out[s * T + t] = v;
    }
  }
}
