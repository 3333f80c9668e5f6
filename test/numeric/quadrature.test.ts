import { describe, it, expect } from 'vitest';
import { catchError } from '../helpers.ts';
import { integrateAdaptive, integrateTanhSinh } from '../../src/numeric/adaptiveQuadrature.ts';
import {
  expectNormal,
  gaussHermite,
  gaussHermiteNormal,
  gaussLegendre,
  integrateGaussChebyshevU,
  integrateGaussLegendre,
} from '../../src/numeric/quadrature.ts';

const relErr = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

function doubleFactorial(m: number): number {
  let r = 1;
  for (let k = m; k > 1; k -= 2) r *= k;
  return r;
}

describe('Gauss–Legendre', () => {
  it('matches the tabulated 5-point rule', () => {
    const { nodes, weights } = gaussLegendre(5);
    expect(nodes[4]).toBeCloseTo(0.906179845938664, 15);
    expect(nodes[3]).toBeCloseTo(0.5384693101056831, 15);
    expect(nodes[2]).toBe(0);
    expect(weights[4]).toBeCloseTo(0.2369268850561891, 15);
    expect(weights[2]).toBeCloseTo(128 / 225, 15);
  });

  it.each([1, 2, 3, 7, 20, 64])('the %i-point rule is exact for x^k, k ≤ 2n − 1, and not for x^{2n}', (n) => {
    for (let k = 0; k <= 2 * n - 1; k++) {
      const exact = (1 - (-0.5) ** (k + 1)) / (k + 1); // ∫_{−1/2}^{1} x^k dx
      expect(Math.abs(integrateGaussLegendre((x) => x ** k, -0.5, 1, n) - exact)).toBeLessThan(1e-14);
    }
    if (n > 7) return; // for larger n the error on x^{2n} is below rounding
    const k = 2 * n;
    const exact = (1 - (-0.5) ** (k + 1)) / (k + 1);
    expect(Math.abs(integrateGaussLegendre((x) => x ** k, -0.5, 1, n) - exact)).toBeGreaterThan(1e-10);
  });

  it('weights sum to 2 and nodes are symmetric for large n', () => {
    const { nodes, weights } = gaussLegendre(500);
    let sum = 0;
    for (let i = 0; i < 500; i++) {
      sum += weights[i]!;
      expect(nodes[i]! + nodes[499 - i]!).toBe(0);
    }
    expect(Math.abs(sum - 2)).toBeLessThan(1e-13);
    expect(relErr(integrateGaussLegendre(Math.exp, 0, 1, 500), Math.E - 1)).toBeLessThan(1e-14);
  });
});

