/**
 * Deep-linear theory (issue 5) against numpy, one BLAS thread, same algorithms on both sides:
 * - the DMFT for T = 160, L = 2 (α = 3, ν = 1, γ0 = 1, η = 0.05, σ = 0.2): the windowed causal
 *   Gauss–Seidel march of theory/deep-linear/dmft.ts against bench/deep_linear_dmft.py, the same
 *   scheme in numpy (row-block slices, forward substitutions), at window c = 1 (the solver's
 *   default) and c = 10 — goal ≤ 1.0×;
 * - one GD step of the finite-width trainer (src/sim/deep-linear-rank-one.ts) at D = N = 1024,
 *   P = 2048, L = 2 against bench/deep_linear_sim.py — goal ≤ 2×.
 * Ratios are times, Plateau / numpy (lower is better). Without numpy the numpy columns are skipped.
 */
import { RankOneNet } from '../src/sim/deep-linear-rank-one.ts';
import { solveDmft } from '../theory/deep-linear/dmft.ts';
import { bestSeconds, numpyStatus, ratio, round, textTable, type BenchModule } from './bench.ts';

export interface DeepLinearRow {
  name: string;
  plateauMs: number | null;
  numpyMs: number | null;
  timeRatio: number | null;
  goal: string;
}

const MODEL = { alpha: 3, nu: 1, gamma0: 1, eta: 0.05, sigma: 0.2, batch: undefined, branchScale: undefined };

export const deepLinearBench: BenchModule = {
  id: 'deep-linear',
  title: 'deep-linear DMFT (T = 160, L = 2) and rank-one trainer step (D = N = 1024, P = 2048) against numpy',
  async run(ctx) {
    const T = ctx.quick ? 60 : 160;
    const L = 2;
    const rows: DeepLinearRow[] = [];
    for (const window of [1, 10]) {
      ctx.log(`DMFT T=${T} L=${L} c=${window}…`);
      const plateau = await bestSeconds(() => solveDmft({ ...MODEL, L }, { steps: T, window }), { minRepeats: 3, minSeconds: 1 });
      const numpy = ctx.numpy('deep_linear_dmft.py', [String(T), String(L), String(window)]);
      const npMs = numpy.ok ? 1e3 * (numpy.value.seconds as number) : null;
      rows.push({ name: `DMFT T=${T} L=${L} window c=${window}`, plateauMs: plateau * 1e3, numpyMs: npMs, timeRatio: null, goal: '≤ 1.0×' });
    }
    const n = ctx.quick ? 256 : 1024;
    const P = 2 * n;
    ctx.log(`rank-one trainer step D=N=${n} P=${P} L=${L}…`);
    const net = new RankOneNet({ D: n, N: n, L, gamma0: 1, eta: 0.05, sigma: 0.2, samples: P, steps: 2, seed: 1 });
    const step = await bestSeconds(() => net.step(), { minRepeats: 5, minSeconds: 1 });
    const sim = ctx.numpy('deep_linear_sim.py', [String(n), String(n), String(P), String(L)]);
    rows.push({ name: `trainer step D=N=${n} P=${P} L=${L}`, plateauMs: step * 1e3, numpyMs: sim.ok ? (sim.value.stepMs as number) : null, timeRatio: null, goal: '≤ 2×' });
    const out = rows.map((r) => ({ ...r, timeRatio: ratio(r.plateauMs, r.numpyMs), plateauMs: round(r.plateauMs), numpyMs: round(r.numpyMs) }));
    const lines = textTable(['benchmark', 'Plateau ms', 'numpy ms', '× numpy', 'goal'], out.map((r) => [r.name, r.plateauMs, r.numpyMs, r.timeRatio, r.goal]));
    const numpy = numpyStatus();
    if (!numpy.ok) lines.push(`numpy: skipped — ${numpy.reason}`);
    return { results: out, lines };
  },
};
