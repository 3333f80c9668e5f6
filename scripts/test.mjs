#!/usr/bin/env node
// `npm test`: type-check, then vitest; ends with one plain line "N passed, N failed" that CI reads.
// The type-check counts as one test. Extra arguments are passed to vitest (e.g. a path filter).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const extra = process.argv.slice(2);
let passed = 0;
let failed = 0;

process.stderr.write('type-check (tsc --noEmit)…\n');
const tsc = spawnSync('npx', ['tsc', '--noEmit', '-p', '.'], { stdio: 'inherit' });
if (tsc.status === 0) passed += 1;
else failed += 1;

const dir = mkdtempSync(join(tmpdir(), 'plateau-test-'));
const report = join(dir, 'vitest.json');
const vitest = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], {
  stdio: 'inherit',
  env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR },
});
try {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  passed += summary.numPassedTests;
  failed += summary.numFailedTests;
  // A test file that fails to load has no failed tests but a failed suite.
  failed += summary.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
} catch {
  failed += 1;
  process.stderr.write('vitest produced no report\n');
}
rmSync(dir, { recursive: true, force: true });
if (vitest.status !== 0 && failed === 0) failed += 1;
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
