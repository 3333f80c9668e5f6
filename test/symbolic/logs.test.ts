import { describe, expect, it } from 'vitest';
import { combineLogs, samplePoints } from '../../src/symbolic/index.ts';

describe('combineLogs', () => {
  const pts = samplePoints({ s: [1, 3], tau: [0.5, 2], u0: [0.01, 0.2], uf: [0.4, 0.9], N_l: [3, 9] }, 6);

  it('writes F(uf) − F(u0) of the balanced mode as one logarithm, with the same value', () => {
    const combined = combineLogs('(1/2)*(-log(-uf+s)-log(u0)+log(-u0+s)+log(uf))*s^(-1)*tau');
    expect(combined.text.match(/log\(/g)).toHaveLength(1);
    for (const { s, tau, u0, uf } of pts) {
      const want = (tau! / (2 * s!)) * Math.log((uf! * (s! - u0!)) / (u0! * (s! - uf!)));
      expect(combined.evaluate({ s: s!, tau: tau!, u0: u0!, uf: uf! })).toBeCloseTo(want, 12);
    }
  });

  it('keeps terms without logarithms and logarithms whose coefficients are not rational multiples', () => {
    const combined = combineLogs('-log(s-uf)*tau/(N_l*s^2)+log(uf)*tau/(N_l*s^2)+tau/(N_l*s*u0)+log(u0)*s');
    expect(combined.text.match(/log\(/g)).toHaveLength(2);
    for (const { s, tau, u0, uf, N_l } of pts) {
      const want = (tau! / (N_l! * s! ** 2)) * Math.log(uf! / (s! - uf!)) + tau! / (N_l! * s! * u0!) + Math.log(u0!) * s!;
      expect(combined.evaluate({ s: s!, tau: tau!, u0: u0!, uf: uf!, N_l: N_l! })).toBeCloseTo(want, 12);
    }
  });
});
