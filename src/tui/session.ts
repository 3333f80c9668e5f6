/**
 * The TUI's effects: running a solver or simulator (behind the run store), the derivations and the
 * validators, each with a progress bar and cancel (an AbortSignal; Esc hands control back at once
 * and drops whatever the cancelled work returns later), and saving. What they report goes through
 * `reduce` (model/state.ts) as WorkEvents.
 */
import { isPlateauError } from '../core/errors.ts';
import type { AnyTheory, OptionValues, RunContext } from '../core/theory.ts';
import type { Validator } from '../core/validator.ts';
import { executeRunner, type Executed, type RunnerKind } from '../runs/execute.ts';
import { optionsFor, paramsFor } from './model/params.ts';
import { nextTurn } from '../core/progress.ts';
import { uiProgress } from './model/progress.ts';
import { derivationRow, validationRow, type DerivationRow, type ValidationRow } from './model/results.ts';
import { isCurrent, type Effect, type UiState, type WorkEvent } from './model/state.ts';
import { saveTab } from './save.ts';

export interface TuiServices {
  /** The validators of a theory's claims, in claim order. */
  validatorsFor(theory: AnyTheory): Validator[];
  execute(theory: AnyTheory, kind: RunnerKind, params: Record<string, unknown>, options: OptionValues, ctx: RunContext): Promise<Executed>;
  /** Where `w` saves results. */
  outDir: string;
  seed: number;
  backend: string;
}

/** Services of the real command: the run store in front of every run. */
export function defaultServices(validatorsFor: TuiServices['validatorsFor'], outDir: string, seed: number, backend: string): TuiServices {
  return { validatorsFor, execute: (theory, kind, params, options, ctx) => executeRunner(theory, kind, params, options, ctx), outDir, seed, backend };
}

export interface WorkHandle {
  cancel(): void;
}

function message(e: unknown): string {
  if (isPlateauError(e)) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Start the work an effect asks for. `state` is the state in which the key was pressed (it holds
 * the parameters to use). Returns a handle to cancel it, or nothing for instant effects.
 */
export function startEffect(effect: Effect, state: UiState, theory: AnyTheory, services: TuiServices, dispatch: (e: WorkEvent) => void): WorkHandle | undefined {
  const t = state.theories[theory.id];
  if (!t) return undefined;
  if (effect.type === 'save') {
    try {
      const files = saveTab(theory, t, state.tab, services.outDir, services);
      dispatch({ type: 'message', message: files.length ? { text: `saved ${files.join(', ')}`, tone: 'success' } : { text: 'nothing to save yet: run something first', tone: 'error' } });
    } catch (e) {
      dispatch({ type: 'message', message: { text: message(e), tone: 'error' } });
    }
    return undefined;
  }
  if (effect.type !== 'run' && effect.type !== 'derive' && effect.type !== 'validate') return undefined;

  const controller = new AbortController();
  let live = true;
  const send = (e: WorkEvent) => {
    if (live) dispatch(e);
  };
  let pendingPartial: Record<string, unknown> | undefined;
  let partialTimer: NodeJS.Timeout | undefined;
  const ctx: RunContext = {
    seed: services.seed,
    backend: services.backend,
    signal: controller.signal,
    progress: uiProgress((progress) => send({ type: 'progress', progress })),
    onPartial: (partial) => {
      // At most ten redraws a second, whatever the runner's rate; the latest partial wins.
      pendingPartial = partial;
      partialTimer ??= setTimeout(() => {
        partialTimer = undefined;
        if (pendingPartial) send({ type: 'partial', theoryId: theory.id, partial: pendingPartial });
      }, 100);
    },
  };
  const stop = () => {
    clearTimeout(partialTimer);
    partialTimer = undefined;
    pendingPartial = undefined;
  };

  const runOne = async (kind: RunnerKind) => {
    send({ type: 'stage', stage: kind === 'solve' ? 'solve (theory)' : 'simulate' });
    const params = paramsFor(theory, t.values, kind);
    const options = optionsFor(theory, t.options, kind);
    const began = Date.now();
    const { result, cached } = await services.execute(theory, kind, params, options, ctx);
    stop();
    send({ type: 'ran', theoryId: theory.id, outcome: { kind, params, options, result, cached, seconds: (Date.now() - began) / 1000 } });
    return { result, cached };
  };

  const work = async (): Promise<WorkEvent> => {
    if (effect.type === 'run') {
      // A simulation is drawn against the theory: solve first unless a current solution exists.
      if (effect.kind === 'simulate' && !isCurrent(theory, t, t.solve)) await runOne('solve');
      const began = Date.now();
      const { result, cached } = await runOne(effect.kind);
      const secs = ((Date.now() - began) / 1000).toFixed(1);
      const text = `${effect.kind}: ${result.kind} (${result.method})${cached ? ' from the run store' : ` in ${secs}s`}${result.reason ? ` — ${result.reason}` : ''}`;
      return { type: 'done', message: { text, tone: result.kind === 'refused' ? 'error' : 'success' } };
    }
    if (effect.type === 'derive') {
      const names = Object.keys(theory.derivations);
      const params = paramsFor(theory, t.values, 'derive');
      const rows: DerivationRow[] = [];
      ctx.progress.start('derive', names.length);
      for (const [i, name] of names.entries()) {
        send({ type: 'stage', stage: `derive ${i + 1}/${names.length}: ${name}` });
        ctx.progress.update(i, name);
        await nextTurn();
        if (controller.signal.aborted) throw controller.signal.reason;
        let outcome;
        try {
          outcome = theory.derivations[name]!.derive(params as never);
        } catch (e) {
          outcome = e instanceof Error ? e : new Error(String(e));
        }
        rows.push(derivationRow(theory, name, outcome));
        send({ type: 'derived', theoryId: theory.id, rows: [...rows] });
      }
      ctx.progress.finish();
      const counts = ['exact', 'numeric', 'unsolved', 'refused', 'error'].map((k) => [k, rows.filter((r) => r.kind === k).length] as const).filter(([, n]) => n > 0);
      return { type: 'done', message: { text: `${rows.length} derivations: ${counts.map(([k, n]) => `${n} ${k}`).join(', ')}`, tone: 'success' } };
    }
    const validators = services.validatorsFor(theory);
    const rows: ValidationRow[] = [];
    for (const [i, claim] of theory.claims.entries()) {
      send({ type: 'stage', stage: `claim ${i + 1}/${theory.claims.length}: ${claim.id}` });
      await nextTurn();
      if (controller.signal.aborted) throw controller.signal.reason;
      const began = Date.now();
      let outcome;
      try {
        outcome = await validators[i]!.run({ ...ctx, size: 'test' });
      } catch (e) {
        if (controller.signal.aborted) throw e;
        outcome = e instanceof Error ? e : new Error(String(e));
      }
      rows.push(validationRow(claim, outcome, (Date.now() - began) / 1000));
      send({ type: 'validated', theoryId: theory.id, rows: [...rows] });
    }
    const held = rows.filter((r) => r.passed).length;
    return { type: 'done', message: { text: `${held}/${rows.length} claims hold`, tone: held === rows.length ? 'success' : 'error' } };
  };

  work().then(
    (event) => {
      stop();
      send(event);
      live = false;
    },
    (e: unknown) => {
      stop();
      if (!controller.signal.aborted) send({ type: 'failed', error: message(e) });
      live = false;
    },
  );
  return {
    cancel() {
      if (!live) return;
      controller.abort();
      stop();
      dispatch({ type: 'cancelled' });
      live = false;
    },
  };
}
