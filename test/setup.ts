/**
 * Every test file runs with its own empty run store, so a result cached by an earlier run (or by
 * the developer's own `.plateau/`) can never stand in for a fresh computation. The store is
 * removed after the file's tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const home = mkdtempSync(join(tmpdir(), 'plateau-test-home-'));
process.env.PLATEAU_HOME = home;
afterAll(() => rmSync(home, { recursive: true, force: true }));
