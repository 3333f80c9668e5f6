/**
 * Claim (Fig. 3): on the hierarchical task, a 3-layer net from small random weights follows eq. 12
 * started at each mode's u0,eff = ¼‖a0 + b0‖²; half-learning is delayed by competition, the delay
 * is positive for every tracked mode and largest for the weakest. Passes when the strongest mode's
 * relative delay is within 0.05 of eq. 11 (its Euler share is ≈ λs₁/2), every mean delay is > 0,
 * and the two weakest tracked modes are delayed at least twice as much as the three strongest.
 */
import type { Validator } from '../src/core/validator.ts';
import { HIERARCHY_SETUPS, hierarchyExperiment } from '../theory/saxe/experiments/hierarchy.ts';

export const saxeHierarchyDelays: Validator = {
  id: 'saxe-hierarchy-delays',
  theory: 'saxe',
  claim: 'hierarchy-delays',
  title: 'Fig. 3: mode strengths on the hierarchical task, half-learning delays',
  async run(ctx) {
    const setup = HIERARCHY_SETUPS[ctx.size];
    ctx.progress.info(`hierarchy: 32 items, ${setup.features} features, ${setup.seeds} seed(s), u0 = ${setup.u0}`);
    const r = hierarchyExperiment(setup);
    const means = r.delays.map((d) => d.mean);
    const strong = (means[0]! + means[1]! + means[2]!) / 3;
    const weak = (means.at(-1)! + means.at(-2)!) / 2;
    const error = Math.abs(means[0]!);
    return {
      id: 'hierarchy-delays',
      passed: error <= 0.05 && means.every((m) => m > 0) && weak >= 2 * strong,
      theory: r.delays.map((d) => d.halfTheory),
      simulation: r.delays.map((d) => d.halfSimulated),
      error,
      tolerance: 0.05,
      measure: '|relative half-time delay| of mode 1; also needs every delay > 0 and mean delay of the 2 weakest tracked modes ≥ 2× that of the 3 strongest',
      details: {
        note: 'theory/simulation: half-learning times t½ (t = kλ) from eq. 11 at each seed’s u0,eff and from GD, means over seeds',
        modes: r.delays.map((d) => d.mode + 1),
        singularValues: r.delays.map((d) => d.s),
        meanDelay: means,
        sdDelay: r.delays.map((d) => d.sd),
        weakOverStrong: weak / strong,
        earlyLogGap: r.earlyLogGap,
        lr: r.lr,
        features: setup.features,
        seeds: setup.seeds,
      },
    };
  },
};
