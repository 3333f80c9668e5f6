import { describe, expect, it } from 'vitest';
import { covarianceRow, GaussianField, marchPaths, PathEnsemble, TangentEnsemble, type StratumSpec } from '../../src/dmft/paths.ts';
import { PathArena } from '../../src/dmft/wasm-paths.ts';
import { catchError, maxAbsDiff } from '../helpers.ts';

const T = 11;

describe('stratified path ensembles', () => {
  const strata: StratumSpec[] = [
    { weight: 0.7, paths: 37, responsePaths: 5, value: 0 },
    { weight: 0.3, paths: 23, responsePaths: 3, value: 1 },
  ];

  it('weights sum to one per ensemble and to the stratum weight per stratum', () => {
    const ens = new PathEnsemble(strata, T, 1);
    expect(ens.mean(new Float64Array(ens.size).fill(1))).toBeCloseTo(1, 14);
    expect(ens.mean(ens.value)).toBeCloseTo(0.3, 14);
    expect(ens.responseWeight.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 14);
    expect(ens.stride % 2).toBe(0);
  });

  it('refuses a stratum with weight but no tangent paths', () => {
    expect(catchError(() => new PathEnsemble([{ weight: 1, paths: 4, responsePaths: 0, value: 0 }], T, 1)).code).toBe('BAD_PARAM');
  });

  it('the Gaussian field reproduces its covariance (empirical over 40 000 paths)', () => {
    const big = new PathEnsemble([{ weight: 1, paths: 40000, responsePaths: 1, value: 0 }], 4, 9);
    const K = [
      [1, 0.9, 0.7, 0.5],
      [0.9, 1, 0.9, 0.7],
      [0.7, 0.9, 1, 0.9],
      [0.5, 0.7, 0.9, 1],
    ];
    const field = new GaussianField(4, 1e-12, 'K');
    for (let k = 0; k < 4; k++) field.addRow(K[k]!);
    const zeta = Array.from({ length: 4 }, (_, k) => Array.from({ length: big.size }, (_, p) => field.cholesky.sample(k, big.z.subarray(p * big.stride, p * big.stride + 4))));
    for (let a = 0; a < 4; a++) {
      for (let b = 0; b < 4; b++) {
        const c = zeta[a]!.reduce((s, v, p) => s + v * zeta[b]![p]!, 0) / big.size;
        expect(Math.abs(c - K[a]![b]!)).toBeLessThan(0.03);
      }
    }
  });

  it('a covariance that is not positive semi-definite is a breakdown naming the step, not NaN', () => {
    const field = new GaussianField(3, 1e-9, 'δ·C_r');
    field.addRow([1]);
    const e = catchError(() => field.addRow([2, 1]));
    expect(e.code).toBe('DIVERGED');
    expect(e.message).toMatch(/Cholesky pivot of δ·C_r.*step=1/);
    const g = new GaussianField(3, 1e-9, 'δ·C_r');
    expect(catchError(() => g.addRow([NaN])).message).toMatch(/covariance δ·C_r\[0,0\].*step=0/);
  });

  /** A toy march x_{k+1} = x_k + h(ζ_k − 0.5·Σ M[k,j] φ_j), φ = tanh x, on a fixed kernel. */
  function toyMarch(useWasm: boolean): { cov: Float64Array; resp: Float64Array } {
    const Tm = 9;
    const entries = PathEnsemble.entries(strata, Tm) + TangentEnsemble.entries(8, Tm);
    const arena = useWasm ? PathArena.create(entries) : undefined;
    const ens = new PathEnsemble(strata, Tm, 5, arena);
    const tan = new TangentEnsemble(ens, Tm);
    const x = new Float64Array(ens.size);
    const slope = new Float64Array(ens.size);
    for (let p = 0; p < ens.size; p++) {
      ens.history[p * ens.stride] = Math.tanh(0) - ens.value[p]!;
      slope[p] = 1;
    }
    const cov = new Float64Array(Tm * Tm);
    const resp = new Float64Array(Tm * Tm);
    const row = new Float64Array(Tm);
    covarianceRow(ens, 0, row);
    cov[0] = row[0]!;
    const field = new Float64Array(Tm);
    const memory = new Float64Array(Tm);
    const respRow = new Float64Array(Tm);
    for (let k = 0; k + 1 < Tm; k++) {
      for (let j = 0; j <= k; j++) {
        field[j] = 0.3 / (1 + k - j);
        memory[j] = -0.5 * Math.exp(-0.4 * (k - j));
      }
      row.fill(0);
      marchPaths(ens, k, field, memory, (p, drive) => {
        x[p]! += 0.2 * drive;
        slope[p] = 1 - Math.tanh(x[p]!) ** 2;
        return Math.tanh(x[p]!) - ens.value[p]!;
      }, row);
      for (let j = 0; j <= k + 1; j++) cov[(k + 1) * Tm + j] = row[j]!;
      tan.advance(k, 0.2, memory, slope, respRow);
      for (let c = 0; c <= k; c++) resp[(k + 1) * Tm + c] = respRow[c]!;
      // J[k+1,k] = h exactly, so R[k+1,k] = h·E_R[φ′_{k+1}].
      let meanSlope = 0;
      for (let r = 0; r < tan.count; r++) meanSlope += ens.responseWeight[r]! * slope[ens.responseIndex[r]!]!;
      expect(respRow[k]! / (0.2 * meanSlope)).toBeCloseTo(1, 12);
      expect(tan.tangent(0, k)).toBeCloseTo(0.2, 14);
    }
    return { cov, resp };
  }

  it('the fused march and the tangents agree between WebAssembly and JavaScript kernels', () => {
    expect(PathArena.create(1000)).toBeDefined();
    const js = toyMarch(false);
    const wasm = toyMarch(true);
    expect(maxAbsDiff(js.cov, wasm.cov)).toBeLessThan(1e-13);
    expect(maxAbsDiff(js.resp, wasm.resp)).toBeLessThan(1e-13);
    expect(js.cov.some((v) => v !== 0)).toBe(true);
  });
});
