import { describe, expect, it } from 'vitest';
import { silentProgress } from '../../../src/core/progress.ts';
import { dlnProblem, trainDln } from '../../../src/sim/diagonal-linear-net.ts';
import { solveDmft, teacherStrata } from '../../../theory/dln/dmft.ts';
import { BASE } from '../../../theory/dln/experiments/curves.ts';
import { maxZScore } from '../../../theory/dln/experiments/stats.ts';
import { gridFromSteps, timeGrid } from '../../../theory/dln/model.ts';
import { simulateDln } from '../../../theory/dln/simulator.ts';
import { dmftThreads, runDmfts } from '../../../theory/dln/runs.ts';
import { averagedDmft } from '../../../theory/dln/solver.ts';
import { catchError } from '../../helpers.ts';

const model = { alpha: 0.3, delta: 0.5, rho: 0.1, sigma: 0.1, lambda: 0 };
const ctx = { seed: 1, progress: silentProgress, backend: 'cpu' };

describe('DMFT of the diagonal network (discrete G-scheme)', () => {
  const grid = timeGrid(model, { tEnd: 3 });
  const run = solveDmft(model, { grid, seed: 7, paths: 4000, responsePaths: 96 });

  it('starts at E_gen = ρ and E_train = (ρ + σ²)/2 exactly', () => {
    expect(run.testError[0]).toBeCloseTo(0.1, 15);
    expect(run.trainError[0]).toBeCloseTo(0.055, 15);
  });

  it('holds the exact response identity R_Δ[k,k−1] = E[A_k]·η_{k−1}/δ on the tangent paths', () => {
    expect(run.diagnostics.subdiagonalIdentity).toBeLessThan(1e-12);
  });

  it('is seeded and deterministic, and independent of the kernels (WebAssembly or JavaScript) to rounding', () => {
    const again = solveDmft(model, { grid, seed: 7, paths: 4000, responsePaths: 96 });
    expect(Array.from(again.testError)).toEqual(Array.from(run.testError));
    const js = solveDmft(model, { grid, seed: 7, paths: 4000, responsePaths: 96, wasm: false });
    // The jittered Cholesky amplifies rounding differences (by up to 1/√ε), still far below MC noise.
    for (let k = 0; k < grid.t.length; k++) expect(Math.abs(js.testError[k]! - run.testError[k]!)).toBeLessThan(1e-4);
    expect(run.diagnostics.kernels).toBe('wasm-simd');
  });

  it('C_Δ and C_r are symmetric with non-negative diagonals', () => {
    const T = grid.t.length;
    for (let i = 0; i < T; i++) {
      expect(run.correlation[i * T + i]).toBeGreaterThanOrEqual(0);
      for (let j = 0; j < i; j++) {
        expect(run.correlation[i * T + j]).toBe(run.correlation[j * T + i]);
        expect(run.residualCorrelation[i * T + j]).toBe(run.residualCorrelation[j * T + i]);
      }
    }
  });

  it('a tenfold change of the jitter moves the curve less than another seed does (Monte Carlo level)', () => {
    const coarse = solveDmft(model, { grid, seed: 7, paths: 4000, responsePaths: 96, jitter: 1e-8 });
    const other = solveDmft(model, { grid, seed: 8, paths: 4000, responsePaths: 96 });
    const gap = (a: Float64Array) => Math.max(...a.map((v, k) => Math.abs(v - run.testError[k]!)));
    expect(gap(coarse.testError)).toBeLessThan(0.5 * gap(other.testError));
  });

  it('stratifies over W* with the digest’s split (12 000, 3 000) and (128, 32), and ≥ 256 null tangents at small α', () => {
    expect(teacherStrata(model, 15000, 160).map((s) => [s.paths, s.responsePaths])).toEqual([[12000, 128], [3000, 32]]);
    expect(teacherStrata({ ...model, alpha: 0.01 }, 15000, 160)[0]!.responsePaths).toBe(256);
  });

  it('reports a breakdown with its step and quantity instead of NaN (a step far past the stability bound)', () => {
    const unstable = gridFromSteps(new Float64Array(40).fill(3));
    const e = catchError(() => solveDmft({ ...model, alpha: 1 }, { grid: unstable, seed: 1, paths: 500, responsePaths: 16 }));
    expect(e.code).toBe('DIVERGED');
    expect(e.message).toMatch(/DMFT breakdown: .* at step=\d+/);
  });

  it('the G-scheme simulation at the same steps agrees with the first DMFT step exactly in expectation', () => {
    // After one step G = η·g(0), g(0) = W* + N(0, (ρ + σ²)/δ): E_gen(t_1) has a closed form.
    const eta = grid.eta[0]!;
    const s2 = (model.rho + model.sigma ** 2) / model.delta;
    const a2 = model.alpha ** 2;
    const z = Array.from({ length: 4001 }, (_, i) => -10 + i * 0.005);
    const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    const moment = (W: number) => z.reduce((acc, x) => acc + 0.005 * phi(x) * (a2 * Math.sinh(2 * eta * (W + Math.sqrt(s2) * x)) - W) ** 2, 0);
    const exact = (1 - model.rho) * moment(0) + model.rho * moment(1);
    expect(Math.abs(run.testError[1]! - exact)).toBeLessThan(3e-4);
  });
});

