/**
 * Every simulator reports its running mean after each seed (RunContext.onPartial), so the TUI can
 * plot a simulation as it advances; the partial series have the final result's shape.
 */
import { describe, expect, it } from 'vitest';
import { findTheory } from '../../src/cli/registry.ts';
import { resolveParams, type ParamSpec } from '../../src/core/params.ts';
import { silentProgress } from '../../src/core/progress.ts';

const small: Record<string, Record<string, string>> = {
  saxe: { seeds: '3', modes: '2', width: '4' },
  dln: { seeds: '3', d: '100' },
  'deep-linear': { seeds: '3', D: '32' },
};

describe('live partial results of simulators', () => {
  for (const [id, given] of Object.entries(small)) {
    it(`${id}: one partial per seed but the last, each a prefix-free series over the same t`, async () => {
      const theory = findTheory(id);
      const params = resolveParams(theory.params as Record<string, ParamSpec>, given, id);
      const partials: Array<Record<string, unknown>> = [];
      const final = await theory.simulator!.run(params as never, {}, { seed: 1, progress: silentProgress, backend: 'cpu', onPartial: (x) => partials.push(x) });
      expect(final.kind).toBe('numeric');
      expect(partials).toHaveLength(2);
      for (const partial of partials) {
        const n = (partial.t as ArrayLike<number>).length;
        expect(n).toBe((final.value.t as ArrayLike<number>).length);
        for (const [key, series] of Object.entries(partial)) {
          expect(key in final.value, key).toBe(true);
          expect((series as ArrayLike<number>).length, key).toBe(n);
        }
      }
    });
  }
});