describe('Gauss–Hermite', () => {
  it('matches numpy.polynomial.hermite.hermgauss(7)', () => {
    const { nodes, weights } = gaussHermite(7);
    expect(nodes[6]).toBeCloseTo(2.6519613568352334, 14);
    expect(nodes[5]).toBeCloseTo(1.6735516287674714, 14);
    expect(relErr(weights[6]!, 0.0009717812450995199)).toBeLessThan(1e-14);
    expect(relErr(weights[3]!, 0.8102646175568072)).toBeLessThan(1e-14);
  });

  it('n = 200: outermost node and its tiny weight match a 60-digit mpmath computation', () => {
    const { nodes, weights } = gaussHermite(200);
    expect(relErr(nodes[199]!, 19.339248667911406)).toBeLessThan(1e-15);
    expect(relErr(weights[199]!, 2.229093496280628e-163)).toBeLessThan(1e-13);
    expect(relErr(nodes[100]!, 0.0784419039174208)).toBeLessThan(1e-14);
    expect(relErr(weights[100]!, 0.15592224233010155)).toBeLessThan(1e-14);
    let sum = 0;
    for (let i = 0; i < 200; i++) sum += weights[i]!;
    expect(relErr(sum, Math.sqrt(Math.PI))).toBeLessThan(1e-13);
  });

  it('reproduces the normal moments E Z^{2k} = (2k − 1)!! exactly for 2k ≤ 2n − 1', () => {
    const n = 12;
    for (let k = 0; 2 * k <= 2 * n - 1; k++) {
      expect(relErr(expectNormal((z) => z ** (2 * k), n), doubleFactorial(2 * k - 1))).toBeLessThan(1e-13);
      expect(Math.abs(expectNormal((z) => z ** (2 * k + 1), n))).toBeLessThan(1e-9 * doubleFactorial(2 * k + 1));
    }
    // 2k = 2n is beyond the rule's degree
    expect(relErr(expectNormal((z) => z ** (2 * n), n), doubleFactorial(2 * n - 1))).toBeGreaterThan(1e-3);
  });

  it('computes Gaussian expectations: E cos Z = e^{−1/2}, E e^{Z} = e^{1/2}, and E tanh²(Z) against Gauss–Kronrod', () => {
    expect(relErr(expectNormal(Math.cos, 40), Math.exp(-0.5))).toBeLessThan(1e-14);
    expect(relErr(expectNormal(Math.exp, 40), Math.exp(0.5))).toBeLessThan(1e-14);
    const { weights } = gaussHermiteNormal(150);
    expect(Math.abs(weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-13);
    // tanh² has poles at ±iπ/2, so convergence in n is only geometric in √n
    const reference = integrateAdaptive((z) => (Math.tanh(z) ** 2 * Math.exp(-0.5 * z * z)) / Math.sqrt(2 * Math.PI), -Infinity, Infinity, {
      absTol: 1e-14,
      relTol: 1e-14,
    }).value;
    expect(Math.abs(expectNormal((z) => Math.tanh(z) ** 2, 150) - reference)).toBeLessThan(1e-10);
  });
});

describe('Gauss–Chebyshev (second kind)', () => {
  it('∫ √((b−x)(x−a)) dx = π(b−a)²/8 and exactness for degree 2n − 1', () => {
    expect(relErr(integrateGaussChebyshevU(() => 1, 0.5, 3, 1), (Math.PI * 2.5 ** 2) / 8)).toBeLessThan(1e-15);
    const f = (x: number): number => x ** 7 - 2 * x ** 3 + 1;
    expect(relErr(integrateGaussChebyshevU(f, 0.5, 3, 4), integrateGaussChebyshevU(f, 0.5, 3, 200))).toBeLessThan(1e-14);
    expect(relErr(integrateGaussChebyshevU(f, 0.5, 3, 3), integrateGaussChebyshevU(f, 0.5, 3, 200))).toBeGreaterThan(1e-6);
  });

  it('integrates the Marchenko–Pastur density: mass 1, mean 1, second moment 1 + λ', () => {
    // The pole of 1/x at 0 nears the edge a as λ → 1, so larger λ needs more nodes.
    for (const [lambda, n] of [[0.1, 60], [0.5, 100], [0.9, 1200]] as const) {
      const a = (1 - Math.sqrt(lambda)) ** 2;
      const b = (1 + Math.sqrt(lambda)) ** 2;
      // ρ(x) = √((b−x)(x−a)) / (2πλx)
      const moment = (k: number): number => integrateGaussChebyshevU((x) => x ** (k - 1) / (2 * Math.PI * lambda), a, b, n);
      expect(Math.abs(moment(0) - 1)).toBeLessThan(1e-12);
      expect(Math.abs(moment(1) - 1)).toBeLessThan(1e-12);
      expect(Math.abs(moment(2) - (1 + lambda))).toBeLessThan(1e-12);
    }
  });
});

describe('adaptive Gauss–Kronrod (G7/K15)', () => {
  it('one K15 panel is exact for degree 23 and G7 for 13: x^13 needs no subdivision', () => {
    const r13 = integrateAdaptive((x) => x ** 13, 0, 1, { absTol: 1e-15, relTol: 1e-15 });
    expect(r13.evaluations).toBe(15);
    expect(Math.abs(r13.value - 1 / 14)).toBeLessThan(1e-16);
    const r23 = integrateAdaptive((x) => x ** 23 - x ** 17, -1, 2, { absTol: 1e-6, relTol: 0 });
    expect(Math.abs(r23.value - ((2 ** 24 - 1) / 24 - (2 ** 18 - 1) / 18))).toBeLessThan(1e-8);
  });

  it('integrates √x on [0, 1] (singular derivative at 0) to 1e-12', () => {
    const r = integrateAdaptive(Math.sqrt, 0, 1, { absTol: 1e-13, relTol: 1e-13 });
    expect(Math.abs(r.value - 2 / 3)).toBeLessThan(1e-12);
    expect(r.errorEstimate).toBeLessThan(1e-12);
    expect(r.evaluations % 15).toBe(0);
  });

  it('handles a kink, reversed limits and infinite ranges', () => {
    expect(integrateAdaptive((x) => Math.abs(x - 0.3), 0, 1).value).toBeCloseTo(0.29, 12);
    expect(integrateAdaptive((x) => Math.abs(x - 0.3), 1, 0).value).toBeCloseTo(-0.29, 12);
    expect(integrateAdaptive((x) => 1 / (1 + x * x), -Infinity, Infinity).value).toBeCloseTo(Math.PI, 11);
    // ∫_0^∞ e^{−x} sin x / x dx = π/4
    expect(integrateAdaptive((x) => (x === 0 ? 1 : (Math.exp(-x) * Math.sin(x)) / x), 0, Infinity).value).toBeCloseTo(Math.PI / 4, 11);
    expect(integrateAdaptive((x) => Math.exp(x), -Infinity, 0).value).toBeCloseTo(1, 11);
  });

  it('the error estimate bounds the true error on an oscillatory integrand', () => {
    const r = integrateAdaptive((x) => Math.cos(50 * x), 0, 1, { absTol: 1e-8, relTol: 0 });
    const exact = Math.sin(50) / 50;
    expect(Math.abs(r.value - exact)).toBeLessThanOrEqual(r.errorEstimate + 1e-15);
    expect(r.errorEstimate).toBeLessThan(1e-8);
  });

  it('reports NOT_CONVERGED with the error estimate for a non-integrable 1/x', () => {
    const e = catchError(() => integrateAdaptive((x) => 1 / x, 0, 1, { maxPanels: 200 }));
    expect(e.code).toBe('NOT_CONVERGED');
    expect(e.details.errorEstimate as number).toBeGreaterThan(1e-10);
    expect(e.details).toHaveProperty('value');
  });
});

describe('tanh-sinh', () => {
  it('∫₀¹ x^{−1/2} dx = 2', () => {
    const r = integrateTanhSinh((x) => 1 / Math.sqrt(x), 0, 1);
    expect(Math.abs(r.value - 2)).toBeLessThan(1e-12);
  });

  it('∫₀¹ log x dx = −1 and ∫₀¹ log x·log(1 − x) dx = 2 − π²/6', () => {
    expect(Math.abs(integrateTanhSinh(Math.log, 0, 1).value + 1)).toBeLessThan(1e-12);
    const r = integrateTanhSinh((x) => Math.log(x) * Math.log1p(-x), 0, 1);
    expect(Math.abs(r.value - (2 - Math.PI ** 2 / 6))).toBeLessThan(1e-12);
  });

  it('∫_{−1}^{1} (1 − x²)^{−1/2} dx = π (both ends singular) with few evaluations', () => {
    const r = integrateTanhSinh((_x, dA, dB) => 1 / Math.sqrt(dA * dB), -1, 1);
    expect(Math.abs(r.value - Math.PI)).toBeLessThan(1e-13);
    expect(r.evaluations).toBeLessThan(1000);
  });

  it('reports NOT_CONVERGED for the non-integrable 1/x', () => {
    expect(catchError(() => integrateTanhSinh((x) => 1 / x, 0, 1, 1e-12, 6)).code).toBe('NOT_CONVERGED');
  });
});
