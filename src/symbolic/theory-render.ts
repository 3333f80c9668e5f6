/**
 * Renderings of a theory's declared equations, with the theory's own symbol names (parameters and
 * symbols): the LaTeX for docs and the Unicode for the terminal come from the same parsed tree.
 */
import type { ParamSpec } from '../core/params.ts';
import type { AnyTheory } from '../core/theory.ts';
import { symbolNamesOf } from './declared.ts';
import { equationTeX, equationUnicode, parseEquation } from './equation.ts';
import type { SymbolNames } from './render.ts';

export function theorySymbolNames(theory: AnyTheory): SymbolNames {
  return symbolNamesOf(theory.params as Record<string, ParamSpec>, theory.symbols);
}

export interface RenderedEquation {
  name: string;
  ref: string;
  title: string;
  kind: string;
  equation: string;
  latex: string;
  unicode: string;
  note?: string;
}

export function renderEquations(theory: AnyTheory): RenderedEquation[] {
  const names = theorySymbolNames(theory);
  return Object.entries(theory.equations).map(([name, eq]) => {
    const parsed = parseEquation(eq.equation);
    const out: RenderedEquation = {
      name,
      ref: eq.ref,
      title: eq.title,
      kind: eq.kind,
      equation: eq.equation,
      latex: equationTeX(parsed, names),
      unicode: equationUnicode(parsed, names),
    };
    if (eq.note) out.note = eq.note;
    return out;
  });
}
