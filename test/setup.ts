/**
 * Every test file runs with its own empty run store, so a result cached by an earlier run (or by
 * the developer's own `.plateau/`) can never stand in for a fresh computation. The store is
 * removed when the test process exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const home = mkdtempSync(join(tmpdir(), 'plateau-test-home-'));
process.env.PLATEAU_HOME = home;
process.once('exit', () => rmSync(home, { recursive: true, force: true }));
