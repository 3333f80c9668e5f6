/**
 * A tiny theory for the sweep tests, loaded through a spec's `theoryModule` (never registered):
 * the simulator gradient-descends the 1-d quadratic ½a(x − 1)² from a seeded start, sleeping
 * `delayMs` first so that a sweep can be interrupted mid-way; `a ≥ 10` is refused.
 */
import { Rng } from '../../src/core/rng.ts';
import { refused } from '../../src/core/result.ts';
import { defineTheory } from '../../src/core/theory.ts';

export const countingTheory = defineTheory({
  id: 'sweep-fixture',
  title: 'Gradient descent on a quadratic (sweep test fixture)',
  citation: { authors: 'Plateau tests', title: 'fixture', year: 2025, arxiv: '0000.00000' },
  summary: 'x ← x − η a (x − 1).',
  version: 1,
  params: {
    a: { latex: 'a', unicode: 'a', description: 'curvature', domain: { kind: 'real', min: 0, minExclusive: true }, default: 1 },
    eta: { latex: '\\eta', unicode: 'η', description: 'step size', domain: { kind: 'real', min: 0, minExclusive: true }, default: 0.1 },
    delayMs: { latex: 'T', unicode: 'T', description: 'sleep before the run', domain: { kind: 'integer', min: 0 }, default: 0, role: 'simulation' },
  },
  symbols: {},
  equations: { loss: { ref: 'fixture', title: 'loss', equation: 'L = a*(x-1)^2/2', kind: 'energy' } },
  derivations: {},
  solver: {
    title: 'closed form',
    description: 'x_t = 1 + (1 − ηa)^t (x_0 − 1) with x_0 = 0',
    run: async (p) => ({ kind: 'exact', value: { final: 1 - (1 - p.eta * p.a) ** 10 }, method: 'closed form', checks: [], diagnostics: {} }),
  },
  simulator: {
    title: 'gradient descent',
    description: 'seeded start, `steps` GD steps',
    options: [{ name: 'steps', description: 'GD steps', kind: 'integer', default: 20, min: 1 }],
    run: async (p, options, ctx) => {
      if (p.a >= 10) return refused({}, `a = ${p.a} is outside the fixture's range a < 10`);
      await new Promise((r) => setTimeout(r, p.delayMs));
      let x = new Rng(ctx.seed).normal();
      const loss: number[] = [];
      for (let t = 0; t < Number(options.steps); t++) {
        loss.push((p.a * (x - 1) ** 2) / 2);
        x -= p.eta * p.a * (x - 1);
      }
      return { kind: 'numeric', value: { t: loss.map((_, i) => i), loss, finalX: x }, method: 'GD', checks: [], diagnostics: {} };
    },
  },
  claims: [],
});
