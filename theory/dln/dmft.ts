/**
 * The DMFT of the diagonal linear network, discrete in time (digest §4–§5): exact as d → ∞ for
 * the G-scheme on any fixed step sequence η_k, solved by one causal forward sweep (no iteration).
 *
 * Effective process of one coordinate (W* ~ P*, G_0 = 0):
 *   Δ_k = F(G_k, t_k) − W*,   q_k = ζ_k − δ·Σ_{j≤k} M[k,j]·Δ_j,   G_{k+1} = G_k + η_k·q_k/δ,
 * with ζ ~ N(0, δ·C_r), M = (I + R_Δ)⁻¹ (unit lower triangular), C_r = M(σ²𝟙𝟙ᵀ + C_Δ)Mᵀ,
 * C_Δ[k,j] = E[Δ_kΔ_j], R_Δ[k,c] = E[∂Δ_k/∂q_c] = E[A_k·J[k,c]] by tangent propagation.
 * Observables: E_gen[k] = C_Δ[k,k], E_train[k] = ½·C_r[k,k].
 *
 * Monte Carlo: paths stratified by W* ∈ {0, +1} (F is odd, so the W* = −1 paths mirror the +1
 * paths and are not simulated); the Gaussian field by incremental Cholesky with jitter.
 * Cost per run: O(N·T²) for the paths (N = all paths), O(N_R·T³) for the tangents (N_R = tangent
 * paths), O(T³) for the T×T operators; memory 16·T·N + 8·T²·N_R bytes.
 */
import { PlateauError } from '../../src/core/errors.ts';
import { rowsHealthy, sandwichRows, unitLowerInverseRows } from '../../src/dmft/rows.ts';
import { breakdown, covarianceRow, GaussianField, marchPaths, PathEnsemble, TangentEnsemble, type StratumSpec } from '../../src/dmft/paths.ts';
import { PathArena } from '../../src/dmft/wasm-paths.ts';
import { CoordinateMap } from '../../src/sim/diagonal-linear-net.ts';
import type { DlnModel, TimeGrid } from './model.ts';

export interface DmftOptions {
  grid: TimeGrid;
  /** All paths of one run (default 15 000), split over the strata by `allocate`. */
  paths?: number;
  /** Tangent paths of one run (default 160; the null stratum gets ≥ 256 when α ≤ 0.05). */
  responsePaths?: number;
  /** Cholesky pivot floor (default 1e-9). */
  jitter?: number;
  seed: number;
  /** Times at which to record the distribution of w (snapshots), default 5 evenly spaced. */
  snapshotSteps?: readonly number[];
  signal?: AbortSignal;
  onStep?: (k: number) => void;
  /** Use the WebAssembly path kernels when available (default true); false forces JavaScript. */
  wasm?: boolean;
}

export interface WeightSnapshot {
  t: number;
  /** Quantiles of w over coordinates (the mixture over P*, the W* = −1 part mirrored). */
  probabilities: number[];
  quantiles: number[];
  /** E|w| and the fraction of coordinates with |w| > 0.05 (the active set). */
  meanAbs: number;
  activeFraction: number;
}

export interface DmftRun {
  t: Float64Array;
  testError: Float64Array;
  trainError: Float64Array;
  /** Full objective E_train + (λ/2)·E[u² + v²] = E_train + (λ/2)·E[A]. */
  loss: Float64Array;
  snapshots: WeightSnapshot[];
  /** The operators, for checks and for the rate at long times (row-major T×T). */
  correlation: Float64Array;
  response: Float64Array;
  resolvent: Float64Array;
  residualCorrelation: Float64Array;
  diagnostics: {
    paths: number[];
    responsePaths: number[];
    minRelativePivot: number;
    maxResolvent: number;
    /** max_k |R_Δ[k,k−1] − E_R[A_k]·η_{k−1}/δ| / (E_R[A_k]·η_{k−1}/δ), an exact identity (digest §5). */
    subdiagonalIdentity: number;
    /** Where the path kernels ran. */
    kernels: 'wasm-simd' | 'javascript';
    seconds: number;
  };
}

/** The strata of the demo teacher: W* = 0 (weight 1 − ρ) and W* = +1 (weight ρ, mirrors −1). */
export function teacherStrata(model: DlnModel, paths: number, responsePaths: number): StratumSpec[] {
  // Neyman-like split: the support stratum has ≈ 2.25× the per-path spread of the null stratum,
  // which gives the digest's (12 000, 3 000) and (128, 32) at ρ = 0.1.
  const share = (2.25 * model.rho) / (2.25 * model.rho + (1 - model.rho));
  const nSupport = model.rho > 0 ? Math.max(1, Math.round(paths * share)) : 0;
  const rSupport = model.rho > 0 ? Math.max(1, Math.round(responsePaths * share)) : 0;
  let rNull = model.rho < 1 ? Math.max(1, responsePaths - rSupport) : 0;
  // At small α the response is carried by rare activated null coordinates (digest §5).
  if (model.alpha <= 0.05 && model.rho < 1) rNull = Math.max(rNull, 256);
  const nNull = model.rho < 1 ? Math.max(paths - nSupport, rNull) : 0;
  const strata: StratumSpec[] = [];
  if (model.rho < 1) strata.push({ weight: 1 - model.rho, paths: nNull, responsePaths: rNull, value: 0 });
  if (model.rho > 0) strata.push({ weight: model.rho, paths: Math.max(nSupport, rSupport), responsePaths: rSupport, value: 1 });
  return strata;
}

