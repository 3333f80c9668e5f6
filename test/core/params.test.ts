import { describe, expect, it } from 'vitest';
import { catchError as errorOf } from '../helpers.ts';
import { parseAssignments, resolveParams, type ParamSpec } from '../../src/core/params.ts';

const specs: Record<string, ParamSpec> = {
  s: { latex: 's', unicode: 's', description: 'singular value', domain: { kind: 'real', min: 0, minExclusive: true }, default: 2 },
  depth: { latex: 'N_l', unicode: 'Nₗ', description: 'layers', domain: { kind: 'integer', min: 2 }, default: 3 },
  param: { latex: '', unicode: '', description: 'scaling', domain: { kind: 'choice', options: ['mup', 'ntk'] }, default: 'mup' },
  batch: { latex: '', unicode: '', description: 'batch ratio', domain: { kind: 'real', min: 0, minExclusive: true }, optional: true },
};

describe('parameter validation (one place, from the declaration)', () => {
  it('fills defaults and converts text', () => {
    expect(resolveParams(specs, { s: '1.5', depth: '5' }, 't')).toEqual({ s: 1.5, depth: 5, param: 'mup', batch: undefined });
  });

  it('names the parameter and its range when out of range', () => {
    const e = errorOf(() => resolveParams(specs, { s: '-1' }, 't'));
    expect(e.code).toBe('BAD_PARAM');
    expect(e.message).toContain('s=-1');
    expect(e.message).toContain('(0, ∞)');
  });

  it('rejects non-numbers, non-integers, bad choices and unknown names', () => {
    expect(errorOf(() => resolveParams(specs, { s: 'abc' }, 't')).message).toMatch(/not a number/);
    expect(errorOf(() => resolveParams(specs, { depth: '2.5' }, 't')).message).toMatch(/not an integer/);
    expect(errorOf(() => resolveParams(specs, { depth: '1' }, 't')).message).toMatch(/integers ≥ 2/);
    expect(errorOf(() => resolveParams(specs, { param: 'sp' }, 't')).message).toMatch(/mup \| ntk/);
    const unknown = errorOf(() => resolveParams(specs, { sigma: '1' }, 't'));
    expect(unknown.code).toBe('UNKNOWN_PARAM');
    expect(unknown.message).toContain('valid parameters: s, depth, param, batch');
  });

  it('reads --set lists and refuses malformed items', () => {
    expect(parseAssignments('s=2, u0=0.001')).toEqual({ s: '2', u0: '0.001' });
    expect(errorOf(() => parseAssignments('s2')).code).toBe('BAD_INPUT');
  });
});
