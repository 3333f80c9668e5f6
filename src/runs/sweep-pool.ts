/**
 * The local worker pool of `plateau sweep run`: child processes of the `plateau` binary
 * (`plateau sweep worker`, hidden), one per core by default, each running `executeRunner` behind
 * the run store on the runs it is handed over IPC. Children get PLATEAU_THREADS=1 (the pool
 * already fills the cores) and exit when the parent goes away, so a killed sweep leaves nothing
 * running — only the finished runs, cached in the store, which the next `sweep run` reuses.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { PlateauError, isPlateauError } from '../core/errors.ts';
import { silentProgress } from '../core/progress.ts';
import type { AnyTheory, OptionValues } from '../core/theory.ts';
import { selectBackend } from '../compute/registry.ts';
import { executeRunner } from './execute.ts';
import type { SweepSpec } from './sweep-spec.ts';
import { resultCells, type Row } from './sweep-table.ts';

/** What a child is asked to do. */
export interface PoolTask {
  index: number;
  params: Record<string, unknown>;
  options: OptionValues;
  seed: number;
}

/** What a child answers. */
export type PoolAnswer =
  | { index: number; cells: Row; cached: boolean; seconds: number }
  | { index: number; error: { code: string; message: string }; seconds: number };

type ParentMessage = { type: 'init'; spec: SweepSpec; backend: string } | { type: 'run'; task: PoolTask };
type ChildMessage = { type: 'ready' } | { type: 'answer'; answer: PoolAnswer } | { type: 'fatal'; message: string };

/** How to start a child: the `plateau` entry script and the arguments of the hidden command. */
export interface WorkerCommand {
  script: string;
  args: readonly string[];
}

/** Run one task in this process (the child's job; also what `sweep plan` samples with). */
export async function runTask(spec: SweepSpec, theory: AnyTheory, backend: string, task: PoolTask): Promise<PoolAnswer> {
  const began = performance.now();
  const seconds = () => (performance.now() - began) / 1000;
  try {
    const ctx = { seed: task.seed, progress: silentProgress, backend };
    const { result, cached } = await executeRunner(theory, spec.command, task.params, task.options, ctx);
    return { index: task.index, cells: resultCells(result, spec.columns), cached, seconds: seconds() };
  } catch (e) {
    const error = isPlateauError(e) ? { code: e.code, message: e.message } : { code: 'IO', message: e instanceof Error ? e.message : String(e) };
    return { index: task.index, error, seconds: seconds() };
  }
}

/**
 * The child side: wait for `init`, then answer each `run` in turn. Exits when the parent
 * disconnects (it finished, or it was killed).
 */
export function serveSweepWorker(resolveTheory: (spec: SweepSpec) => Promise<AnyTheory>): void {
  const send = (m: ChildMessage) => process.send?.(m);
  if (!process.send) throw new PlateauError('BAD_INPUT', 'plateau sweep worker is started by plateau sweep run, not by hand', {});
  let setup: Promise<{ spec: SweepSpec; theory: AnyTheory; backend: string }> | undefined;
  let queue = Promise.resolve();
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m: ParentMessage) => {
    if (m.type === 'init') {
      setup = (async () => {
        const backend = (await selectBackend(m.backend)).name;
        return { spec: m.spec, theory: await resolveTheory(m.spec), backend };
      })();
      setup.then(
        () => send({ type: 'ready' }),
        (e: unknown) => send({ type: 'fatal', message: e instanceof Error ? e.message : String(e) }),
      );
      return;
    }
    queue = queue.then(async () => {
      const { spec, theory, backend } = await setup!;
      send({ type: 'answer', answer: await runTask(spec, theory, backend, m.task) });
    });
  });
}

/**
 * Run `tasks` on `workers` children; `onAnswer` sees each answer as it comes. Resolves when all
 * are answered; rejects if a child dies or cannot start. `stop()` kills the children.
 */
export function runPool(
  command: WorkerCommand,
  spec: SweepSpec,
  backend: string,
  tasks: readonly PoolTask[],
  workers: number,
  onAnswer: (answer: PoolAnswer) => void,
): { done: Promise<void>; stop: () => void } {
  const children: ChildProcess[] = [];
  const stop = () => {
    for (const c of children) if (c.exitCode === null) c.kill();
  };
  const done = new Promise<void>((resolve, reject) => {
    let next = 0;
    let answered = 0;
    let failed = false;
    const fail = (message: string) => {
      if (failed) return;
      failed = true;
      stop();
      reject(new PlateauError('IO', `sweep worker: ${message}`, {}));
    };
    const feed = (child: ChildProcess) => {
      if (next < tasks.length) child.send({ type: 'run', task: tasks[next++]! } satisfies ParentMessage);
    };
    if (tasks.length === 0) {
      resolve();
      return;
    }
    const count = Math.max(1, Math.min(workers, tasks.length));
    for (let i = 0; i < count; i++) {
      const child = fork(command.script, [...command.args], {
        env: { ...process.env, PLATEAU_THREADS: '1', PLATEAU_BACKEND: backend },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      children.push(child);
      child.on('message', (m: ChildMessage) => {
        if (m.type === 'fatal') fail(m.message);
        else if (m.type === 'ready') feed(child);
        else {
          answered++;
          onAnswer(m.answer);
          if (answered === tasks.length) {
            stop();
            resolve();
          } else feed(child);
        }
      });
      child.on('exit', (code, signal) => {
        if (answered < tasks.length) fail(`a worker exited early (${signal ?? `status ${code}`})`);
      });
      child.send({ type: 'init', spec, backend } satisfies ParentMessage);
    }
  });
  return { done, stop };
}
