/**
 * Every registered theory is complete (DESIGN.md §7): generated docs, a registered validator for
 * each claim and no validator without a claim, fixtures from an independent implementation with
 * their generator committed beside them, derivations, a solver, figures and a tour section.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validators } from '../validators/index.ts';
import { allTheories, validatorsFor } from '../src/cli/registry.ts';

const ROOT = resolve(import.meta.dirname, '..');

describe('completeness of every registered theory', () => {
  it('registers the three theories of the mission', () => {
    expect(allTheories().map((t) => t.id)).toEqual(expect.arrayContaining(['saxe', 'dln', 'deep-linear']));
  });

  for (const theory of allTheories()) {
    describe(theory.id, () => {
      it('has generated docs', () => {
        expect(existsSync(join(ROOT, 'docs/generated', `${theory.id}.md`))).toBe(true);
        expect(existsSync(join(ROOT, 'docs/generated/site', `${theory.id}.html`))).toBe(true);
      });

      it('has a registered validator for each claim, checking that claim of this theory', () => {
        const vs = validatorsFor(theory);
        expect(vs).toHaveLength(theory.claims.length);
        vs.forEach((v, i) => {
          expect(v.theory).toBe(theory.id);
          expect(v.claim).toBe(theory.claims[i]!.id);
        });
      });

      it('has fixtures with their generator', () => {
        const dir = join(ROOT, 'test/fixtures', theory.id);
        const files = readdirSync(dir);
        expect(files.some((f) => f.endsWith('.json'))).toBe(true);
        expect(files.some((f) => /^generate\.(py|ts|mjs)$/.test(f))).toBe(true);
      });

      it('has derivations, a solver, figures and a tour section', () => {
        expect(Object.keys(theory.derivations).length).toBeGreaterThan(0);
        expect(typeof theory.solver.run).toBe('function');
        expect(Object.keys(theory.figures ?? {}).length).toBeGreaterThan(0);
        expect(typeof theory.tour).toBe('function');
      });
    });
  }

  it('has no validator that checks no declared claim', () => {
    const claimed = new Set(allTheories().flatMap((t) => t.claims.map((c) => c.validator)));
    expect(validators.filter((v) => !claimed.has(v.id)).map((v) => v.id)).toEqual([]);
  });
});
