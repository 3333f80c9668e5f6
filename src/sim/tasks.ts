/**
 * Tasks for deep linear nets, as statistics (sums, see `deep-linear-net.ts`) with the SVD of
 * Σ³¹ = U S Vᵀ = Σ_α s_α u_α v_αᵀ (eq. 3 of arXiv:1312.6120), and raw data where there is any.
 */
import { PlateauError } from '../core/errors.ts';
import { Rng } from '../core/rng.ts';
import { kernels } from '../compute/registry.ts';
import { svd } from '../numeric/eigen.ts';
import { haarOrthogonal } from '../numeric/linalg.ts';
import { identityMatrix, statisticsFromData, type Dataset, type Statistics } from './deep-linear-net.ts';

/** Thin SVD of Σ³¹ restricted to its nonzero singular values. */
export interface TaskSvd {
  n1: number;
  n3: number;
  rank: number;
  /** n3×rank, column α is u_α. */
  u: Float64Array;
  /** s_1 ≥ … ≥ s_rank > 0. */
  s: Float64Array;
  /** n1×rank, column α is v_α. */
  v: Float64Array;
}

export interface Task {
  kind: 'teacher' | 'statistics' | 'hierarchical';
  statistics: Statistics;
  svd: TaskSvd;
  /** Raw examples whose sums are `statistics` (hierarchical: one-hot items and their features). */
  data?: Dataset;
  params: Record<string, number | number[]>;
  seed: number | null;
}

/** The leading `cols` columns of a row-major rows×stride matrix. */
function leadingColumns(a: Float64Array, rows: number, stride: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = a[i * stride + j]!;
  return out;
}

/**
 * The SVD of Σ³¹ (one-sided Jacobi, `numeric/eigen.ts`), keeping singular values above
 * max(n1, n3)·ε·s_1 (the numerical rank).
 */
function svdOfStatistics(statistics: Statistics): TaskSvd {
  const { n1, n3, sigma31 } = statistics;
  const full = svd(sigma31, n3, n1);
  const p = full.s.length;
  const cutoff = Math.max(n1, n3) * Number.EPSILON * (full.s[0] ?? 0);
  let rank = 0;
  while (rank < p && full.s[rank]! > cutoff) rank++;
  return {
    n1,
    n3,
    rank,
    u: leadingColumns(full.u, n3, p, rank),
    s: full.s.slice(0, rank),
    v: leadingColumns(full.v, n1, p, rank),
  };
}

/** A task given by its statistics; the SVD is computed. */
export function taskFromStatistics(statistics: Statistics): Task {
  return { kind: 'statistics', statistics, svd: svdOfStatistics(statistics), params: {}, seed: null };
}

/**
 * A noiseless linear teacher on whitened inputs: Σ¹¹ = I (n1×n1), Σ³¹ = Σ_α s_α u_α v_αᵀ with u_α, v_α
 * the leading columns of Haar-random orthogonal n3×n3 and n1×n1 matrices, and tr Σ³³ = Σ_α s_α²
 * (so E = ½‖Σ³¹ − W_tot‖²_F). Singular values are sorted descending; n3 < n1 is allowed.
 */
export function teacherTask(options: { n1: number; n3: number; singularValues: readonly number[]; seed: number }): Task {
  const { n1, n3, seed } = options;
  const s = [...options.singularValues].sort((a, b) => b - a);
  if (!Number.isInteger(n1) || !Number.isInteger(n3) || n1 < 1 || n3 < 1) {
    throw new PlateauError('BAD_PARAM', `n1 and n3 must be positive integers, got ${n1}, ${n3}`, { value: [n1, n3] });
  }
  if (s.length < 1 || s.length > Math.min(n1, n3) || !s.every((x) => Number.isFinite(x) && x > 0)) {
    throw new PlateauError('BAD_PARAM', `need 1 to ${Math.min(n1, n3)} positive singular values, got [${s.join(', ')}]`, { value: s });
  }
  const rank = s.length;
  const u = leadingColumns(haarOrthogonal(n3, Rng.derive(seed, 'teacher', 'U')), n3, n3, rank);
  const v = leadingColumns(haarOrthogonal(n1, Rng.derive(seed, 'teacher', 'V')), n1, n1, rank);
  const sigma31 = new Float64Array(n3 * n1);
  const ua = new Float64Array(n3);
  const va = new Float64Array(n1);
  for (let alpha = 0; alpha < rank; alpha++) {
    for (let i = 0; i < n3; i++) ua[i] = u[i * rank + alpha]!;
    for (let j = 0; j < n1; j++) va[j] = v[j * rank + alpha]!;
    kernels().rank1Update(n3, n1, sigma31, ua, va, s[alpha]!);
  }
  return {
    kind: 'teacher',
    statistics: { n1, n3, sigma11: identityMatrix(n1), sigma31, traceSigma33: s.reduce((acc, x) => acc + x * x, 0) },
    svd: { n1, n3, rank, u, s: Float64Array.from(s), v },
    params: { n1, n3, singularValues: s },
    seed,
  };
}

