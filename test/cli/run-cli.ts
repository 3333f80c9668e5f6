/**
 * Run the real `plateau` binary (as a user would) and capture what it prints.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../../bin/plateau.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (undefined when it is not one JSON object). */
  json?: Record<string, unknown>;
}

/** A fresh PLATEAU_HOME per call (removed afterwards) unless one is given, so runs never share a cache by accident. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): CliRun {
  const home = env.PLATEAU_HOME ?? mkdtempSync(join(tmpdir(), 'plateau-cli-'));
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', PLATEAU_HOME: home, ...env },
    timeout: 120_000,
  });
  if (env.PLATEAU_HOME === undefined) rmSync(home, { recursive: true, force: true });
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(r.stdout) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json };
}
