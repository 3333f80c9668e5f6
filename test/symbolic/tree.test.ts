import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.ts';
import { compiledSource } from '../../src/symbolic/compile.ts';
import { parse } from '../../src/symbolic/index.ts';

/** Reference evaluation written independently of the tree: plain JS of the same formula. */
const cases: Array<{ text: string; args: string[]; ref: (...a: number[]) => number }> = [
  { text: '3*x^2*y+sin(x)/(1+exp(-x))', args: ['x', 'y'], ref: (x, y) => 3 * x * x * y + Math.sin(x) / (1 + Math.exp(-x)) },
  { text: '(x+1)^y - 2^(1/3)*x', args: ['x', 'y'], ref: (x, y) => (x + 1) ** y - 2 ** (1 / 3) * x },
  { text: '-(a+b)^(-1/2) + a^(4/3)', args: ['a', 'b'], ref: (a, b) => -1 / Math.sqrt(a + b) + a ** (4 / 3) },
  { text: 'sqrt(c0^2+4*u^2)*(s-u)/tau', args: ['c0', 'u', 's', 'tau'], ref: (c0, u, s, tau) => (Math.sqrt(c0 * c0 + 4 * u * u) * (s - u)) / tau },
  { text: 'log(x*y)/log(2) + asinh(x/y^2) - cosh(x)', args: ['x', 'y'], ref: (x, y) => Math.log(x * y) / Math.log(2) + Math.asinh(x / (y * y)) - Math.cosh(x) },
  { text: '(x^2+x)^y*pi', args: ['x', 'y'], ref: (x, y) => (x * x + x) ** y * Math.PI },
];

describe('nerdamer tree → Plateau tree → float64 closure', () => {
  it('agrees with direct JavaScript evaluation at random points', () => {
    const rng = new Rng(7);
    for (const c of cases) {
      const f = parse(c.text).compile(c.args);
      for (let i = 0; i < 20; i++) {
        const args = c.args.map(() => 0.2 + 1.5 * rng.uniform());
        const want = c.ref(...args);
        expect(Math.abs(f(...args) - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
      }
    }
  });
});

describe('stable forms of the compiler', () => {
  it('eq. 12 as nerdamer writes it stays finite where e^{2st/τ} overflows', () => {
    // s·e^{z}·u0/(u0·e^{z} + s − u0), z = 2st/τ: naive evaluation gives ∞/∞ = NaN beyond z ≈ 709.
    const e = parse('e^(2*s*t/tau)*s*u0/(e^(2*s*t/tau)*u0+s-u0)');
    const f = e.compile(['s', 't', 'tau', 'u0']);
    expect(f(2, 1e4, 1, 1e-3)).toBe(2);
    expect(f(2, -1e4, 1, 1e-3)).toBe(0);
    const logistic = (t: number) => 2 / (1 + (2 / 1e-3 - 1) * Math.exp(-4 * t));
    for (const t of [0, 0.5, 1, 2, 3]) expect(f(2, t, 1, 1e-3)).toBeCloseTo(logistic(t), 14);
  });

  it('the logistic 1/(1 + e^{−x}) never returns NaN', () => {
    const f = parse('1/(1+exp(-x))').compile(['x']);
    expect(f(-800)).toBe(0);
    expect(f(800)).toBe(1);
    expect(f(0)).toBe(0.5);
  });

  it('uses expm1, log1p and hypot where they apply', () => {
    expect(compiledSource(parse('e^x-1').tree, ['x'])).toContain('Math.expm1');
    expect(compiledSource(parse('log(1+x)').tree, ['x'])).toContain('Math.log1p');
    expect(compiledSource(parse('sqrt(c0^2+4*u^2)').tree, ['c0', 'u'])).toContain('Math.hypot');
    // e^{1e-12} − 1 computed naively is off by 9e-5 relative; expm1 is exact to rounding.
    expect(Math.abs(parse('e^x-1').compile(['x'])(1e-12) / 1e-12 - 1)).toBeLessThan(1e-12);
    expect(parse('sqrt(c0^2+4*u^2)').compile(['c0', 'u'])(3e200, 2e200)).toBeCloseTo(5e200, -188);
  });

  it('takes odd roots of negative numbers on the real branch', () => {
    expect(parse('x^(1/3)').compile(['x'])(-8)).toBeCloseTo(-2, 14);
    expect(parse('x^(2/3)').compile(['x'])(-8)).toBeCloseTo(4, 14);
  });

  it('refuses to compile a formula with a free symbol that is not an argument', () => {
    expect(() => parse('x+y').compile(['x'])).toThrow(/free symbols y/);
  });
});

describe('renderings from one tree', () => {
  it('writes Greek names, subscripts and dotted derivatives', () => {
    const ode = parse('tau*diff(u,t) - 2*u*(s-u)');
    expect(ode.unicode()).toBe('τu̇ − 2u(s − u)');
    expect(ode.tex()).toBe('\\tau \\dot{u} - 2 u \\left(s - u\\right)');
    expect(parse('s/(1+(s/u0-1)*e^(-2*s*t/tau))').tex()).toBe('\\frac{s}{\\left(\\frac{s}{u_{0}} - 1\\right) e^{-\\frac{2 s t}{\\tau}} + 1}');
  });

  it('uses the names a theory declares', () => {
    expect(parse('N_l*u^2').unicode({ N_l: { latex: 'N_l', unicode: 'Nₗ' } })).toBe('Nₗu²');
  });

  it('refuses nerdamer constants as variable names', () => {
    expect(() => parse('E*x')).toThrow(/constant/);
  });
});
