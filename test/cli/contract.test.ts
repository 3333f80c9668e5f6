import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.ts';
import { runCli } from './run-cli.ts';

describe('plateau CLI contract (every theory)', () => {
  it('has --help on every command', () => {
    const names = buildProgram().commands.map((c) => c.name());
    expect(names).toEqual(expect.arrayContaining(['list', 'show', 'derive', 'solve', 'simulate', 'validate', 'tour', 'reproduce']));
    for (const name of names) {
      const r = runCli([name, '--help']);
      expect(r.status, name).toBe(0);
      expect(r.stdout).toContain(`Usage: plateau ${name}`);
    }
  });

  it('lists theories as one JSON object', () => {
    const r = runCli(['list', '--json']);
    expect(r.status).toBe(0);
    expect(r.json).toMatchObject({ command: 'list', results: { theories: expect.any(Array) } });
  });

  it('answers an unknown theory with exit 2 and a JSON error naming it', () => {
    const r = runCli(['solve', 'no-such-theory', '--json']);
    expect(r.status).toBe(2);
    expect(r.json).toMatchObject({ command: 'solve', error: { code: 'UNKNOWN_THEORY' } });
    expect(r.stderr).toContain("unknown theory 'no-such-theory'");
  });

  it('answers an unknown command or option with exit 2', () => {
    expect(runCli(['frobnicate']).status).toBe(2);
    expect(runCli(['list', '--no-such-option']).status).toBe(2);
  });
});
