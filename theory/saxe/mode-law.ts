/**
 * Which declared ODE governs one mode, compiled for the numeric layer: eq. 10 for a balanced
 * 3-layer mode, the App. A law for an unbalanced one (c0 ≠ 0), eq. 15 for other depths. The rate
 * comes from the declaration through `odeRate` (solved for u̇), never retyped.
 */
import { odeRate, type CompiledFn } from '../../src/symbolic/index.ts';
import { declared } from './declared.ts';
import { modePoints } from './derivations/samples.ts';
import type { SaxeEquationName } from './equations.ts';
import { saxeEquations } from './equations.ts';
import type { ModeRate } from './mode-dynamics.ts';

export interface ModeLaw {
  equation: SaxeEquationName;
  ref: string;
  /** du/dt at u for this mode's s (and τ, depth, c0). */
  rate: ModeRate;
}

const compiled = new Map<SaxeEquationName, { fn: CompiledFn; args: string[] }>();

function compiledRate(equation: SaxeEquationName): { fn: CompiledFn; args: string[] } {
  let c = compiled.get(equation);
  if (!c) {
    const pts = modePoints(4).map((p) => ({ ...p, c0: 0.3, N_l: 5 }));
    const { rate } = odeRate(declared(equation), 'u', pts);
    const args = ['u', ...rate.symbols().filter((n) => n !== 'u')];
    c = { fn: rate.compile(args), args };
    compiled.set(equation, c);
  }
  return c;
}

/** The law of a mode, or the reason none applies (an unbalanced start of a deep chain). */
export function modeLaw(p: { s: number; tau: number; depth: number; c0: number }): ModeLaw | { refused: string } {
  let equation: SaxeEquationName;
  if (p.c0 !== 0) {
    if (p.depth !== 3) return { refused: `c0 = ${p.c0}: unbalanced starts are a 3-layer result (depth = 3); a deep chain has D − 1 conserved differences, not one c0` };
    equation = 'unbalanced';
  } else {
    equation = p.depth === 3 ? 'balanced' : 'deep';
  }
  const { fn, args } = compiledRate(equation);
  const values: Record<string, number> = { s: p.s, tau: p.tau, c0: p.c0, N_l: p.depth };
  const rest = args.slice(1).map((a) => values[a]!);
  return { equation, ref: saxeEquations[equation].ref, rate: (u) => fn(u, ...rest) };
}
