/**
 * Random parameter points at which every Saxe derivation is checked, drawn reproducibly (seeded)
 * from the ranges where the theory applies: s ∈ [0.5, 3], τ ∈ [0.5, 2], small starts u₀ ≪ s and
 * targets uf between u₀ and s.
 */
import { samplePoints, type Point } from '../../../src/symbolic/index.ts';

export const CHECK_SEED = 1312_6120;

/** Points with s, tau, u0, uf (u0 < uf < s), a time t and a state u ∈ (0, s). */
export function modePoints(n = 8, seed = CHECK_SEED): Point[] {
  return samplePoints({ s: [0.5, 3], tau: [0.5, 2], u0: { log: [1e-4, 0.05] }, f: [0.3, 0.98], t: [0, 4], g: [0.02, 0.95] }, n, seed).map((p) => ({
    s: p.s!,
    tau: p.tau!,
    u0: p.u0! * p.s!,
    uf: p.u0! * p.s! + p.f! * (p.s! - p.u0! * p.s!),
    t: p.t!,
    u: p.g! * p.s!,
  }));
}

/** Like `modePoints` plus an imbalance c0 of either sign (|c0| ∈ [0.05, 2]). */
export function unbalancedPoints(n = 8, seed = CHECK_SEED + 1): Point[] {
  const signs = samplePoints({ c: [-1, 1], m: { log: [0.05, 2] } }, n, seed + 7);
  return modePoints(n, seed).map((p, i) => ({ ...p, c0: Math.sign(signs[i]!.c! || 1) * signs[i]!.m! }));
}

/** Like `modePoints` plus a real number of weight matrices D ∈ [1.2, 12]. */
export function depthPoints(n = 8, seed = CHECK_SEED + 2): Point[] {
  const ds = samplePoints({ D: [1.2, 12] }, n, seed + 7);
  return modePoints(n, seed).map((p, i) => ({ ...p, D: ds[i]!.D!, N_l: ds[i]!.D! + 1 }));
}
