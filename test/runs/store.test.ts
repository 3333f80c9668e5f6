import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, runKey, RunStore, type RunIdentity } from '../../src/runs/store.ts';

const id: RunIdentity = { theory: 'x', version: 1, command: 'solve', params: { b: 2, a: 1 }, seed: 1, backend: 'cpu' };

describe('run store', () => {
  it('keys runs by content, independent of key order', () => {
    expect(runKey(id)).toBe(runKey({ ...id, params: { a: 1, b: 2 } }));
    expect(runKey(id)).not.toBe(runKey({ ...id, seed: 2 }));
    expect(canonicalJson({ b: { d: 1, c: 2 }, a: [3] })).toBe('{"a":[3],"b":{"c":2,"d":1}}');
  });

  it('computes once, then serves the stored result; leaves no temporary files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'plateau-store-'));
    const store = new RunStore(root);
    let calls = 0;
    const compute = async () => {
      calls++;
      return { value: 42 };
    };
    expect(await store.cached(id, compute)).toEqual({ result: { value: 42 }, cached: false });
    expect(await store.cached(id, compute)).toEqual({ result: { value: 42 }, cached: true });
    expect(calls).toBe(1);
    const files = readdirSync(join(root, 'x'));
    expect(files).toEqual([`${runKey(id)}.json`]);
    expect(JSON.parse(readFileSync(join(root, 'x', files[0]!), 'utf8')).identity).toEqual(id);
  });
});
