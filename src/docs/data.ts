/**
 * The computed part of a theory's docs: derived results with their checks, the latest validation
 * numbers, the theory-vs-simulation plot and the theory's declared figures. Computing it runs the
 * derivations, solver, simulator, validators and figure builders (seed 1, test size), so it is kept
 * beside the docs as `data/<theory>.json` and re-rendered from there by `plateau docs --fast`.
 *
 * Determinism: fixed seed, no timestamps or durations, numbers rounded to 6 significant digits,
 * long series thinned; the file carries a fingerprint of the declaration it was computed from, so
 * a changed declaration (or a bumped theory version) is detected as stale data.
 */
import { createHash } from 'node:crypto';
import type { Figure } from '../core/figure.ts';
import { silentProgress, type Progress } from '../core/progress.ts';
import type { AnyTheory, RunContext } from '../core/theory.ts';
import type { Validator } from '../core/validator.ts';
import { runFigure, suggestsLogY, thinFigure } from '../plot/run-figure.ts';
import { executeRunner } from '../runs/execute.ts';
import { defaultOptions, defaultParams, optionsFor, paramsFor } from '../tui/model/params.ts';

/** Bump when the layout of DocData changes. */
export const DOC_DATA_FORMAT = 1;
const DOC_SEED = 1;
/** Points per series kept for plots. */
const MAX_POINTS = 200;

export interface DocCheck {
  name: string;
  residual: number;
  tolerance: number;
  samples: number;
  passed: boolean;
}

export interface DocDerivation {
  name: string;
  title: string;
  description: string;
  kind: string;
  method: string;
  latex?: string;
  value?: unknown;
  asymptotic?: string;
  reason?: string;
  checks: DocCheck[];
}

export interface DocClaim {
  claim: string;
  passed: boolean;
  theory?: number | number[];
  simulation?: number | number[];
  error?: number;
  tolerance?: number;
  measure?: string;
  failure?: string;
}

export interface DocFigure {
  name: string;
  title: string;
  description: string;
  panels: Figure[];
  failure?: string;
}

export interface DocData {
  format: number;
  theory: string;
  fingerprint: string;
  seed: number;
  size: 'test';
  /** The parameters everything was computed at (the declared defaults). */
  params: Record<string, unknown>;
  derivations: DocDerivation[];
  claims: DocClaim[];
  /** Theory (solver) against simulation (simulator) at the defaults. */
  run?: { figure: Figure; solve: string; simulate?: string; failure?: string };
  figures: DocFigure[];
}

/** What the numbers depend on in the declaration: changing any of it makes stored data stale. */
export function declarationFingerprint(theory: AnyTheory): string {
  const shape = {
    format: DOC_DATA_FORMAT,
    id: theory.id,
    version: theory.version,
    params: theory.params,
    options: [theory.solver.options ?? [], theory.simulator?.options ?? []],
    derivations: Object.keys(theory.derivations),
    claims: theory.claims.map((c) => [c.id, c.validator]),
    figures: Object.keys(theory.figures ?? {}),
    equations: Object.values(theory.equations).map((e) => e.equation),
  };
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 16);
}

/** Numbers to 6 significant digits, typed arrays to plain arrays, non-finite numbers to null. */
function roundDeep(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? Number(v.toPrecision(6)) : null;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>, (x) => roundDeep(x));
  if (Array.isArray(v)) return v.map(roundDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundDeep(x)]));
  return v;
}

