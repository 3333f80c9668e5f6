/**
 * Invariants of the declared equations (DESIGN §7): fixed points zero the right-hand sides, closed
 * forms satisfy their ODEs, conserved quantities stay conserved along integration (scalar modes,
 * explicit deep chains, and full weight matrices through src/sim).
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng.ts';
import { integrateOde } from '../../../src/numeric/ode.ts';
import { conservedMatrices, flattenWeights, gradientFlowRhs, unflattenWeights } from '../../../src/sim/deep-linear-net.ts';
import { gaussianInit } from '../../../src/sim/init.ts';
import { teacherTask } from '../../../src/sim/tasks.ts';
import { odeRate, samplePoints } from '../../../src/symbolic/index.ts';
import { compileDeclared, declared } from '../../../theory/saxe/declared.ts';
import { modeLaw } from '../../../theory/saxe/mode-law.ts';

const pts = samplePoints({ s: [0.5, 3], tau: [0.5, 2], u0: { log: [1e-4, 0.1] }, c0: [-1, 1], t: [0, 3], N_l: [3, 12] }, 6, 42);
const rateOf = (name: 'balanced' | 'unbalanced' | 'deep' | 'infiniteDepth') => {
  const { rate } = odeRate(declared(name), 'u', pts.map((p) => ({ ...p, u: 0.3 })));
  const args = ['u', ...rate.symbols().filter((n) => n !== 'u')];
  const f = rate.compile(args);
  return (u: number, p: Record<string, number>) => f(u, ...args.slice(1).map((a) => p[a]!));
};

describe('fixed points zero the right-hand sides', () => {
  it('u = 0 and u = s for eq. 10, eq. 15, eq. 16 and the unbalanced law (u = s only, c0 ≠ 0)', () => {
    for (const p of pts) {
      for (const name of ['balanced', 'deep', 'infiniteDepth'] as const) {
        expect(rateOf(name)(0, p)).toBe(0);
        expect(Math.abs(rateOf(name)(p.s!, p))).toBeLessThan(1e-13 * p.s! ** 3 * p.N_l!);
      }
      expect(Math.abs(rateOf('unbalanced')(p.s!, p))).toBeLessThan(1e-13 * p.s! ** 2);
      expect(Math.abs(rateOf('unbalanced')(0, p))).toBeGreaterThan(0);
    }
  });

  it('ab = s is a line of fixed points of eq. 8', () => {
    const fa = odeRate(declared('modeA'), 'a', pts.map((p) => ({ ...p, a: 0.4, b: 0.3 }))).rate.compile(['a', 'b', 's', 'tau']);
    for (const p of pts) for (const a of [0.5, 1, 2]) expect(fa(a, p.s! / a, p.s!, p.tau!)).toBeCloseTo(0, 14);
  });
});

describe('closed forms satisfy their ODEs', () => {
  it('eq. 12 solves eq. 10 (central differences) and eq. 11 inverts eq. 12', () => {
    const u = compileDeclared('trajectory', ['s', 'tau', 'u0', 't']);
    const T = compileDeclared('learningTime', ['s', 'tau', 'u0', 'uf']);
    const rate = rateOf('balanced');
    for (const p of pts) {
      const h = 1e-5;
      const du = (u(p.s!, p.tau!, p.u0!, p.t! + h) - u(p.s!, p.tau!, p.u0!, p.t! - h)) / (2 * h);
      expect(du / rate(u(p.s!, p.tau!, p.u0!, p.t!), p)).toBeCloseTo(1, 6);
      expect(T(p.s!, p.tau!, p.u0!, u(p.s!, p.tau!, p.u0!, p.t!))).toBeCloseTo(p.t!, 9);
    }
  });

  it('d/du_f of the corrected eq. 26 is 1/u̇ of the unbalanced law, for either sign of c0', () => {
    const T = compileDeclared('unbalancedTime', ['c0', 's', 'tau', 'u0', 'uf']);
    const rate = rateOf('unbalanced');
    for (const p of pts) {
      const uf = 0.5 * p.s!;
      const h = 1e-5 * p.s!;
      const dT = (T(p.c0!, p.s!, p.tau!, p.u0!, uf + h) - T(p.c0!, p.s!, p.tau!, p.u0!, uf - h)) / (2 * h);
      expect(dT * rate(uf, p)).toBeCloseTo(1, 6);
    }
  });

  it('d/du_f of eq. 17 is 1/u̇ of eq. 16', () => {
    const T = compileDeclared('infiniteDepthTime', ['N_l', 's', 'tau', 'u0', 'uf']);
    const rate = rateOf('infiniteDepth');
    for (const p of pts) {
      const uf = 0.5 * p.s!;
      const h = 1e-5 * p.s!;
      const dT = (T(p.N_l!, p.s!, p.tau!, p.u0!, uf + h) - T(p.N_l!, p.s!, p.tau!, p.u0!, uf - h)) / (2 * h);
      expect(dT * rate(uf, p)).toBeCloseTo(1, 6);
    }
  });

  it('the mode law of the solver is eq. 10, the unbalanced law or eq. 15 as the parameters say', () => {
    const p = { s: 2, tau: 1, depth: 3, c0: 0 };
    const law = modeLaw(p);
    expect('rate' in law && law.equation).toBe('balanced');
    expect('rate' in law && law.rate(0.5)).toBeCloseTo(2 * 0.5 * 1.5, 14);
    const deep = modeLaw({ ...p, depth: 7 });
    expect('rate' in deep && deep.rate(0.5)).toBeCloseTo(6 * 0.5 ** (2 - 2 / 6) * 1.5, 14);
    expect(modeLaw({ ...p, depth: 7, c0: 0.1 })).toHaveProperty('refused');
  });
});

describe('conserved quantities stay conserved along integration', () => {
  it('a² − b² along eq. 8 from random starts', () => {
    const fa = odeRate(declared('modeA'), 'a', pts.map((p) => ({ ...p, a: 0.4, b: 0.3 }))).rate.compile(['a', 'b', 's', 'tau']);
    const fb = odeRate(declared('modeB'), 'b', pts.map((p) => ({ ...p, a: 0.4, b: 0.3 }))).rate.compile(['a', 'b', 's', 'tau']);
    const rng = new Rng(3);
    for (const p of pts) {
      const [a0, b0] = [rng.normal(), rng.normal()];
      const sol = integrateOde((dy, y) => {
        dy[0] = fa(y[0]!, y[1]!, p.s!, p.tau!);
        dy[1] = fb(y[0]!, y[1]!, p.s!, p.tau!);
      }, [a0, b0], { t0: 0, tEnd: 5 * p.tau! / p.s!, absTol: 1e-13, relTol: 1e-12 });
      for (let i = 0; i < sol.t.length; i++) {
        const [a, b] = [sol.y[2 * i]!, sol.y[2 * i + 1]!];
        expect(Math.abs(a * a - b * b - (a0 * a0 - b0 * b0))).toBeLessThan(1e-9 * (a0 * a0 + b0 * b0 + 1));
      }
    }
  });

  it('a_i² − a_j² along the gradient flow of an explicit chain of 4 scalars (eq. 14); only the smallest factor can cross zero', () => {
    const s = 1.5;
    const a0 = [0.3, -0.5, 0.7, 0.4];
    const sol = integrateOde((da, a) => {
      const u = a[0]! * a[1]! * a[2]! * a[3]!;
      for (let i = 0; i < 4; i++) da[i] = (s - u) * (u / a[i]!);
    }, a0, { t0: 0, tEnd: 20, absTol: 1e-13, relTol: 1e-12 });
    const last = sol.t.length - 1;
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        const now = sol.y[4 * last + i]! ** 2 - sol.y[4 * last + j]! ** 2;
        expect(now).toBeCloseTo(a0[i]! ** 2 - a0[j]! ** 2, 9);
      }
    }
    // u0 < 0 with the negative factor not the smallest: the smallest |a_i| (a_1) crosses zero instead
    // and the chain learns u = s (digest §3.7, frozen sign; §5 check 12).
    const u = sol.y.slice(4 * last, 4 * last + 4).reduce((x, y) => x * y, 1);
    expect(u).toBeCloseTo(s, 6);
    expect(sol.y[4 * last]!).toBeLessThan(0);
  });

  it('W^{l+1}ᵀW^{l+1} − W^l W^lᵀ along the matrix gradient flow of eq. 13 (depth 4, rectangular)', () => {
    const task = teacherTask({ n1: 5, n3: 3, singularValues: [2, 1, 0.5], seed: 4 });
    const widths = [5, 4, 6, 3];
    const net = gaussianInit(widths, { std: 0.3, seed: 9 }).net;
    const before = conservedMatrices(net);
    const sol = integrateOde(gradientFlowRhs(widths, { kind: 'statistics', statistics: task.statistics }, 1), flattenWeights(net), { t0: 0, tEnd: 3, absTol: 1e-12, relTol: 1e-11 });
    const after = conservedMatrices(unflattenWeights(widths, sol.y.subarray(sol.y.length - flattenWeights(net).length)));
    before.forEach((q, l) => q.forEach((v, i) => expect(after[l]![i]).toBeCloseTo(v, 8)));
  });
});
