import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCS_DIR } from '../../src/cli/commands/docs.ts';
import { allTheories } from '../../src/cli/registry.ts';
import type { ParamSpec } from '../../src/core/params.ts';
import type { AnyTheory } from '../../src/core/theory.ts';
import type { DocData } from '../../src/docs/data.ts';
import { renderTex } from '../../src/docs/katex.ts';
import { renderEquations } from '../../src/symbolic/theory-render.ts';
import { toyTheory } from '../fixtures/toy-logistic/theory.ts';

/** Every LaTeX string a theory's docs show: parameters, symbols, equations, derived formulas. */
function latexOf(theory: AnyTheory, derived: ReadonlyArray<{ name: string; latex?: string }>): Array<[string, string]> {
  return [
    ...Object.entries(theory.params as Record<string, ParamSpec>).filter(([, p]) => p.latex).map(([n, p]): [string, string] => [`param ${n}`, p.latex]),
    ...Object.entries(theory.symbols).map(([n, s]): [string, string] => [`symbol ${n}`, s.latex]),
    ...renderEquations(theory).map((e): [string, string] => [`equation ${e.name} (${e.ref})`, e.latex]),
    ...derived.filter((d) => d.latex).map((d): [string, string] => [`derivation ${d.name}`, d.latex!]),
  ];
}

function storedDerivations(theory: AnyTheory): DocData['derivations'] {
  const path = join(DEFAULT_DOCS_DIR, 'data', `${theory.id}.json`);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as DocData).derivations : [];
}

describe('every LaTeX string renders with KaTeX in strict mode', () => {
  for (const theory of allTheories()) {
    it(`${theory.id}: parameters, symbols, equations and the derived formulas in the docs`, () => {
      const strings = latexOf(theory, storedDerivations(theory));
      expect(strings.length).toBeGreaterThan(0);
      for (const [what, latex] of strings) expect(() => renderTex(latex, true), what).not.toThrow();
    });
  }

  it('the fixture theory, with derivations computed now', () => {
    const derived = Object.entries(toyTheory.derivations).map(([name, d]) => ({ name, latex: d.derive({ s: 2, u0: 0.01, tau: 1 } as never).latex }));
    const strings = latexOf(toyTheory, derived);
    expect(strings.map(([w]) => w)).toContain('derivation half-time');
    for (const [what, latex] of strings) expect(() => renderTex(latex, true), what).not.toThrow();
  });

  it('fails on what strict mode rejects, naming the input', () => {
    expect(() => renderTex('\\frac{1}{', true)).toThrow(/KaTeX cannot render "\\\\frac\{1\}\{"/);
    expect(() => renderTex('\\notacommand x', false)).toThrow(/notacommand/);
  });
});