function failure(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Values small enough to print: scalars, short lists, and flat records of those. */
function printableValue(v: unknown): unknown {
  const text = JSON.stringify(roundDeep(v));
  return text !== undefined && text.length <= 400 ? roundDeep(v) : undefined;
}

export interface ComputeOptions {
  progress?: Progress;
}

/** Run everything the docs report for one theory. Cost: its derivations, default solve and simulate, test-size validators and figures. */
export async function computeDocData(theory: AnyTheory, validators: readonly Validator[], opts: ComputeOptions = {}): Promise<DocData> {
  const progress = opts.progress ?? silentProgress;
  const ctx: RunContext = { seed: DOC_SEED, progress: silentProgress, backend: 'cpu' };
  const values = defaultParams(theory);
  const options = defaultOptions(theory);

  progress.start(`docs ${theory.id}: derivations`, Object.keys(theory.derivations).length);
  const derivations: DocDerivation[] = Object.entries(theory.derivations).map(([name, d], i) => {
    progress.update(i, name);
    const base = { name, title: d.title, description: d.description };
    try {
      const r = d.derive(paramsFor(theory, values, 'derive') as never);
      const out: DocDerivation = { ...base, kind: r.kind, method: r.method, checks: r.checks.map((c) => ({ name: c.name, residual: c.residual, tolerance: c.tolerance, samples: c.samples, passed: c.passed })) };
      if (r.latex) out.latex = r.latex;
      const value = printableValue(r.value);
      if (value !== undefined && value !== null) out.value = value;
      if (r.asymptotic) out.asymptotic = r.asymptotic;
      if (r.reason) out.reason = r.reason;
      return out;
    } catch (e) {
      return { ...base, kind: 'error', method: '', reason: failure(e), checks: [] };
    }
  });
  progress.finish();

  let run: DocData['run'];
  progress.start(`docs ${theory.id}: solve and simulate`, 0);
  try {
    const solved = await executeRunner(theory, 'solve', paramsFor(theory, values, 'solve'), optionsFor(theory, options, 'solve'), ctx, { cache: false });
    let simulated;
    let simFailure: string | undefined;
    if (theory.simulator) {
      try {
        simulated = await executeRunner(theory, 'simulate', paramsFor(theory, values, 'simulate'), optionsFor(theory, options, 'simulate'), ctx, { cache: false });
      } catch (e) {
        simFailure = failure(e);
      }
    }
    const figure = runFigure({ id: 'run', title: `${theory.title}: theory and simulation at the defaults`, solve: solved.result.value, simulate: simulated?.result.value });
    if (figure.series.length > 0) {
      if (suggestsLogY(figure)) figure.logY = true;
      run = { figure: thinFigure(figure, MAX_POINTS), solve: `${solved.result.kind} (${solved.result.method})` };
      if (simulated) run.simulate = `${simulated.result.kind} (${simulated.result.method})`;
      if (simFailure) run.failure = `simulation failed: ${simFailure}`;
    }
  } catch (e) {
    run = { figure: { id: 'run', title: '', xLabel: '', yLabel: '', series: [] }, solve: '', failure: failure(e) };
  }
  progress.finish();

  progress.start(`docs ${theory.id}: validators (test size)`, theory.claims.length);
  const claims: DocClaim[] = [];
  for (const [i, claim] of theory.claims.entries()) {
    progress.update(i, claim.id);
    try {
      const v = validators[i];
      if (!v) throw new Error(`validator ${claim.validator} is not registered`);
      const o = await v.run({ ...ctx, size: 'test' });
      claims.push({ claim: claim.id, passed: o.passed, theory: o.theory, simulation: o.simulation, error: o.error, tolerance: o.tolerance, measure: o.measure });
    } catch (e) {
      claims.push({ claim: claim.id, passed: false, failure: failure(e) });
    }
  }
  progress.finish();

  const figures: DocFigure[] = [];
  for (const [name, spec] of Object.entries(theory.figures ?? {})) {
    progress.start(`docs ${theory.id}: figure ${name}`, 0);
    try {
      const panels = await spec.build({ ...ctx, size: 'test' });
      figures.push({ name, title: spec.title, description: spec.description, panels: panels.map((p) => thinFigure(p, MAX_POINTS)) });
    } catch (e) {
      figures.push({ name, title: spec.title, description: spec.description, panels: [], failure: failure(e) });
    }
    progress.finish();
  }

  const data: DocData = {
    format: DOC_DATA_FORMAT,
    theory: theory.id,
    fingerprint: declarationFingerprint(theory),
    seed: DOC_SEED,
    size: 'test',
    params: paramsFor(theory, values, 'simulate'),
    derivations,
    claims,
    figures,
  };
  if (run) data.run = run;
  return roundDeep(data) as DocData;
}
