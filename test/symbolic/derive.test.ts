import { describe, expect, it } from 'vitest';
import { antiderivative, odeRate, parseEquation, samplePoints, solveFor, spotCheck } from '../../src/symbolic/index.ts';

const logisticPoints = samplePoints({ s: [0.5, 3], tau: [0.5, 2], u0: { log: [1e-4, 0.1] }, t: [0, 5] }, 12);

describe('verified solving', () => {
  it('finds both fixed points of 2u(s − u) and no others on a scan', () => {
    const out = solveFor('2*u*(s-u)/tau', 'u', { samples: logisticPoints, scan: { from: (p) => -p.s!, to: (p) => 2 * p.s! } });
    expect(out.roots.map((r) => r.text).sort()).toEqual(['0', 's']);
    expect(out.checks.every((c) => c.passed)).toBe(true);
  });

  it('inverts a learning time into a trajectory by log isolation', () => {
    const out = solveFor('t=tau/(2*s)*log(u*(s-u0)/(u0*(s-u)))', 'u', { samples: logisticPoints });
    expect(out.method).toMatch(/log isolation/);
    expect(out.roots).toHaveLength(1);
    const u = out.roots[0]!.compile(['s', 't', 'tau', 'u0']);
    for (const p of logisticPoints) {
      const want = p.s! / (1 + (p.s! / p.u0! - 1) * Math.exp((-2 * p.s! * p.t!) / p.tau!));
      expect(u(p.s!, p.t!, p.tau!, p.u0!)).toBeCloseTo(want, 10);
    }
  });

  it('reports a root that does not satisfy the equation as rejected', () => {
    const scan = { from: () => -3, to: () => 3, points: 600 };
    const out = solveFor('x^3-x', 'x', { samples: [{}], scan });
    // nerdamer finds all three here; the scan confirms none are missing.
    expect(out.roots).toHaveLength(3);
    expect(out.checks.at(-1)!.passed).toBe(true);
  });
});

describe('verified integration', () => {
  const pts = samplePoints({ s: [0.5, 3], tau: [0.5, 2], c0: [0.1, 1], x: [-0.2, 0.2], u: [0.01, 0.4] }, 12);

  it('integrates the balanced mode by separation of variables', () => {
    const out = antiderivative('tau/(2*u*(s-u))', 'u', { samples: pts });
    expect(out.antiderivative).toBeDefined();
    expect(out.checks[0]!.residual).toBeLessThan(1e-8);
  });

  it("rejects nerdamer's wrong antiderivative of 1/quadratic and recovers by partial fractions", () => {
    const out = antiderivative('tau/(s*(1-x^2)-c0*x)', 'x', { samples: pts });
    expect(out.attempts[0]).toMatch(/nerdamer integrate: rejected/);
    expect(out.method).toMatch(/partial fractions/);
    expect(out.checks[0]!.passed).toBe(true);
  });
});

describe('ODE declarations', () => {
  it('solves τu̇ = 2u(s − u) for the rate', () => {
    const { rate, check } = odeRate(parseEquation('tau*diff(u,t) = 2*u*(s-u)'), 'u', logisticPoints.map((p) => ({ ...p, u: p.u0! })));
    expect(check.passed).toBe(true);
    const f = rate.compile(['s', 'tau', 'u']);
    expect(f(2, 0.5, 0.3)).toBeCloseTo((2 * 0.3 * 1.7) / 0.5, 14);
  });
});

describe('spotCheck', () => {
  it('fails on a non-finite value and names the worst sample', () => {
    const c = spotCheck('x', (p) => (p.x! > 0.5 ? NaN : p.x!), (p) => p.x!, [{ x: 0.1 }, { x: 0.9 }]);
    expect(c.passed).toBe(false);
    expect(c.worst).toEqual({ x: 0.9 });
  });
});
