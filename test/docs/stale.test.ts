/**
 * The committed docs (docs/generated) must be what `plateau docs` generates now. The test re-renders
 * from the stored numbers (`--fast`: declarations and renderers are re-run, the expensive
 * derivations, simulations and validators are not), so it is quick and stable; the stored numbers
 * are refused when the declaration they were computed from has changed. Fix: run `plateau docs`.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCS_DIR } from '../../src/cli/commands/docs.ts';
import { allTheories, validatorsFor } from '../../src/cli/registry.ts';
import { buildDocs, staleDocs } from '../../src/docs/generate.ts';

describe('generated docs', () => {
  it('are up to date with the registered theories (run `plateau docs` if not)', async () => {
    const files = await buildDocs({ theories: allTheories(), validatorsFor, dir: DEFAULT_DOCS_DIR, fast: true });
    expect(staleDocs(DEFAULT_DOCS_DIR, files)).toEqual([]);
  });
});