/** Largest memory one run may take (the WebAssembly arena holds at most 4 GiB). */
const MAX_BYTES = 3.5e9;

function totalPaths(strata: readonly StratumSpec[]): number {
  return strata.reduce((a, st) => a + st.paths, 0);
}

const SNAPSHOT_PROBABILITIES = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];

/** One DMFT run (one Monte Carlo sample of the solution). See the module comment for the cost. */
export function solveDmft(model: DlnModel, opts: DmftOptions): DmftRun {
  const began = performance.now();
  const { grid } = opts;
  const T = grid.t.length;
  const { delta, sigma } = model;
  const strata = teacherStrata(model, opts.paths ?? 15000, opts.responsePaths ?? 160);
  const responsePaths = strata.reduce((a, st) => a + st.responsePaths, 0);
  const bytes = 8 * (PathEnsemble.entries(strata, T) + TangentEnsemble.entries(responsePaths, T));
  if (bytes > MAX_BYTES) {
    throw new PlateauError('REFUSED', `a DMFT run with T = ${T} steps, ${totalPaths(strata)} paths and ${responsePaths} tangent paths needs ${(bytes / 1e9).toFixed(1)} GB (16·T·N + 8·T²·N_R bytes); shorten --t-end, raise --step, or lower --response-paths`, { T, bytes });
  }
  const arena = opts.wasm === false ? undefined : PathArena.create(PathEnsemble.entries(strata, T) + TangentEnsemble.entries(responsePaths, T));
  const ens = new PathEnsemble(strata, T, opts.seed, arena);
  const tangents = new TangentEnsemble(ens, T);
  const field = new GaussianField(T, opts.jitter ?? 1e-9, 'δ·C_r');
  const N = ens.size;
  const cD = new Float64Array(T * T); // C_Δ
  const rD = new Float64Array(T * T); // R_Δ (strictly lower)
  const minusR = new Float64Array(T * T); // −R_Δ, so that M = (I − (−R_Δ))⁻¹ by `unitLowerInverseRows`
  const M = new Float64Array(T * T); // (I + R_Δ)⁻¹
  const P = new Float64Array(T * T); // σ²𝟙𝟙ᵀ + C_Δ
  const cR = new Float64Array(T * T); // C_r
  const G = new Float64Array(N);
  const slope = new Float64Array(N); // A(G_k, t_k) per path
  const work = new Float64Array(2 * T);
  const kRow = new Float64Array(T); // δ·C_r[k, 0..k]
  const memory = new Float64Array(T); // −δ·M[k, 0..k]
  const covNext = new Float64Array(T);
  const respNext = new Float64Array(T);
  const testError = new Float64Array(T);
  const trainError = new Float64Array(T);
  const loss = new Float64Array(T);
  const map = new CoordinateMap(model);
  const snapshotSteps = new Set(opts.snapshotSteps ?? [0, 1, 2, 3, 4].map((i) => Math.round(((T - 1) * (i + 1)) / 5)));
  const snapshots: WeightSnapshot[] = [];
  let maxResolvent = 0;
  let subdiagonalIdentity = 0;

  // Step 0: G = 0, Δ_0 = −W*, A_0 = 2α².
  map.at(0);
  for (let p = 0; p < N; p++) {
    ens.history[p * ens.stride] = map.value(0) - ens.value[p]!;
    slope[p] = map.slope;
  }
  covarianceRow(ens, 0, covNext);
  cD[0] = covNext[0]!;

  for (let k = 0; k < T; k++) {
    if (opts.signal?.aborted) throw new PlateauError('IO', `DMFT cancelled at step ${k}`, { step: k });
    const tk = grid.t[k]!;
    const ok = k * T;
    // Rows k of R_Δ (filled by the previous tangent step) give row k of M.
    unitLowerInverseRows(minusR, T, k, k + 1, M);
    if (!rowsHealthy(M, T, k, k + 1, 1e12)) {
      let worst = 0;
      for (let j = 0; j <= k; j++) worst = Math.abs(M[ok + j]!) > worst || Number.isNaN(M[ok + j]!) ? Math.abs(M[ok + j]!) : worst;
      throw breakdown('response resolvent (I + R_Δ)⁻¹ (responses from the tangent paths)', worst, k, { t: tk });
    }
    for (let j = 0; j < k; j++) maxResolvent = Math.max(maxResolvent, Math.abs(M[ok + j]!));
    // Row k of P = σ² + C_Δ, then of C_r = M P Mᵀ.
    for (let j = 0; j <= k; j++) {
      const v = sigma * sigma + cD[ok + j]!;
      P[ok + j] = v;
      P[j * T + k] = v;
    }
    sandwichRows(M, P, T, k, k + 1, cR, work);
    testError[k] = cD[ok + k]!;
    trainError[k] = 0.5 * cR[ok + k]!;
    let meanSlope = 0;
    for (let p = 0; p < N; p++) meanSlope += ens.weight[p]! * slope[p]!;
    loss[k] = trainError[k]! + 0.5 * model.lambda * meanSlope;
    if (!Number.isFinite(testError[k]!) || !Number.isFinite(trainError[k]!)) {
      throw breakdown(Number.isFinite(testError[k]!) ? 'train error ½C_r[k,k]' : 'test error C_Δ[k,k]', Number.isFinite(testError[k]!) ? trainError[k]! : testError[k]!, k, { t: tk });
    }
    if (snapshotSteps.has(k)) snapshots.push(snapshot(ens, G, map.at(tk), tk));
    if (k === T - 1) break;
    // Driving field: row k of the Cholesky factor of δ·C_r.
    for (let j = 0; j <= k; j++) kRow[j] = delta * cR[ok + j]!;
    field.addRow(kRow, { t: tk });
    for (let j = 0; j <= k; j++) memory[j] = -delta * M[ok + j]!;
    // Paths: q_k = ζ_k − δΣM[k,j]Δ_j, G += η_k q_k/δ, Δ_{k+1} = F(G, t_{k+1}) − W*.
    const h = grid.eta[k]! / delta;
    map.at(grid.t[k + 1]!);
    const values = ens.value;
    covNext.fill(0, 0, k + 2);
    marchPaths(ens, k, field.row(k), memory, (p, drive) => {
      const g = G[p]! + h * drive;
      G[p] = g;
      const d = map.value(g) - values[p]!;
      slope[p] = map.slope;
      return d;
    }, covNext);
    const o1 = (k + 1) * T;
    for (let j = 0; j <= k + 1; j++) {
      cD[o1 + j] = covNext[j]!;
      cD[j * T + k + 1] = covNext[j]!;
    }
    // Tangents: J[k+1] from J[≤k] with kernel −δ·M[k,·]; R_Δ[k+1, 0..k] = E[A_{k+1} J[k+1, ·]].
    tangents.advance(k, h, memory, slope, respNext);
    for (let c = 0; c <= k; c++) {
      rD[o1 + c] = respNext[c]!;
      minusR[o1 + c] = -respNext[c]!;
    }
    // J[k+1,k] = η_k/δ exactly, so R_Δ[k+1,k] = E_R[A_{k+1}]·η_k/δ over the tangent paths.
    let meanA = 0;
    for (let r = 0; r < ens.responseIndex.length; r++) meanA += ens.responseWeight[r]! * slope[ens.responseIndex[r]!]!;
    subdiagonalIdentity = Math.max(subdiagonalIdentity, Math.abs(respNext[k]! - meanA * h) / (meanA * h));
    opts.onStep?.(k);
  }
  return {
    t: grid.t,
    testError,
    trainError,
    loss,
    snapshots,
    correlation: cD,
    response: rD,
    resolvent: M,
    residualCorrelation: cR,
    diagnostics: {
      paths: strata.map((s) => s.paths),
      responsePaths: strata.map((s) => s.responsePaths),
      minRelativePivot: field.minRelativePivot,
      maxResolvent,
      subdiagonalIdentity,
      kernels: arena ? 'wasm-simd' : 'javascript',
      seconds: (performance.now() - began) / 1000,
    },
  };
}

