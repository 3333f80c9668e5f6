import { describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/core/progress.ts';
import { dln } from '../../theory/dln/index.ts';
import { validators } from '../../validators/index.ts';

// Every DLN claim at size 'test' (about 20 s in all; `--size large` is paper-sized).
const ctx = { seed: 1, progress: silentProgress, backend: 'cpu', size: 'test' as const };

describe('DLN validators (size test)', () => {
  it('every claim has a registered validator of this theory and claim', () => {
    for (const claim of dln.claims) {
      const v = validators.find((x) => x.id === claim.validator);
      expect(v, claim.validator).toBeDefined();
      expect(v!.theory).toBe('dln');
      expect(v!.claim).toBe(claim.id);
    }
  });

  for (const claim of dln.claims) {
    it(`${claim.id}: ${claim.statement}`, async () => {
      const v = validators.find((x) => x.id === claim.validator)!;
      const out = await v.run(ctx);
      expect(out.id).toBe(claim.id);
      expect(Number.isFinite(out.error)).toBe(true);
      expect(out.error, `${out.measure}: ${out.error} > ${out.tolerance}`).toBeLessThanOrEqual(out.tolerance);
      expect(out.passed).toBe(true);
    });
  }
});
