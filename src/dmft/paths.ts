/**
 * Monte Carlo path marching for single-site DMFT processes: the effective process of one
 * coordinate is simulated on many paths at once, driven by a Gaussian field whose covariance is
 * known one time step at a time (incremental Cholesky, `operators.ts`), with a linear memory of
 * the path's own history; responses come from tangents carried along a subset of the paths.
 *
 * The process (scalar state x, history value φ_k = φ(x_k), step sizes h_k):
 *   x_{k+1} = x_k + h_k·(ζ_k + Σ_{j≤k} K[k,j]·φ_j + f_k),  ζ ~ GP(0, Q),
 * where Q and K are fixed self-consistently from averages over paths and f is a probe field. The
 * tools here are generic in φ and in how Q and K are built; a theory supplies those.
 *
 * Stratified sampling: paths are grouped in strata (e.g. by the value of a teacher coordinate),
 * each with a probability weight; a path's weight is its stratum's weight over its stratum's path
 * count, so weighted sums over paths are unbiased means over the mixture.
 */
import { PlateauError } from '../core/errors.ts';
import { Rng } from '../core/rng.ts';
import { IncrementalCholesky } from './operators.ts';
import { PathArena } from './wasm-paths.ts';

export interface StratumSpec {
  /** Probability of the stratum (the weights of all strata sum to 1). */
  weight: number;
  /** Paths in the stratum (≥ 0; a stratum of weight 0 may have none). */
  paths: number;
  /** How many of those paths also carry tangents (≤ paths). */
  responsePaths: number;
  /** A label the theory attaches to the stratum's paths (e.g. the teacher value W*). */
  value: number;
}

/**
 * Paths of all strata in one contiguous ensemble. Per path: its weight and stratum value, T
 * standard normals z (row-major [path][step], row stride `stride` = T rounded up to even) and a
 * history of T values φ_k. Tangent paths are the first `responsePaths` paths of each stratum.
 * Memory: 16·stride·N bytes for z and the history. With an arena (`wasm-paths.ts`) the arrays live
 * in WebAssembly memory and the marching kernels run there; without one, in JavaScript.
 */
export class PathEnsemble {
  readonly size: number;
  readonly stride: number;
  readonly weight: Float64Array;
  readonly value: Float64Array;
  readonly z: Float64Array;
  readonly history: Float64Array;
  /** Indices of the tangent paths, and their weights (stratum weight / responsePaths). */
  readonly responseIndex: Int32Array;
  readonly responseWeight: Float64Array;
  /** Scratch for the kernels: drives, weighted new values, and one row each of field, memory, covariance. */
  readonly scratch: { drive: Float64Array; weighted: Float64Array; field: Float64Array; memory: Float64Array; cov: Float64Array };

  constructor(
    readonly strata: readonly StratumSpec[],
    readonly T: number,
    seed: number,
    readonly arena?: PathArena,
  ) {
    let n = 0;
    let nr = 0;
    for (const [s, st] of strata.entries()) {
      if (!(st.paths >= 0 && Number.isInteger(st.paths) && st.responsePaths >= 0 && st.responsePaths <= st.paths)) {
        throw new PlateauError('BAD_PARAM', `stratum ${s}: needs integer paths ≥ responsePaths ≥ 0, got paths=${st.paths}, responsePaths=${st.responsePaths}`, { stratum: s });
      }
      if (st.weight > 0 && (st.paths === 0 || st.responsePaths === 0)) {
        throw new PlateauError('BAD_PARAM', `stratum ${s} has weight ${st.weight} but no paths or no tangent paths`, { stratum: s });
      }
      n += st.paths;
      nr += st.responsePaths;
    }
    const alloc = (len: number) => (arena ? arena.alloc(len) : new Float64Array(len));
    this.size = n;
    this.stride = evenStride(T);
    this.weight = alloc(n);
    this.value = alloc(n);
    this.z = alloc(n * this.stride);
    this.history = alloc(n * this.stride);
    this.scratch = { drive: alloc(n), weighted: alloc(n), field: alloc(this.stride), memory: alloc(this.stride), cov: alloc(this.stride) };
    this.responseIndex = new Int32Array(nr);
    this.responseWeight = new Float64Array(nr);
    let p = 0;
    let r = 0;
    const row = new Float64Array(T);
    for (const [s, st] of strata.entries()) {
      // One normal stream per stratum: adding paths to one stratum leaves the others unchanged.
      const rng = Rng.derive(seed, 'stratum', s);
      for (let i = 0; i < st.paths; i++) {
        rng.fillNormal(row);
        this.z.set(row, (p + i) * this.stride);
        this.weight[p + i] = st.weight / st.paths;
        this.value[p + i] = st.value;
        if (i < st.responsePaths) {
          this.responseIndex[r] = p + i;
          this.responseWeight[r] = st.weight / st.responsePaths;
          r++;
        }
      }
      p += st.paths;
    }
  }

