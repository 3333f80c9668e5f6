/**
 * The `solve` (DMFT) and `simulate` (finite-width GD) runners of the deep-linear theory. Both refuse
 * learning rates at or past the lazy stability bound (digest §2.6, §4.2), reporting the bound;
 * a run whose dynamics diverge reports `status: 'DIVERGED'` with the step, and +∞ losses from that
 * step on — never NaN.
 */
import { PlateauError } from '../../src/core/errors.ts';
import { refused, type TaggedResult } from '../../src/core/result.ts';
import { nextTurn } from '../../src/core/progress.ts';
import { Rng } from '../../src/core/rng.ts';
import { meanAndStandardError } from '../../src/numeric/statistics.ts';
import type { OptionValues, RunContext, RunnerSpec } from '../../src/core/theory.ts';
import { trainRankOne } from '../../src/sim/deep-linear-rank-one.ts';
import { forwardVariance } from './derivations/scaling.ts';
import { stabilityBound } from './derivations/stability.ts';
import { infiniteDepthLimit } from './depth-limit.ts';
import { DEFAULT_WINDOW, solveDmft } from './dmft.ts';
import { effectiveGamma0, modelOf, branchScale, type DeepLinearParams } from './params.ts';

type Series = Record<string, unknown>;

function refuseBeyondBound(p: DeepLinearParams): TaggedResult<Series> | undefined {
  const bound = stabilityBound(p);
  if (p.eta < bound.etaMax) return undefined;
  const edge = bound.regime === 'full batch' ? `η·κ·λ₊ < 2 with κ = ${bound.kappa.toPrecision(6)}, λ₊ = (1 + α^{−1/2})² = ${bound.lambdaPlus!.toPrecision(6)}` : `κη < 2α_B/(1 + α_B) with κ = ${bound.kappa.toPrecision(6)}`;
  return refused(
    { etaMax: bound.etaMax, eta: p.eta, kappa: bound.kappa, regime: bound.regime },
    `learning rate eta=${p.eta} is at or past the lazy stability bound eta < ${bound.etaMax.toPrecision(6)} (${bound.regime}: ${edge}); gradient descent diverges there`,
    'lazy stability bound (digest §2.6)',
  );
}

function steps(options: OptionValues): number {
  const n = Number(options.steps ?? 60);
  if (!Number.isInteger(n) || n < 1) throw new PlateauError('BAD_INPUT', `--steps ${options.steps} is invalid; expected an integer ≥ 1`, { option: 'steps', value: options.steps });
  return n;
}

const STEPS_OPTION = { name: 'steps', description: 'number of GD steps T (losses at t = 0..T−1)', kind: 'integer', default: 60, min: 1 } as const;

