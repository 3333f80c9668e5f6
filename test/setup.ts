/**
 * Every test file gets its own scratch directory, removed after the file's tests: TMPDIR points
 * into it (so the temporary folders tests and the binaries they spawn create are cleaned up too),
 * and so does PLATEAU_HOME, so a result cached by an earlier run — or by the developer's own
 * `.plateau/` — can never stand in for a fresh computation.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'plateau-test-'));
process.env.TMPDIR = join(scratch, 'tmp');
mkdirSync(process.env.TMPDIR);
process.env.PLATEAU_HOME = join(scratch, 'home');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