  /** Float64 entries an ensemble of these strata takes in an arena (for sizing it). */
  static entries(strata: readonly StratumSpec[], T: number): number {
    const n = strata.reduce((a, s) => a + s.paths, 0);
    const stride = evenStride(T);
    return [n, n, n * stride, n * stride, n, n, stride, stride, stride].reduce((a, len) => a + PathArena.footprint(len), 0);
  }

  /** Weighted mean of `x` over all paths (x indexed by path). O(N). */
  mean(x: Float64Array): number {
    let acc = 0;
    for (let p = 0; p < this.size; p++) acc += this.weight[p]! * x[p]!;
    return acc;
  }
}

/** T rounded up to even: rows of two-lane vectors stay in bounds. */
function evenStride(T: number): number {
  return T + (T % 2);
}

/**
 * The Gaussian field ζ ~ GP(0, Q), sampled causally: row k of Q arrives at step k, is appended to
 * an incremental Cholesky factor (jittered, see `IncrementalCholesky`), and ζ_k = L[k,:]·z per path.
 * A covariance row that is not finite, or a pivot more negative than round-off allows (Q not
 * positive semi-definite), is a breakdown: DIVERGED names the step and the quantity.
 */
export class GaussianField {
  readonly cholesky: IncrementalCholesky;
  /** Smallest pivot seen relative to its diagonal entry (before flooring). */
  minRelativePivot = Infinity;

  constructor(
    readonly T: number,
    jitter: number,
    /** What the field is, for error messages (e.g. `δ·C_r`). */
    readonly name: string,
  ) {
    this.cholesky = new IncrementalCholesky(T, jitter);
  }

  /** Append row k of Q (Q[k, 0..k] in `row`). O(k²). */
  addRow(row: ArrayLike<number>, where: Record<string, number> = {}): void {
    const k = this.cholesky.size;
    const diag = row[k]!;
    for (let j = 0; j <= k; j++) {
      if (!Number.isFinite(row[j]!)) throw breakdown(`covariance ${this.name}[${k},${j}] of the driving field`, row[j]!, k, where);
    }
    const pivot = this.cholesky.addRow(row);
    const rel = pivot / Math.max(Math.abs(diag), Number.MIN_VALUE);
    if (rel < this.minRelativePivot) this.minRelativePivot = rel;
    if (!Number.isFinite(pivot) || rel < -1e-6) {
      throw breakdown(`Cholesky pivot of ${this.name} (covariance not positive semi-definite: pivot ${pivot.toExponential(3)}, diagonal ${diag.toExponential(3)})`, pivot, k, where);
    }
    const ok = k * this.T;
    for (let j = 0; j <= k; j++) {
      if (!Number.isFinite(this.cholesky.L[ok + j]!)) throw breakdown(`Cholesky factor of ${this.name}[${k},${j}]`, this.cholesky.L[ok + j]!, k, where);
    }
  }

  /** Row k of the factor L (valid after `addRow` for step k). */
  row(k: number): Float64Array {
    return this.cholesky.L.subarray(k * this.T, k * this.T + k + 1);
  }
}

/** DIVERGED naming the step, the quantity and its value. */
export function breakdown(what: string, value: number, step: number, where: Record<string, number> = {}): PlateauError {
  const at = Object.entries({ step, ...where })
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return new PlateauError('DIVERGED', `DMFT breakdown: ${what} is ${value} at ${at}`, { step, ...where, what, value: String(value) });
}

/**
 * One causal step of every path, fused so that each path's history is read from memory once:
 *   drive_p = Σ_{j≤k} field[j]·z[p,j] + Σ_{j≤k} memory[j]·history[p,j]   (ζ_k plus the memory term),
 *   φ = advance(p, drive_p)                                               (the theory's update),
 *   history[p,k+1] = φ,  covRow[j] += weight_p·φ·history[p,j] for j ≤ k+1   (row k+1 of E[φφᵀ]).
 * `field` is row k of the Cholesky factor, `memory` row k of the memory kernel K; `covRow` (length
 * ≥ k+2) must be zeroed by the caller. Requires k+1 < T. Cost O(N·k): three multiply-adds per
 * history entry; this is the O(N·T²) part of a DMFT. With an arena, blocks of paths go through the
 * WebAssembly kernels (drive, then the theory's update in JavaScript, then the covariance while the
 * block's rows are still in cache); otherwise JavaScript loops take four paths at a time so that
 * each load of field[j], memory[j] and covRow[j] serves four paths.
 */