/**
 * P ≥ n1 whitened examples of a task with Σ¹¹ = I: X = the first n1 rows of a Haar P×P matrix
 * (so XXᵀ = I exactly up to rounding) and Y = Σ³¹X, whose statistics reproduce the task's.
 */
export function whitenedDataset(task: Task, options: { p: number; seed: number }): Dataset {
  const { n1, n3, sigma11, sigma31 } = task.statistics;
  const { p, seed } = options;
  if (!sigma11.every((x, i) => x === (i % (n1 + 1) === 0 ? 1 : 0))) {
    throw new PlateauError('BAD_PARAM', 'whitenedDataset needs a task with Σ¹¹ = I', { value: 'sigma11' });
  }
  if (!Number.isInteger(p) || p < n1) throw new PlateauError('BAD_PARAM', `P must be an integer ≥ n1 = ${n1}, got ${p}`, { value: p });
  const x = haarOrthogonal(p, Rng.derive(seed, 'whitened')).slice(0, n1 * p);
  const y = new Float64Array(n3 * p);
  kernels().matmul(n3, p, n1, sigma31, x, y);
  return { n1, n3, p, x, y };
}

/**
 * The hierarchical data of Saxe et al. Fig. 3 (CogSci 2013): P = 2^levels items are the leaves of a
 * binary tree. Each of `features` features draws a random ±1 at the root, and every branch copies
 * its parent's value, flipping it with probability `flipProbability`; an item's feature vector is
 * its leaf's values. Inputs are one-hot (X = I_P, so Σ¹¹ = I), Σ³¹ = Y (features × P). The
 * singular values form hierarchy groups of sizes 1, 1, 2, 4, …, 2^{levels−1} (a group per tree depth).
 */
export function hierarchicalTask(options: { levels: number; features: number; flipProbability?: number; seed: number }): Task {
  const { levels, features, seed } = options;
  const flip = options.flipProbability ?? 0.1;
  if (!Number.isInteger(levels) || levels < 1 || levels > 12) {
    throw new PlateauError('BAD_PARAM', `levels must be an integer in 1…12, got ${levels}`, { value: levels });
  }
  if (!Number.isInteger(features) || features < 1) throw new PlateauError('BAD_PARAM', `features must be a positive integer, got ${features}`, { value: features });
  if (!(flip >= 0 && flip <= 1)) throw new PlateauError('BAD_PARAM', `flipProbability must lie in [0, 1], got ${flip}`, { value: flip });
  const p = 2 ** levels;
  const rng = Rng.derive(seed, 'hierarchical');
  const y = new Float64Array(features * p);
  // Heap layout: node 1 is the root, the children of node i are 2i and 2i + 1, leaves are p … 2p − 1.
  const node = new Float64Array(2 * p);
  for (let f = 0; f < features; f++) {
    node[1] = rng.sign();
    for (let i = 2; i < 2 * p; i++) node[i] = rng.uniform() < flip ? -node[i >> 1]! : node[i >> 1]!;
    for (let item = 0; item < p; item++) y[f * p + item] = node[p + item]!;
  }
  const data: Dataset = { n1: p, n3: features, p, x: identityMatrix(p), y };
  const statistics = statisticsFromData(data);
  return {
    kind: 'hierarchical',
    statistics,
    svd: svdOfStatistics(statistics),
    data,
    params: { levels, features, flipProbability: flip, items: p },
    seed,
  };
}
