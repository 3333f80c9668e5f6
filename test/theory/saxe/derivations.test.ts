/**
 * Each Saxe derivation against values computed independently (test/fixtures/saxe/generate.py:
 * Simpson quadrature, RK4, finite-difference Hessians, standard library Python) at random
 * parameters, plus the checks the derivation carries itself.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TaggedResult } from '../../../src/core/result.ts';
import { parse } from '../../../src/symbolic/index.ts';
import { saxe } from '../../../theory/saxe/index.ts';
import type { ModeParams } from '../../../theory/saxe/params.ts';

const reference = JSON.parse(readFileSync(new URL('../../fixtures/saxe/reference.json', import.meta.url), 'utf8'));
const base: ModeParams = { s: 2, u0: 0.001, uf: 1.9, tau: 1, depth: 3, c0: 0 };
const derive = (name: string, p: Partial<ModeParams> = {}): TaggedResult => saxe.derivations[name]!.derive({ ...base, ...p } as never);

function expectVerified(r: TaggedResult, kind: 'exact' | 'numeric' = 'exact'): void {
  expect(r.kind, r.reason).toBe(kind);
  expect(r.checks.length).toBeGreaterThan(0);
  for (const c of r.checks) expect(c.passed, `${c.name}: ${c.residual}`).toBe(true);
}

describe('derivation 1: fixed points and stability of eq. 10', () => {
  it('finds {0, s}, unstable then stable, and the saddle ±s/τ of eq. 8 at the origin', () => {
    const r = derive('fixed-points', { s: 1.7, tau: 0.6 });
    expectVerified(r);
    const v = r.value as { fixedPoints: number[]; jacobian: number[]; stability: string[]; originEigenvalues: number[] };
    expect(v.fixedPoints).toEqual([0, 1.7]);
    expect(v.jacobian[0]).toBeCloseTo((2 * 1.7) / 0.6, 12);
    expect(v.jacobian[1]).toBeCloseTo((-2 * 1.7) / 0.6, 12);
    expect(v.stability).toEqual(['unstable', 'stable']);
    expect(v.originEigenvalues[0]).toBeCloseTo(-1.7 / 0.6, 12);
    expect(v.originEigenvalues[1]).toBeCloseTo(1.7 / 0.6, 12);
  });
});

describe('derivation 2: learning time (eq. 11) and trajectory (eq. 12)', () => {
  it('the derived learning time equals Simpson quadrature of 1/u̇ at random parameters', () => {
    const r = derive('balanced-learning-time');
    expectVerified(r);
    const T = parse(r.expression!).compile(['s', 'tau', 'u0', 'uf']);
    for (const c of reference.balanced) expect(T(c.s, c.tau, c.u0, c.uf)).toBeCloseTo(c.t, 9);
  });

  it('learning time scales as 1/s for cutoffs that are fractions of s (digest §5 check 7)', () => {
    const T = parse(derive('balanced-learning-time').expression!).compile(['s', 'tau', 'u0', 'uf']);
    const ts = [0.5, 1, 4].map((s) => s * T(s, 1, 1e-3 * s, 0.95 * s));
    expect(ts[1]).toBeCloseTo(ts[0]!, 12);
    expect(ts[2]).toBeCloseTo(ts[0]!, 12);
  });

  it('the inverted trajectory is eq. 12 and its half-time is (τ/2s) ln(s/u0 − 1)', () => {
    const r = derive('trajectory', { s: 2.5, u0: 0.01, tau: 0.7 });
    expectVerified(r);
    expect((r.value as { halfTime: number }).halfTime).toBeCloseTo((0.7 / 5) * Math.log(2.5 / 0.01 - 1), 12);
    const u = parse(r.expression!).compile(['s', 'tau', 'u0', 't']);
    expect(u(2, 1, 1e-3, 400)).toBe(2); // e^{1600} would overflow without the stable compiler
  });
});

describe('derivation 3: conserved imbalance', () => {
  it('d/dt(a² − b²) along eq. 8 is exactly 0', () => {
    const r = derive('conserved-quantity');
    expectVerified(r);
    expect(r.expression).toBe('0');
  });
});

describe('derivation 4: unbalanced modes (App. A, corrected eq. 26)', () => {
  it('derives τu̇ = √(c0² + 4u²)(s − u)', () => {
    const r = derive('unbalanced-rate', { c0: 0.4, u0: 0.3 });
    expectVerified(r);
    expect(r.value).toBeCloseTo(Math.hypot(0.4, 0.6) * (2 - 0.3), 12);
  });

  it('the u-form time equals RK4 event times of eq. 8 (u0 and c0 of either sign, a² < b² included)', () => {
    const r = derive('unbalanced-learning-time', { c0: 0.5 });
    expectVerified(r);
    const T = parse(r.expression!).compile(['c0', 's', 'tau', 'u0', 'uf']);
    for (const c of reference.unbalanced) expect(T(c.c0, c.s, c.tau, c.u0, c.uf) / c.t).toBeCloseTo(1, 8);
  });

  it('guard: the printed eq. 26 (s in place of 2s) would give times ≈ 2× too long', () => {
    // The printed x-form (erratum E3), written here only to show that it is wrong:
    // t = (τ/R′)[ln((R′ + c0 + s x)/(R′ − c0 − s x))], R′ = √(c0² + s²), x = b/a = tanh(θ/2).
    const printed = (c0: number, s: number, x0: number, xf: number) => {
      const R = Math.hypot(c0, s);
      const F = (x: number) => Math.log((R + c0 + s * x) / (R - c0 - s * x));
      return (F(xf) - F(x0)) / R;
    };
    const T = parse(derive('unbalanced-learning-time', { c0: 0.5 }).expression!).compile(['c0', 's', 'tau', 'u0', 'uf']);
    const [s, c0, u0, uf] = [2, 0.05, 1e-3, 1.8];
    const xOf = (u: number) => (Math.hypot(c0, 2 * u) - c0) / (2 * u);
    // Each form is cut the same fraction of the way to its own fixed point (the paper's cutoff rule).
    const xStar = (Math.hypot(c0, 2 * s) - c0) / (2 * s);
    const xPrintedStar = (Math.hypot(c0, s) - c0) / s;
    const ratio = printed(c0, s, xOf(u0), (xOf(uf) * xPrintedStar) / xStar) / T(c0, s, 1, u0, uf);
    expect(ratio).toBeGreaterThan(1.7);
    expect(ratio).toBeLessThan(2.1);
  });

  it('c0 → 0 gives eq. 11 (numeric limit, tagged asymptotic)', () => {
    const r = derive('balanced-limit');
    expectVerified(r);
    expect(r.asymptotic).toBe('c0 → 0');
    const gaps = (r.diagnostics as { relativeGapToEq11: number[] }).relativeGapToEq11;
    expect(gaps[2]!).toBeLessThan(1e-6);
  });
});

describe('derivation 5: deep modes (eqs. 15–17)', () => {
  it('derives eq. 15 for symbolic D', () => {
    const r = derive('deep-dynamics', { depth: 6 });
    expectVerified(r);
    expect(r.value).toBeCloseTo(5 * 0.001 ** (2 - 2 / 5) * (2 - 0.001), 15);
  });

  it('learning-time matches Simpson quadrature for depths 2…21: exact at N_l = 2, 3, numeric otherwise', () => {
    for (const c of reference.deep) {
      const r = derive('learning-time', { s: c.s, tau: c.tau, u0: c.u0, uf: c.uf, depth: c.depth });
      expectVerified(r, c.depth <= 3 ? 'exact' : 'numeric');
      expect((r.value as number) / c.t).toBeCloseTo(1, 9);
    }
  });

  it('the issue example (s = 2, u0 = 0.001, uf = 1.9, depth 5) is a numeric result with LaTeX', () => {
    const r = derive('learning-time', { depth: 5 });
    expectVerified(r, 'numeric');
    expect(r.latex).toContain('\\int_{u_0}^{u_f}');
    expect(r.value).toBeCloseTo(8.10543934, 6);
  });

  it('eq. 17 integrates eq. 16 exactly, and approaches the eq. 15 time only for N_l ≫ 2 ln(s/u0)', () => {
    for (const c of reference.infiniteDepth) {
      const r = derive('infinite-depth', { s: c.s, tau: c.tau, u0: c.u0, uf: c.uf, depth: c.depth });
      expectVerified(r);
      expect(r.asymptotic).toMatch(/N_l → ∞/);
      expect((r.value as number) / c.tEq16).toBeCloseTo(1, 9);
      const gap = (r.diagnostics as { relativeGapToEq15: number }).relativeGapToEq15;
      expect(gap).toBeCloseTo(Math.abs(c.tEq16 - c.tEq15) / c.tEq15, 6);
    }
    const [shallow, , deep] = reference.infiniteDepth.map((c: { tEq16: number; tEq15: number }) => Math.abs(c.tEq16 - c.tEq15) / c.tEq15);
    expect(deep).toBeLessThan(shallow);
  });
});

describe('derivation 6: Hessian, optimum eigenvalue and stable rates (App. B)', () => {
  it('λ₁ and h − g match the spectrum of a finite-difference Hessian (Jacobi, Python)', () => {
    const r = derive('stability');
    expectVerified(r);
    const d = r.diagnostics as { lambda1: string; h: string; g: string };
    const l1 = parse(d.lambda1).compile(['a', 'D', 's']);
    const other = parse(`(${d.h})-(${d.g})`).compile(['a', 'D', 's']);
    for (const c of reference.hessian) {
      const want = [l1(c.a, c.D, c.s), ...Array(c.D - 1).fill(other(c.a, c.D, c.s))].sort((x, y) => x - y);
      want.forEach((w, i) => expect(w).toBeCloseTo(c.spectrum[i], 5));
    }
  });

  it('λ̂₁ = D s^{2−2/D}; α_opt·N_l·s² → 1 for deep nets; lr past 2/λ̂₁ is refused', () => {
    const v = derive('stability', { depth: 101, s: 1.5 }).value as { lambdaHat: number; lrOptimalTimesDepthS2: number };
    expect(v.lambdaHat).toBeCloseTo(100 * 1.5 ** (2 - 2 / 100), 10);
    expect(v.lrOptimalTimesDepthS2).toBeCloseTo(1, 1);
    const refused = derive('stability', { depth: 6, lr: 0.2 });
    expect(refused.kind).toBe('refused');
    expect(refused.reason).toMatch(/stability bound/);
    expect(derive('stability', { depth: 6, lr: 0.1 }).kind).toBe('exact');
  });
});

describe('derivation 7: products of random matrices', () => {
  it('P(|λ| < r) = r^{2/k}; the origin-bin mass matches 2-D quadrature and the Fig. 6C caption', () => {
    for (const { k, mass } of reference.originBin) {
      const r = derive('random-products', { depth: k + 1 });
      expectVerified(r);
      expect(r.asymptotic).toBe('N → ∞');
      expect((r.value as { originBinMass: number }).originBinMass).toBeCloseTo(mass, 9);
    }
    expect(derive('random-products').expression).toBe('r^(2*k^(-1))');
  });
});