export function marchPaths(
  ens: PathEnsemble,
  k: number,
  field: ArrayLike<number>,
  memory: ArrayLike<number>,
  advance: (p: number, drive: number) => number,
  covRow: Float64Array,
): void {
  if (ens.arena) {
    marchPathsWasm(ens, ens.arena, k, field, memory, advance, covRow);
    return;
  }
  const T = ens.stride;
  const z = ens.z;
  const h = ens.history;
  const w = ens.weight;
  const n = ens.size;
  const k1 = k + 1;
  let p = 0;
  for (; p + 4 <= n; p += 4) {
    const o0 = p * T;
    const o1 = o0 + T;
    const o2 = o1 + T;
    const o3 = o2 + T;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    for (let j = 0; j <= k; j++) {
      const fj = field[j]!;
      const mj = memory[j]!;
      a0 += fj * z[o0 + j]! + mj * h[o0 + j]!;
      a1 += fj * z[o1 + j]! + mj * h[o1 + j]!;
      a2 += fj * z[o2 + j]! + mj * h[o2 + j]!;
      a3 += fj * z[o3 + j]! + mj * h[o3 + j]!;
    }
    const f0 = advance(p, a0);
    const f1 = advance(p + 1, a1);
    const f2 = advance(p + 2, a2);
    const f3 = advance(p + 3, a3);
    h[o0 + k1] = f0;
    h[o1 + k1] = f1;
    h[o2 + k1] = f2;
    h[o3 + k1] = f3;
    const w0 = w[p]! * f0;
    const w1 = w[p + 1]! * f1;
    const w2 = w[p + 2]! * f2;
    const w3 = w[p + 3]! * f3;
    for (let j = 0; j <= k1; j++) covRow[j]! += w0 * h[o0 + j]! + w1 * h[o1 + j]! + w2 * h[o2 + j]! + w3 * h[o3 + j]!;
  }
  for (; p < n; p++) {
    const o = p * T;
    let acc = 0;
    for (let j = 0; j <= k; j++) acc += field[j]! * z[o + j]! + memory[j]! * h[o + j]!;
    const phi = advance(p, acc);
    h[o + k1] = phi;
    const wphi = w[p]! * phi;
    for (let j = 0; j <= k1; j++) covRow[j]! += wphi * h[o + j]!;
  }
}

/** Paths per kernel call: a block's rows (16·stride·32 bytes ≈ 128 kB at T = 250) stay in L2. */
const BLOCK = 32;

function marchPathsWasm(ens: PathEnsemble, arena: PathArena, k: number, field: ArrayLike<number>, memory: ArrayLike<number>, advance: (p: number, drive: number) => number, covRow: Float64Array): void {
  const { drive, weighted, field: f, memory: m, cov } = ens.scratch;
  const stride = ens.stride;
  const k1 = k + 1;
  for (let j = 0; j < k1; j++) {
    f[j] = field[j]!;
    m[j] = memory[j]!;
  }
  const len = k + 2 + ((k + 2) % 2);
  cov.fill(0, 0, len);
  const zA = PathArena.address(ens.z);
  const hA = PathArena.address(ens.history);
  const pairs = 16 * Math.floor(k1 / 2);
  const odd = k1 % 2;
  const h = ens.history;
  const w = ens.weight;
  for (let p0 = 0; p0 < ens.size; p0 += BLOCK) {
    const p1 = Math.min(ens.size, p0 + BLOCK);
    arena.drive(zA, hA, PathArena.address(f), PathArena.address(m), stride * 8, pairs, odd, p0, p1, PathArena.address(drive));
    for (let p = p0; p < p1; p++) {
      const phi = advance(p, drive[p]!);
      h[p * stride + k1] = phi;
      weighted[p] = w[p]! * phi;
    }
    arena.accumulate(hA, PathArena.address(weighted), stride * 8, len * 8, p0, p1, PathArena.address(cov));
  }
  for (let j = 0; j <= k1; j++) covRow[j]! += cov[j]!;
}

/** Row k of E[φφᵀ] from the histories (for the first step; later rows come from `marchPaths`). O(N·k). */
export function covarianceRow(ens: PathEnsemble, k: number, covRow: Float64Array): void {
  const T = ens.stride;
  covRow.fill(0, 0, k + 1);
  for (let p = 0; p < ens.size; p++) {
    const o = p * T;
    const wphi = ens.weight[p]! * ens.history[o + k]!;
    for (let j = 0; j <= k; j++) covRow[j]! += wphi * ens.history[o + j]!;
  }
}