describe('independent runs on helper threads', () => {
  it('give the same curves as on one thread (runs are seeded on their own)', async () => {
    const grid = timeGrid(model, { tEnd: 7.45 });
    const options = { paths: 9000, responsePaths: 32 };
    const saved = process.env.PLATEAU_THREADS;
    try {
      process.env.PLATEAU_THREADS = '2';
      expect(dmftThreads(2, options.paths, grid.t.length)).toBe(2);
      const threaded = await runDmfts(model, grid, [11, 12], options, () => {});
      process.env.PLATEAU_THREADS = '1';
      const serial = await runDmfts(model, grid, [11, 12], options, () => {});
      for (let i = 0; i < 2; i++) expect(Array.from(threaded[i]!.testError)).toEqual(Array.from(serial[i]!.testError));
    } finally {
      if (saved === undefined) delete process.env.PLATEAU_THREADS;
      else process.env.PLATEAU_THREADS = saved;
    }
  });
});

describe('DMFT against finite-d simulation at small d', () => {
  it('test error within the Monte Carlo + finite-size error over the whole curve (α = 0.3, d = 200)', async () => {
    const params = { ...BASE, alpha: 0.3, lambda: 0, d: 200, seeds: 32 };
    const { solution } = await averagedDmft(params, { 't-end': 4, runs: 3, 'max-runs': 3, paths: 3000 }, ctx);
    const g = timeGrid(params, { tEnd: 4 });
    const { series } = await simulateDln(params, g.eta, g.t.length - 1, ctx);
    const z = maxZScore(solution.testError, solution.testErrorSe, series.testError, series.testErrorSe);
    expect(z.z).toBeLessThan(3.5);
    expect(z.maxGap).toBeLessThan(0.005);
  });

  it('plain GD on (u, v) differs from the G-scheme by O(η): halving η halves the gap', () => {
    const p = dlnProblem({ d: 200, delta: 0.5, rho: 0.1, sigma: 0.1, seed: 3 });
    const gap = (eta: number) => {
      const steps = Math.round(2 / eta);
      const e = new Float64Array(steps + 1).fill(eta);
      const a = trainDln(p, { alpha: 0.3, lambda: 0, eta: e, steps });
      const b = trainDln(p, { alpha: 0.3, lambda: 0, eta: e, steps, algorithm: 'gd' });
      return Math.max(...a.testError.map((v, k) => Math.abs(v - b.testError[k]!)));
    };
    const ratio = gap(0.05) / gap(0.025);
    expect(ratio).toBeGreaterThan(1.7);
    expect(ratio).toBeLessThan(2.3);
  });
});
