import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/core/progress.ts';
import { deepLinear } from '../../theory/deep-linear/index.ts';
import { validators } from '../../validators/index.ts';

beforeAll(() => {
  process.env.PLATEAU_HOME = mkdtempSync(join(tmpdir(), 'plateau-deep-linear-validators-'));
});

// The CLI test runs `plateau validate deep-linear` at the default seed; here every claim must also
// hold at another seed (the tolerances are not tuned to one draw).
const ctx = { seed: 7, progress: silentProgress, backend: 'cpu', size: 'test' as const };

describe('deep-linear validators (size test, seed 7)', () => {
  it('every claim names a registered validator of this theory', () => {
    for (const claim of deepLinear.claims) {
      const v = validators.find((x) => x.id === claim.validator);
      expect(v?.theory).toBe('deep-linear');
      expect(v?.claim).toBe(claim.id);
    }
  });

  for (const claim of deepLinear.claims) {
    it(`${claim.id}: ${claim.statement}`, async () => {
      const v = validators.find((x) => x.id === claim.validator)!;
      const outcome = await v.run(ctx);
      expect(outcome.id).toBe(claim.id);
      expect(outcome.passed, `${claim.id}: error ${outcome.error} (tolerance ${outcome.tolerance}; ${outcome.measure}) ${JSON.stringify(outcome.details).slice(0, 600)}`).toBe(true);
      expect(JSON.stringify(outcome)).not.toMatch(/NaN/);
    });
  }
});
