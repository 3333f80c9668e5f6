import { describe, it, expect } from 'vitest';
import {
  erf,
  erfc,
  erfcx,
  log1pExp,
  logistic,
  logSumExp,
  normalCdf,
  normalPdf,
  normalQuantile,
  normalUpperTail,
} from '../../src/numeric/special.ts';

const relErr = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

// References from mpmath at 30 digits (python3: mpmath.erf, erfc, exp(x²)·erfc, ncdf).
const ERF_TABLE: Array<[x: number, erf: number, erfc: number, erfcx: number]> = [
  [1e-12, 1.1283791670955126e-12, 0.9999999999988716, 0.9999999999988716],
  [0.1, 0.1124629160182849, 0.887537083981715, 0.8964569799691267],
  [0.46875, 0.49261347321793797, 0.507386526782062, 0.6320696892495561],
  [0.5, 0.5204998778130465, 0.4795001221869535, 0.6156903441929259],
  [1.0, 0.8427007929497149, 0.15729920705028513, 0.427583576155807],
  [2.5, 0.999593047982555, 0.0004069520174449589, 0.2108063640611436],
  [4.0, 0.9999999845827421, 1.541725790028002e-8, 0.13699945762506138],
  [4.5, 0.9999999998033839, 1.9661604415428876e-10, 0.12248480427384142],
  [6.0, 1.0, 2.1519736712498913e-17, 0.09277656780053835],
  [10.0, 1.0, 2.088487583762545e-45, 0.05614099274382259],
  [26.0, 1.0, 5.663192408856143e-296, 0.021683584850562907],
];

describe('error function family (Cody 1969)', () => {
  it.each(ERF_TABLE)('erf, erfc, erfcx at x = %d match mpmath to 1e-15 relative', (x, e, ec, ex) => {
    expect(relErr(erf(x), e)).toBeLessThan(1e-15);
    expect(relErr(erfc(x), ec)).toBeLessThan(1e-15);
    expect(relErr(erfcx(x), ex)).toBeLessThan(1e-15);
  });

  it('is odd (erf) and reflects (erfc(−x) = 2 − erfc(x)) for negative arguments', () => {
    expect(erf(-1.5)).toBe(-0.9661051464753108);
    expect(relErr(erfc(-3), 1.9999779095030015)).toBeLessThan(1e-15);
    expect(relErr(erfc(-0.5), 1.5204998778130465)).toBeLessThan(1e-15);
    expect(relErr(erfcx(-3), 16205.988853999586)).toBeLessThan(1e-14);
    expect(Number.isNaN(erf(NaN))).toBe(true);
  });
});

describe('standard normal distribution', () => {
  it('Φ and Q keep relative accuracy deep in the tails', () => {
    const table: Array<[number, number]> = [
      [-30, 4.906713927148187e-198],
      [-20, 2.7536241186062337e-89],
      [-10, 7.619853024160525e-24],
      [-5, 2.866515718791939e-7],
      [-1, 0.15865525393145705],
      [0.5, 0.6914624612740131],
      [3, 0.9986501019683699],
    ];
    for (const [x, p] of table) {
      expect(relErr(normalCdf(x), p)).toBeLessThan(3e-15);
      expect(relErr(normalUpperTail(-x), p)).toBeLessThan(3e-15);
    }
    expect(relErr(normalUpperTail(8), 6.220960574271784e-16)).toBeLessThan(3e-15);
  });

  it('φ(x) = e^{−x²/2}/√(2π) including the far tail', () => {
    expect(relErr(normalPdf(0), 1 / Math.sqrt(2 * Math.PI))).toBeLessThan(1e-16);
    expect(relErr(normalPdf(-1.3), Math.exp(-0.845) / Math.sqrt(2 * Math.PI))).toBeLessThan(1e-15);
    // mpmath.npdf(35) = 3.940396277136024e-267
    expect(relErr(normalPdf(35), 3.940396277136024e-267)).toBeLessThan(1e-14);
  });

  it('Φ⁻¹(Φ(x)) = x from the far lower tail to x = 5', () => {
    for (let x = -37; x <= 5; x += 0.37) {
      const back = normalQuantile(normalCdf(x));
      expect(Math.abs(back - x)).toBeLessThan(x > 3 ? 1e-10 : 1e-13 * Math.max(1, Math.abs(x)));
    }
  });

  it('Φ⁻¹ at known quantiles and the ends of [0, 1]', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(relErr(normalQuantile(0.975), 1.9599639845400538)).toBeLessThan(1e-15);
    expect(relErr(normalQuantile(1e-300), -37.0470962993612)).toBeLessThan(1e-14);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(Number.isNaN(normalQuantile(1.5))).toBe(true);
  });
});

describe('branch-stable logistic forms', () => {
  it('logistic(z) = 1/(1 + e^{−z}) without overflow and with tiny values kept', () => {
    expect(logistic(0)).toBe(0.5);
    expect(logistic(800)).toBe(1);
    expect(logistic(-800)).toBe(0); // e^{−800} underflows; no NaN from ∞/∞
    expect(relErr(logistic(-700), Math.exp(-700))).toBeLessThan(1e-15);
    expect(relErr(logistic(-30), 9.357622968839299e-14)).toBeLessThan(1e-15);
    expect(relErr(logistic(2), 1 / (1 + Math.exp(-2)))).toBeLessThan(1e-16);
  });

  it('log1pExp(x) = log(1 + e^x) across all branches (mpmath log1p references)', () => {
    const table: Array<[number, number]> = [
      [-40, 4.248354255291589e-18],
      [-20, 2.061153620314381e-9],
      [0, 0.6931471805599453],
      [10, 10.000045398899218],
      [20, 20.000000002061153],
      [30, 30.000000000000092],
      [40, 40],
      [800, 800],
    ];
    for (const [x, v] of table) expect(relErr(log1pExp(x), v)).toBeLessThan(1e-15);
  });

  it('logSumExp(a, b) = log(e^a + e^b), stable for large and infinite arguments', () => {
    expect(logSumExp(1000, 1000)).toBe(1000 + Math.LN2);
    expect(relErr(logSumExp(-1000, -1001), -1000 + Math.log1p(Math.exp(-1)))).toBeLessThan(1e-15);
    expect(logSumExp(-Infinity, -Infinity)).toBe(-Infinity);
    expect(logSumExp(-Infinity, 3)).toBe(3);
    expect(logSumExp(Infinity, 3)).toBe(Infinity);
  });
});
