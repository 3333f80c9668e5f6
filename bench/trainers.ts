/**
 * One GD step of the finite-width trainers at D = N = 1024 against numpy (one BLAS thread):
 * - Saxe's full-matrix deep linear net (eq. 13 on statistics, widths N-N-N): the src/sim trainer
 *   (`DeepLinearGradient.step`, 6 products of N³ with its identity input) and the `gdStep` kernel
 *   (4 products);
 * - the Bordelon–Pehlevan deep linear net with a scalar readout (L = 2, P = 2048) through `gdStep`'s
 *   rank-one path: matrix–vector products and rank-one updates, O(L·N² + D·P).
 * Hook: the deep-linear theory's own trainer (issue 5) adds its module `bench/deep-linear-*.ts` to
 * bench/index.ts; until then the rank-one row here measures the same step through the kernel.
 * Ratios are times, Plateau / numpy (lower is better).
 */
import { Rng } from '../src/core/rng.ts';
import { kernels } from '../src/compute/registry.ts';
import { DeepLinearGradient } from '../src/sim/deep-linear-net.ts';
import { bestSeconds, ratio, round, textTable, type BenchModule } from './bench.ts';

export interface TrainerRow {
  name: string;
  plateauMs: number;
  numpyMs: number | null;
  /** plateauMs / numpyMs. */
  timeRatio: number | null;
}

export const trainersBench: BenchModule = {
  id: 'trainers',
  title: 'one GD step of the deep linear trainers',
  async run(ctx) {
    const n = ctx.quick ? 256 : 1024;
    const p = 2 * n;
    const numpy = ctx.numpy('trainers.py', [String(n), String(p)]);
    const rng = new Rng(2);
    const k = kernels();
    const x = rng.fillNormal(new Float64Array(n * n), 1 / Math.sqrt(n));
    const sigma11 = new Float64Array(n * n);
    k.gram(n, n, x, sigma11, { side: 'AAt' });
    const statistics = { n1: n, n3: n, sigma11, sigma31: rng.fillNormal(new Float64Array(n * n)), traceSigma33: n };
    const widths = [n, n, n];
    const weights = () => [rng.fillNormal(new Float64Array(n * n), 1 / Math.sqrt(n)), rng.fillNormal(new Float64Array(n * n), 1 / Math.sqrt(n))];

    ctx.log(`Saxe trainer step, N=${n}…`);
    const trainer = new DeepLinearGradient(widths, { kind: 'statistics', statistics });
    const w = weights();
    const saxeSim = await bestSeconds(() => trainer.step(w, 1e-4), { minRepeats: 3, minSeconds: 1 });

    ctx.log(`gdStep (statistics), N=${n}…`);
    const saxeStepper = k.gdStep({ widths, rates: 1e-4, objective: { kind: 'statistics', ...statistics } }, weights());
    const saxeKernel = await bestSeconds(() => saxeStepper.run(1), { minRepeats: 3, minSeconds: 1 });
    saxeStepper.dispose();

    ctx.log(`gdStep rank-one (scalar readout), D=N=${n}, P=${p}…`);
    const d = n;
    const rankOne = k.gdStep(
      {
        widths: [d, n, n, 1],
        scales: [1 / Math.sqrt(d), 1 / Math.sqrt(n), Math.sqrt(d) / n],
        rates: 0.1 * n,
        lossScale: 1 / p,
        objective: { kind: 'data', p, x: rng.fillNormal(new Float64Array(d * p)), y: rng.fillNormal(new Float64Array(p)) },
      },
      [rng.fillNormal(new Float64Array(n * d)), rng.fillNormal(new Float64Array(n * n)), rng.fillNormal(new Float64Array(n))],
    );
    const rankOneKernel = await bestSeconds(() => rankOne.run(1), { minRepeats: 5, minSeconds: 0.5 });
    rankOne.dispose();

    const np = (key: string) => (numpy.ok ? (numpy.value[key] as number) : null);
    const rows: TrainerRow[] = [
      { name: `saxe N=${n}: src/sim DeepLinearGradient.step`, plateauMs: saxeSim * 1e3, numpyMs: np('saxeMs') },
      { name: `saxe N=${n}: gdStep kernel`, plateauMs: saxeKernel * 1e3, numpyMs: np('saxeMs') },
      { name: `deep-linear rank-one D=N=${n} P=${p} L=2: gdStep`, plateauMs: rankOneKernel * 1e3, numpyMs: np('rankOneMs') },
    ].map((r) => ({ ...r, plateauMs: round(r.plateauMs)!, numpyMs: round(r.numpyMs), timeRatio: ratio(r.plateauMs, r.numpyMs) }));
    const lines = textTable(['step', 'Plateau ms', 'numpy ms', '× numpy'], rows.map((r) => [r.name, r.plateauMs, r.numpyMs, r.timeRatio]));
    if (!numpy.ok) lines.push(`numpy: skipped — ${numpy.reason}`);
    return { results: rows, lines };
  },
};
