/**
 * The deep-linear part of `plateau tour` (under 25 s): derive the initial loss and the stability
 * bound, solve the DMFT of the demo network, simulate it at D = 256, and compare.
 */
import type { RunContext } from '../../src/core/theory.ts';
import { deriveInitialLoss } from './derivations/scaling.ts';
import { stabilityBound } from './derivations/stability.ts';
import { solveDmft } from './dmft.ts';
import { defaultParams, modelOf } from './params.ts';
import { normalisedGap } from './experiments/common.ts';
import { simulateNetworks } from './runners.ts';

const f = (x: number) => x.toFixed(4);

export async function deepLinearTour(ctx: RunContext): Promise<string[]> {
  const p = { ...defaultParams, seeds: 8 };
  const T = 60;
  const lines: string[] = [];
  lines.push(`Deep linear net, μP: α = P/D = ${p.alpha}, ν = N/D = ${p.nu}, L = ${p.L}, γ0 = ${p.gamma0}, η = ${p.eta}, σ = ${p.sigma}`);
  const l0 = deriveInitialLoss(p);
  lines.push(`derived  ℒ0 = 1 + 1/(γ0²ν) + σ² = ${f(l0.value)}  [${l0.kind}; ${l0.checks.length} checks]`);
  const bound = stabilityBound(p);
  lines.push(`derived  lazy stability bound η < 2/((L+1)(1+α^{−1/2})²) = ${f(bound.etaMax)}`);
  const dmft = solveDmft(modelOf(p), { steps: T, window: 1 });
  lines.push(`solved   DMFT, T = ${T}: ${dmft.report.sweeps} sweeps in ${dmft.seconds.toFixed(2)} s (windowed causal march)`);
  const sim = await simulateNetworks(p, T, ctx);
  lines.push(`simulated ${p.seeds} networks at D = ${p.D} (N = ${sim.N}, P = ${sim.samples}), rank-one GD`);
  lines.push('   t    test: DMFT   sim ± s.e.          train: DMFT   sim ± s.e.');
  for (const t of [0, 1, 5, 10, 20, 40, 59]) {
    lines.push(`  ${String(t).padStart(2)}        ${f(dmft.testLoss[t]!)}   ${f(sim.testLoss[t]!)} ± ${f(sim.testLossSe[t]!)}          ${f(dmft.trainLoss[t]!)}   ${f(sim.trainLoss[t]!)} ± ${f(sim.trainLossSe[t]!)}`);
  }
  const t = Array.from({ length: T }, (_, i) => i);
  const gap = normalisedGap(t.map((i) => dmft.testLoss[i]!), t.map((i) => sim.testLoss[i]!), t.map((i) => sim.testLossSe[i]!));
  lines.push(`validated the whole test curve: max |sim − DMFT|/(4·s.e. + 2 %) = ${gap.toFixed(2)} (≤ 1 passes)`);
  lines.push('next: plateau validate deep-linear · plateau reproduce deep-linear/width-sweep');
  return lines;
}