export const dmftSolver: RunnerSpec<DeepLinearParams> = {
  title: 'DMFT: causal windowed Gauss–Seidel march of the closed T×T system',
  description:
    'Solves the closed DMFT of digest §3.5 (plain) or its residual extension (§5, derived and verified for Plateau) by causal time marching in windows of c steps, retrying a window step by step when it overflows; test loss C_v(t,t) + σ², train loss C_Δ(t,t). Cost O(L·T³)·(sweeps per step), memory O(L·T²).',
  options: [
    STEPS_OPTION,
    { name: 'window', description: 'DMFT window length c (steps marched per Gauss–Seidel solve)', kind: 'integer', default: DEFAULT_WINDOW, min: 1 },
    { name: 'depth-limit', description: 'residual nets with β0/√L branches: report the L → ∞ limit, Richardson-extrapolated from depths n and 2n (0 = off)', kind: 'integer', default: 0, min: 0 },
  ],
  async run(p: DeepLinearParams, options: OptionValues, ctx: RunContext): Promise<TaggedResult<Series>> {
    const refusal = refuseBeyondBound(p);
    if (refusal) return refusal;
    const T = steps(options);
    const window = Number(options.window ?? DEFAULT_WINDOW);
    const depthLimit = Number(options['depth-limit'] ?? 0);
    if (depthLimit > 0) return depthLimitResult(p, T, window, depthLimit, ctx);
    const model = modelOf(p);
    ctx.progress.start(`DMFT T=${T} L=${p.L}${p.residual ? ' residual' : ''}`, T);
    const sol = solveDmft(model, { steps: T, window, signal: ctx.signal, onWindow: (n) => ctx.progress.update(n) });
    ctx.progress.finish(sol.report.status);
    const diverged = sol.report.status === 'diverged';
    const initial = 1 + forwardVariance(p) / (model.gamma0 * model.gamma0 * p.nu) + p.sigma * p.sigma;
    const gap = Math.abs(sol.testLoss[0]! - initial) / initial;
    const result: TaggedResult<Series> = {
      kind: 'numeric',
      value: {
        t: sol.t,
        testLoss: sol.testLoss,
        trainLoss: sol.trainLoss,
        status: diverged ? 'DIVERGED' : 'converged',
        ...(diverged ? { divergedAt: sol.report.divergedAt } : {}),
        gamma0Effective: model.gamma0,
        ...(model.branchScale !== undefined ? { branchScale: model.branchScale } : {}),
        etaMax: stabilityBound(p).etaMax,
      },
      method: `DMFT (${p.residual ? 'residual stream by depth elimination' : 'plain layers N1–N3'}; ${p.batch === undefined ? 'full batch D1–D4' : 'one-pass SGD §3.6'}), windowed causal Gauss–Seidel march (c = ${window}, tolerance 1e−10, c = 1 overflow fallback)`,
      checks: [{ name: 'test loss at t = 0 equals ℒ0 = 1 + V_L/(γ0²ν) + σ²', residual: gap, tolerance: 1e-12, passed: gap <= 1e-12, samples: 1 }],
      diagnostics: {
        sweeps: sol.report.sweeps,
        windows: sol.report.windows,
        windowFallbacks: sol.report.windowFallbacks,
        maxResidual: sol.report.maxResidual,
        seconds: sol.seconds,
        cost: `O(L·T³) per sweep-per-step, here L=${p.L}, T=${T}`,
        memoryDoubles: p.residual ? (18 * p.L + 36) * T * T : (10 * p.L + 18) * T * T,
      },
    };
    if (diverged) result.reason = `DIVERGED at step ${sol.report.divergedAt}: the DMFT overflowed (> 1e30) even one step at a time, i.e. gradient descent diverges; losses are +∞ from that step on`;
    return result;
  },
};

async function depthLimitResult(p: DeepLinearParams, T: number, window: number, base: number, ctx: RunContext): Promise<TaggedResult<Series>> {
  if (!p.residual || p.branch !== 'sqrt-depth') {
    return refused({ depthLimit: base }, 'the infinite-depth limit exists for residual networks with β0/√L branches only (set residual=true, branch=sqrt-depth)', 'domain check');
  }
  ctx.progress.start(`DMFT depth limit from L = ${base} and ${2 * base}`, 2);
  const limit = infiniteDepthLimit(modelOf(p), p.beta0, base, { steps: T, window, signal: ctx.signal });
  ctx.progress.finish();
  const [a, b] = limit.solutions;
  const g0 = effectiveGamma0(p);
  const exact0 = 1 + Math.exp(p.beta0 ** 2) / (g0 * g0 * p.nu) + p.sigma * p.sigma;
  const gap0 = Math.abs(limit.testLoss[0]! - exact0);
  return {
    kind: 'numeric',
    value: { t: a.t, testLoss: limit.testLoss, trainLoss: limit.trainLoss, depthGap: limit.depthGap, depths: limit.depths, status: a.report.status === 'converged' && b.report.status === 'converged' ? 'converged' : 'DIVERGED' },
    method: `residual DMFT at L = ${base} and ${2 * base} with s = β0/√L, Richardson-extrapolated to L → ∞ (2ℒ(2L) − ℒ(L); corrections O(1/L))`,
    asymptotic: 'L → ∞ with s = β0/√L',
    checks: [{ name: 'extrapolated ℒ(0) within |ℒ(2L) − ℒ(L)| of 1 + e^{β0²}/(γ0²ν) + σ²', residual: gap0 / limit.depthGap[0]!, tolerance: 1, passed: gap0 <= limit.depthGap[0]!, samples: 1 }],
    diagnostics: { sweeps: a.report.sweeps + b.report.sweeps, seconds: a.seconds + b.seconds },
  };
}

/** The seed of network i of a simulation with base seed `seed`. */
function networkSeed(seed: number, i: number): number {
  return Rng.derive(seed, 'deep-linear-network', i).int(2 ** 31 - 1);
}

export interface SimulationSummary {
  testLoss: Float64Array;
  trainLoss: Float64Array;
  testLossSe: Float64Array;
  trainLossSe: Float64Array;
  divergedAt?: number;
  N: number;
  samples: number;
}

