/**
 * The run store: results cached on disk, content-addressed by what determines them
 * (theory, theory version, command, parameters, options, seed, backend). Stored under
 * `$PLATEAU_HOME/runs/<theory>/<key>.json` (default `.plateau/` in the working directory), written
 * atomically, so an interrupted sweep resumes with every finished run intact.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeJsonAtomic } from './atomic.ts';

export interface RunIdentity {
  theory: string;
  version: number;
  command: string;
  params: Readonly<Record<string, unknown>>;
  options?: Readonly<Record<string, unknown>>;
  seed: number;
  backend: string;
}

export interface StoredRun<V> {
  identity: RunIdentity;
  key: string;
  createdAt: string;
  result: V;
}

export function plateauHome(): string {
  return resolve(process.env.PLATEAU_HOME ?? '.plateau');
}

/** JSON with object keys sorted at every level, so equal identities give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
    }
    return v;
  });
}

export function runKey(identity: RunIdentity): string {
  return createHash('sha256').update(canonicalJson(identity)).digest('hex').slice(0, 24);
}

export class RunStore {
  readonly root: string;

  constructor(root = join(plateauHome(), 'runs')) {
    this.root = root;
  }

  pathOf(identity: RunIdentity): string {
    return join(this.root, identity.theory, `${runKey(identity)}.json`);
  }

  get<V>(identity: RunIdentity): StoredRun<V> | undefined {
    const path = this.pathOf(identity);
    if (!existsSync(path)) return undefined;
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as StoredRun<V>;
    } catch {
      return undefined;
    }
  }

  put<V>(identity: RunIdentity, result: V): StoredRun<V> {
    const record: StoredRun<V> = { identity, key: runKey(identity), createdAt: new Date().toISOString(), result };
    writeJsonAtomic(this.pathOf(identity), record);
    return record;
  }

  /** The stored result when there is one, otherwise compute, store and return it. */
  async cached<V>(identity: RunIdentity, compute: () => Promise<V>): Promise<{ result: V; cached: boolean }> {
    const hit = this.get<V>(identity);
    if (hit) return { result: hit.result, cached: true };
    const result = await compute();
    this.put(identity, result);
    return { result, cached: false };
  }
}
