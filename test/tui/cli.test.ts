import { describe, expect, it } from 'vitest';
import { allTheories } from '../../src/cli/registry.ts';
import { plainSummary } from '../../src/tui/plain.ts';
import { toyTheory } from '../fixtures/toy-logistic/theory.ts';
import { runCli } from '../cli/run-cli.ts';

describe('plateau tui without a terminal', () => {
  it('prints a plain summary and exits 0 under CI=true and without a TTY', () => {
    for (const env of [{ CI: 'true' }, { CI: '' }]) {
      const r = runCli(['tui'], env);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('plain summary');
      for (const t of allTheories()) expect(r.stdout).toContain(`━━ ${t.title} (${t.id}) ━━`);
    }
  });

  it('answers an unknown theory with exit 2', () => {
    const r = runCli(['tui', 'no-such-theory']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown theory 'no-such-theory'");
  });

  it('summarises each theory from the same view models as the workbench', () => {
    const text = plainSummary([toyTheory], 90);
    expect(text).toContain('━━ Toy logistic mode (toy) ━━');
    expect(text).toContain('τu̇ = 2u(s − u)');
    expect(text).toContain('half-time — time to reach s/2');
    expect(text).toContain('reaches-s — the mode converges to s');
  });
});