/** Distribution of w at one time: weighted quantiles of the mixture (W* = −1 mirrored). O(N log N). */
function snapshot(ens: PathEnsemble, G: Float64Array, map: CoordinateMap, t: number): WeightSnapshot {
  const N = ens.size;
  const w = new Float64Array(2 * N);
  const weight = new Float64Array(2 * N);
  let meanAbs = 0;
  let active = 0;
  let m = 0;
  for (let p = 0; p < N; p++) {
    const v = map.value(G[p]!);
    const wt = ens.weight[p]!;
    meanAbs += wt * Math.abs(v);
    if (Math.abs(v) > 0.05) active += wt;
    // A path of the W* = +1 stratum stands for ±1 with half weight each; W* = 0 is symmetric too.
    w[m] = v;
    weight[m++] = wt / 2;
    w[m] = -v;
    weight[m++] = wt / 2;
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => w[a]! - w[b]!);
  const quantiles: number[] = [];
  let cum = 0;
  let qi = 0;
  for (const i of order) {
    cum += weight[i]!;
    while (qi < SNAPSHOT_PROBABILITIES.length && cum >= SNAPSHOT_PROBABILITIES[qi]!) {
      quantiles.push(w[i]!);
      qi++;
    }
  }
  while (quantiles.length < SNAPSHOT_PROBABILITIES.length) quantiles.push(w[order[m - 1]!]!);
  return { t, probabilities: [...SNAPSHOT_PROBABILITIES], quantiles, meanAbs, activeFraction: active };
}