/**
 * Tangents J[k,c] = ∂x_k/∂f_c along the tangent paths (ζ held fixed), propagated by
 *   J[k+1,c] = J[k,c] + h_k·(1{c=k} + Σ_{m≤k} K[k,m]·φ′_m·J[m,c]),
 * and the response R[k,c] = E[φ′_k·J[k,c]] (strictly lower triangular: J[k,c] = 0 for c ≥ k).
 * Stored is JD[m][path][c] = φ′_m·J[m,c], so the memory sum is a contiguous axpy over m.
 * Memory 8·T·stride·N_R bytes; cost O(N_R·T³/6) multiply-adds over a whole march (the memory sum
 * in WebAssembly when the ensemble has an arena).
 */
export class TangentEnsemble {
  readonly count: number;
  readonly stride: number;
  /** JD, layout [m][r][c] with r the tangent-path index. */
  readonly jd: Float64Array;
  /** J at the current step, layout [r][c]. */
  private readonly current: Float64Array;
  /** h·K[k, m] for the kernel call. */
  private readonly coef: Float64Array;

  constructor(
    readonly ens: PathEnsemble,
    readonly T: number,
  ) {
    this.count = ens.responseIndex.length;
    this.stride = ens.stride;
    const alloc = (len: number) => (ens.arena ? ens.arena.alloc(len) : new Float64Array(len));
    this.jd = alloc(T * this.count * this.stride);
    this.current = alloc(this.count * this.stride);
    this.coef = alloc(this.stride);
  }

  /** Float64 entries the tangents of `responsePaths` paths take in an arena. */
  static entries(responsePaths: number, T: number): number {
    const stride = evenStride(T);
    return [T * responsePaths * stride, responsePaths * stride, stride].reduce((a, len) => a + PathArena.footprint(len), 0);
  }

  /**
   * Advance from step k to k+1 (J[k] → J[k+1]), given h_k, row k of K and φ′_{k+1} on every path
   * (`slope`, indexed by path), then store JD[k+1] and write row k+1 of R into `responseRow`
   * (columns 0..k). O(N_R·k²/2).
   */
  advance(k: number, h: number, kernelRow: ArrayLike<number>, slope: Float64Array, responseRow: Float64Array): void {
    const T = this.stride;
    const nr = this.count;
    const J = this.current;
    const jd = this.jd;
    const span = nr * T;
    const arena = this.ens.arena;
    if (arena) {
      for (let m = 0; m <= k; m++) this.coef[m] = h * kernelRow[m]!;
      arena.tangentMemory(PathArena.address(jd), PathArena.address(J), PathArena.address(this.coef), T * 8, span * 8, nr, k);
    } else {
      // J[k+1] = J[k] + h·(e_k + Σ_m K[k,m]·JD[m]); JD[m][r][c] vanishes for c ≥ m (stored zeros),
      // so four rows m..m+3 are combined per pass over c < m+3 (one load/store of J per four).
      let m = 1;
      for (; m + 4 <= k + 1; m += 4) {
        const c0 = h * kernelRow[m]!;
        const c1 = h * kernelRow[m + 1]!;
        const c2 = h * kernelRow[m + 2]!;
        const c3 = h * kernelRow[m + 3]!;
        const s0 = m * span;
        const s1 = s0 + span;
        const s2 = s1 + span;
        const s3 = s2 + span;
        const top = m + 3;
        for (let r = 0; r < nr; r++) {
          const or = r * T;
          for (let c = 0; c < top; c++) J[or + c]! += c0 * jd[s0 + or + c]! + c1 * jd[s1 + or + c]! + c2 * jd[s2 + or + c]! + c3 * jd[s3 + or + c]!;
        }
      }
      for (; m <= k; m++) {
        const coef = h * kernelRow[m]!;
        const om = m * span;
        for (let r = 0; r < nr; r++) {
          const or = r * T;
          for (let c = 0; c < m; c++) J[or + c]! += coef * jd[om + or + c]!;
        }
      }
    }
    for (let r = 0; r < nr; r++) J[r * T + k]! += h;
    // JD[k+1] = φ′_{k+1}·J[k+1]; R[k+1,c] = Σ_r w_r·JD[k+1][r][c].
    responseRow.fill(0, 0, k + 1);
    const idx = this.ens.responseIndex;
    const rw = this.ens.responseWeight;
    const o1 = (k + 1) * span;
    for (let r = 0; r < nr; r++) {
      const s = slope[idx[r]!]!;
      const or = r * T;
      const wr = rw[r]!;
      for (let c = 0; c <= k; c++) {
        const v = s * J[or + c]!;
        jd[o1 + or + c] = v;
        responseRow[c]! += wr * v;
      }
    }
  }

  /** J[k,c] of tangent path r at the current step (for tests). */
  tangent(r: number, c: number): number {
    return this.current[r * this.stride + c]!;
  }
}
