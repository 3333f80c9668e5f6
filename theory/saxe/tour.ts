/**
 * The Saxe part of `plateau tour` (a few seconds): a derivation with its checks, a solve compared
 * with the closed form, and one validator's verdict.
 */
import { silentProgress } from '../../src/core/progress.ts';
import type { TaggedResult } from '../../src/core/result.ts';
import type { RunContext } from '../../src/core/theory.ts';
import { parse } from '../../src/symbolic/index.ts';
import { saxeNames } from './declared.ts';
import { saxeEulerError } from '../../validators/saxe-euler-error.ts';
import { deriveLearningTime } from './derivations/deep.ts';
import { deriveTrajectory } from './derivations/balanced.ts';
import { solveMode, type SolveValue } from './solver.ts';
import type { SaxeParams } from './params.ts';

const DEMO: SaxeParams = { s: 2, u0: 0.001, uf: 1.9, tau: 1, depth: 3, c0: 0, lr: undefined, modes: 3, width: 8, init: 'decoupled', seeds: 4 };

const fmt = (x: number) => x.toPrecision(6);

/** The derived formula in Unicode for the terminal (the LaTeX is for docs). */
const unicode = (r: TaggedResult) => (r.expression ? parse(r.expression).unicode(saxeNames) : (r.latex ?? ''));

export async function saxeTour(ctx: RunContext): Promise<string[]> {
  const lines: string[] = [];
  ctx.progress.start('saxe: derive', 0);
  const time = deriveLearningTime(DEMO);
  const trajectory = deriveTrajectory(DEMO);
  ctx.progress.finish();
  lines.push('Derived by the symbolic engine from τu̇ = 2u(s − u) (eq. 10), checked numerically:');
  lines.push(`  t(u₀ → u_f) = ${unicode(time)}   [${time.kind}; ${time.method}]`);
  for (const c of time.checks.slice(-2)) lines.push(`    ✓ ${c.name}: residual ${c.residual.toExponential(1)}`);
  lines.push(`  u(t) = ${unicode(trajectory)}   [${trajectory.kind}, by inverting t(u)]`);
  const deep = deriveLearningTime({ ...DEMO, depth: 5 });
  lines.push(`  depth N_l = 5: t = ${fmt(deep.value as number)} [${deep.kind}: no closed form for D = 4, quadrature checked against an ODE event]`);
  ctx.progress.start('saxe: solve', 0);
  const solved = await solveMode(DEMO, { 't-end': 10, points: 101 }, { ...ctx, progress: silentProgress });
  ctx.progress.finish();
  const v = solved.value as SolveValue;
  lines.push(`Solve (s = 2, u0 = 0.001, τ = 1): learning time to uf = 1.9 is ${fmt(v.learningTime)} (eq. 11: ${fmt(time.value as number)});`);
  lines.push(`  u(t) on ${v.t.length} points matches eq. 12 to ${solved.checks[0]!.residual.toExponential(1)}.`);
  ctx.progress.start('saxe: validate euler-error', 0);
  const outcome = await saxeEulerError.run({ ...ctx, progress: silentProgress, size: 'test' });
  ctx.progress.finish(outcome.passed ? 'passed' : 'FAILED');
  const errors = outcome.details.errors as number[];
  lines.push(`Validator saxe-euler-error (matrix GD vs eq. 12): max error ${fmt(errors[0]!)} at λs = 0.04, ${fmt(errors[1]!)} at half; ratio ${fmt(outcome.simulation as number)} (theory 2) → ${outcome.passed ? 'passed' : 'FAILED'}`);
  lines.push('More: plateau show saxe · plateau derive saxe · plateau validate saxe · plateau reproduce saxe/fig3');
  return lines;
}
