/**
 * DLN benchmarks against numpy implementations of the same algorithms (one BLAS thread), as
 * ratios of wall times, Plateau / numpy (lower is better; never asserted in tests):
 * - one DMFT run: T = 250 steps (η = 0.05, α = 0.3), 15 000 paths, 160 tangent paths, one core
 *   (bench/dln_dmft.py: the same march with per-step BLAS matrix–vector products);
 * - the finite-d G-scheme at d = 2000 (n = 1000) for 1 000 steps (bench/dln_sim.py).
 * Registered in bench/index.ts (`npm run bench -- --only dln`); also runnable on its own:
 * `npx tsx bench/dln-dmft.ts [--quick]`.
 */
import { dlnProblem, trainDln } from '../src/sim/diagonal-linear-net.ts';
import { solveDmft } from '../theory/dln/dmft.ts';
import { timeGrid } from '../theory/dln/model.ts';
import { bestSeconds, numpyStatus, ratio, round, runNumpy, textTable, type BenchContext, type BenchModule } from './bench.ts';

export interface DlnBenchRow {
  name: string;
  plateauSeconds: number;
  numpySeconds: number | null;
  timeRatio: number | null;
}

export const dlnBench: BenchModule = {
  id: 'dln',
  title: 'DLN: DMFT march (T = 250, 15 000 paths) and the d = 2000 simulation, against numpy',
  async run(ctx) {
    const T = ctx.quick ? 100 : 250;
    const paths = ctx.quick ? 4000 : 15000;
    const model = { alpha: 0.3, delta: 0.5, rho: 0.1, sigma: 0.1, lambda: 0 };
    const grid = timeGrid(model, { tEnd: 0.05 * (T - 1) });
    ctx.log(`DMFT: T = ${grid.t.length}, ${paths} paths, 160 tangent paths…`);
    let kernels = '';
    const dmft = await bestSeconds(() => {
      kernels = solveDmft(model, { grid, seed: 1, paths, responsePaths: 160 }).diagnostics.kernels;
    }, { minRepeats: ctx.quick ? 1 : 3, maxRepeats: 5, minSeconds: 0 });
    const dmftJs = await bestSeconds(() => solveDmft(model, { grid, seed: 1, paths, responsePaths: 160, wasm: false }), { minRepeats: 1, maxRepeats: 2, minSeconds: 0 });
    const npDmft = ctx.numpy('dln_dmft.py', ['--T', String(grid.t.length), '--paths', String(paths), '--response-paths', '160']);

    const d = ctx.quick ? 500 : 2000;
    const steps = ctx.quick ? 200 : 1000;
    ctx.log(`simulation: d = ${d}, ${steps} G-scheme steps…`);
    const problem = dlnProblem({ d, delta: 0.5, rho: 0.1, sigma: 0.1, seed: 1 });
    const eta = new Float64Array(steps + 1).fill(0.05);
    const sim = await bestSeconds(() => trainDln(problem, { alpha: 0.3, lambda: 0, eta, steps }), { minRepeats: ctx.quick ? 1 : 3, maxRepeats: 5, minSeconds: 0 });
    const npSim = ctx.numpy('dln_sim.py', ['--d', String(d), '--steps', String(steps)]);

    const np = (o: typeof npDmft) => (o.ok && typeof o.value.seconds === 'number' ? o.value.seconds : null);
    const rows: DlnBenchRow[] = [
      { name: `DMFT T=${grid.t.length}, N=${paths}, N_R=160 (${kernels})`, plateauSeconds: dmft, numpySeconds: np(npDmft) },
      { name: `DMFT, same, JavaScript kernels`, plateauSeconds: dmftJs, numpySeconds: np(npDmft) },
      { name: `G-scheme d=${d}, n=${d / 2}, ${steps} steps`, plateauSeconds: sim, numpySeconds: np(npSim) },
    ].map((r) => ({ name: r.name, plateauSeconds: round(r.plateauSeconds)!, numpySeconds: round(r.numpySeconds), timeRatio: ratio(r.plateauSeconds, r.numpySeconds) }));
    const lines = textTable(['run', 'Plateau s', 'numpy s', '× numpy'], rows.map((r) => [r.name, r.plateauSeconds, r.numpySeconds, r.timeRatio]));
    if (!npDmft.ok) lines.push(`numpy: skipped — ${npDmft.reason}`);
    return { results: rows, lines };
  },
};

// Standalone: `npx tsx bench/dln-dmft.ts [--quick]`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  const ctx: BenchContext = { quick, size: 'test', log: (l) => process.stderr.write(`${l}\n`), numpy: runNumpy };
  if (!numpyStatus().ok) process.stderr.write(`numpy unavailable: ${(numpyStatus() as { reason: string }).reason}; Plateau times only\n`);
  const report = await dlnBench.run(ctx);
  process.stdout.write(`${report.lines.join('\n')}\n`);
}
