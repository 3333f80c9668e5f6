/**
 * The Saxe solver (mode ODE on a grid) and simulator (matrix GD over seeds), and the parameter
 * checks they rely on.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../../src/core/params.ts';
import { silentProgress } from '../../../src/core/progress.ts';
import type { RunContext } from '../../../src/core/theory.ts';
import { catchError } from '../../helpers.ts';
import { saxe } from '../../../theory/saxe/index.ts';
import type { SaxeParams } from '../../../theory/saxe/params.ts';

const reference = JSON.parse(readFileSync(new URL('../../fixtures/saxe/reference.json', import.meta.url), 'utf8'));
const ctx: RunContext = { seed: 1, progress: silentProgress, backend: 'cpu' };
const params = (given: Record<string, unknown>): SaxeParams => {
  const p = resolveParams(saxe.params, given, 'saxe') as unknown as SaxeParams;
  saxe.validate!(p);
  return p;
};

describe('solver', () => {
  it('gives t and u of the same length, learningTime = eq. 11, and u(t) = eq. 12', async () => {
    const r = await saxe.solver.run(params({ s: 2, u0: 0.001, tau: 1 }), { 't-end': 10, points: 51 }, ctx);
    const v = r.value as { t: number[]; u: number[]; uClosedForm: number[]; learningTime: number; uf: number };
    expect(r.kind).toBe('numeric');
    expect(v.t).toHaveLength(51);
    expect(v.u).toHaveLength(51);
    expect(v.t[50]).toBe(10);
    expect(v.uf).toBeCloseTo(1.90005, 12);
    expect(v.learningTime).toBeCloseTo((1 / 4) * Math.log((1.90005 * 1.999) / (0.001 * 0.09995)), 9);
    for (const c of r.checks) expect(c.passed, c.name).toBe(true);
    expect(Math.max(...v.u.map((u, i) => Math.abs(u - v.uClosedForm[i]!)))).toBeLessThan(1e-8);
  });

  it('handles depth > 3 (eq. 15) against independent quadrature', async () => {
    const c = reference.deep.find((x: { depth: number }) => x.depth === 6);
    const r = await saxe.solver.run(params({ s: c.s, u0: c.u0, uf: c.uf, tau: c.tau, depth: 6 }), { points: 11 }, ctx);
    expect((r.value as { learningTime: number }).learningTime / c.t).toBeCloseTo(1, 8);
    for (const k of r.checks) expect(k.passed, k.name).toBe(true);
  });

  it('handles c0 ≠ 0 against RK4 of eq. 8 and refuses c0 ≠ 0 on deep chains', async () => {
    const c = reference.unbalanced.find((x: { u0: number }) => x.u0 > 0);
    const r = await saxe.solver.run(params({ s: c.s, u0: c.u0, uf: c.uf, tau: c.tau, c0: c.c0 }), { points: 21 }, ctx);
    expect((r.value as { learningTime: number }).learningTime / c.t).toBeCloseTo(1, 8);
    for (const k of r.checks) expect(k.passed, k.name).toBe(true);
    const refused = await saxe.solver.run(params({ c0: 0.2, depth: 5 }), {}, ctx);
    expect(refused.kind).toBe('refused');
  });

  it('handles a start above s (u decreases to s)', async () => {
    const r = await saxe.solver.run(params({ s: 1, u0: 3, uf: 1.1 }), { points: 21 }, ctx);
    const v = r.value as { u: number[]; learningTime: number };
    expect(v.u[20]!).toBeLessThan(v.u[0]!);
    expect(v.learningTime).toBeCloseTo(0.5 * Math.log((1.1 * (1 - 3)) / (3 * (1 - 1.1))), 8);
  });
});

describe('simulator', () => {
  it('decoupled starts follow the mode ODE within the Euler error, every seed identical', async () => {
    const r = await saxe.simulator!.run(params({ seeds: 2, modes: 2, width: 4 }), {}, ctx);
    const v = r.value as Record<string, number[]>;
    expect(v.t!.length).toBe(v.u1!.length);
    expect(Math.max(...v.u1Se!)).toBeLessThan(1e-12);
    for (const c of r.checks) expect(c.passed, c.name).toBe(true);
    expect(v.u1!.at(-1)).toBeCloseTo(2, 3);
  });

  it('random starts vary across seeds (s.e. > 0) and are compared with eq. 12 at u0,eff', async () => {
    const r = await saxe.simulator!.run(params({ seeds: 3, modes: 2, width: 6, init: 'random' }), {}, ctx);
    const v = r.value as Record<string, number[]>;
    expect(Math.max(...v.u2Se!)).toBeGreaterThan(0);
    expect(v.u2Theory).toHaveLength(v.t!.length);
    for (const c of r.checks) expect(c.passed, c.name).toBe(true);
  });

  it('reports the running mean after each seed for live plots, ending at the final result', async () => {
    const partials: Array<Record<string, unknown>> = [];
    const r = await saxe.simulator!.run(params({ seeds: 3, modes: 2, width: 6, init: 'random' }), {}, { ...ctx, onPartial: (x) => partials.push(x) });
    expect(partials).toHaveLength(2);
    for (const x of partials) expect((x.u1 as number[]).length).toBe((x.t as number[]).length);
    expect(partials[0]!.u1).not.toEqual(r.value.u1);
  });

  it('refuses a rate past the stability bound and asks for width ≥ modes', async () => {
    expect((await saxe.simulator!.run(params({ lr: 1, seeds: 1 }), {}, ctx)).kind).toBe('refused');
    const e = await saxe.simulator!.run(params({ modes: 4, width: 2, seeds: 1 }), {}, ctx).catch((x: unknown) => x);
    expect(String(e)).toMatch(/width=2.*width ∈ \[4, 256\]/);
  });
});

describe('parameters', () => {
  it('reject depth = 1, s ≤ 0, non-numbers and unknown names, naming the parameter and its range', () => {
    expect(catchError(() => params({ depth: '1' })).message).toMatch(/depth=1.*depth ∈ integers in \[2, 1000\]/);
    expect(catchError(() => params({ s: '-1' })).message).toMatch(/s=-1.*s ∈ \(0, ∞\)/);
    expect(catchError(() => params({ u0: 'abc' })).message).toMatch(/u0=abc: not a number/);
    expect(catchError(() => params({ sigma: '1' })).code).toBe('UNKNOWN_PARAM');
  });

  it('require uf strictly between u0 and s, and u0 ≠ s', () => {
    const e = catchError(() => params({ s: 2, u0: 0.001, uf: 2.5 }));
    expect(e.code).toBe('BAD_PARAM');
    expect(e.message).toMatch(/uf=2.5 is outside the reachable interval uf ∈ \(0.001, 2\)/);
    expect(catchError(() => params({ s: 1, u0: 3, uf: 0.5 })).message).toMatch(/uf ∈ \(1, 3\)/);
    expect(catchError(() => params({ s: 1, u0: 1 })).details.param).toBe('u0');
    expect(params({ s: 1, u0: 3, uf: 2 }).uf).toBe(2);
  });
});