/** Simulate `p.seeds` networks at width N = round(νD) and average (no refusal, no store). */
export async function simulateNetworks(p: DeepLinearParams, T: number, ctx: Pick<RunContext, 'seed' | 'progress' | 'signal' | 'onPartial'>): Promise<SimulationSummary> {
  const D = p.D;
  const N = Math.max(1, Math.round(p.nu * D));
  const samples = Math.max(1, Math.round((p.batch ?? p.alpha) * D));
  const tests: Float64Array[] = [];
  const trains: Float64Array[] = [];
  let divergedAt: number | undefined;
  ctx.progress.start(`simulate D=${D} N=${N} L=${p.L} (${p.seeds} seeds)`, p.seeds);
  for (let i = 0; i < p.seeds; i++) {
    if (ctx.signal?.aborted) throw new PlateauError('IO', `simulation cancelled after ${i} of ${p.seeds} seeds`, { seeds: i });
    const run = trainRankOne({
      D,
      N,
      L: p.L,
      gamma0: effectiveGamma0(p),
      eta: p.eta,
      sigma: p.sigma,
      ...(p.batch === undefined ? { samples } : { batch: samples }),
      branchScale: p.residual ? branchScale(p) : undefined,
      steps: T,
      seed: networkSeed(ctx.seed, i),
    });
    if (run.divergedAt !== undefined) divergedAt = Math.min(divergedAt ?? Infinity, run.divergedAt);
    tests.push(run.testLoss);
    trains.push(run.trainLoss);
    ctx.progress.update(i + 1);
    if (ctx.onPartial && i + 1 < p.seeds) {
      // The running mean over the networks so far, for live plots.
      const test = meanAndStandardError(tests);
      const train = meanAndStandardError(trains);
      ctx.onPartial({ t: Array.from({ length: T }, (_, k) => k), testLoss: test.mean, trainLoss: train.mean, testLossSe: test.se, trainLossSe: train.se });
    }
    await nextTurn();
  }
  ctx.progress.finish(divergedAt === undefined ? 'ok' : `DIVERGED at step ${divergedAt}`);
  const test = meanAndStandardError(tests);
  const train = meanAndStandardError(trains);
  return { testLoss: test.mean, trainLoss: train.mean, testLossSe: test.se, trainLossSe: train.se, divergedAt, N, samples };
}

export const networkSimulator: RunnerSpec<DeepLinearParams> = {
  title: 'finite-width gradient descent with rank-one updates',
  description:
    'Trains `seeds` networks of width N = round(νD) on P = round(αD) samples (or fresh batches of round(α_B·D)) with the exact rank-one GD step; cost O(L·N² + N·D + P·D) per step through the compute backend. Reports means and standard errors over seeds.',
  options: [STEPS_OPTION],
  async run(p: DeepLinearParams, options: OptionValues, ctx: RunContext): Promise<TaggedResult<Series>> {
    const refusal = refuseBeyondBound(p);
    if (refusal) return refusal;
    const T = steps(options);
    const began = Date.now();
    const sim = await simulateNetworks(p, T, ctx);
    const result: TaggedResult<Series> = {
      kind: 'numeric',
      value: {
        t: Array.from({ length: T }, (_, i) => i),
        testLoss: sim.testLoss,
        trainLoss: sim.trainLoss,
        testLossSe: sim.testLossSe,
        trainLossSe: sim.trainLossSe,
        status: sim.divergedAt === undefined ? 'converged' : 'DIVERGED',
        ...(sim.divergedAt !== undefined ? { divergedAt: sim.divergedAt } : {}),
        D: p.D,
        N: sim.N,
        [p.batch === undefined ? 'P' : 'B']: sim.samples,
        seeds: p.seeds,
      },
      method: `gradient descent on ${p.seeds} networks (Monte Carlo over initialisation, data and teacher), rank-one updates, ${ctx.backend} backend`,
      checks: [],
      diagnostics: { seconds: (Date.now() - began) / 1000, costPerStep: `O(L·N² + N·D + P·D) = O(${p.L}·${sim.N}² + ${sim.N}·${p.D} + ${sim.samples}·${p.D})` },
    };
    if (sim.divergedAt !== undefined) result.reason = `DIVERGED at step ${sim.divergedAt}: a network's loss exceeded 1e30; means are +∞ from that step on`;
    return result;
  },
};
