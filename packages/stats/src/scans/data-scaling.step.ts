import { HepuqError, RegistriesToken, z, type MetricValue, type RunStep } from '@hepuq/core';
import { powerLawSlope } from './power-law.js';
import type { RefitSummary } from './refit-summary.js';
import { pointOptions, refitTarget, refitTargetShape } from './refit-target.js';
import { scanRefits, type ScanRefit } from './scan-refits.js';

export const DATA_SCALING = 'data-scaling';

/** Fewest training events a refit may get. */
const MIN_EVENTS = 20;

export const DataScalingOptions = z
  .object({
    /** Fractions of the training set to refit on (each in (0, 1]; at least two different ones). */
    fractions: z.array(z.number().gt(0).max(1)).min(2).default([0.125, 0.25, 0.5, 1]),
    /** Independent subsamples (and training seeds) per fraction; the spread over them is each point's error. */
    repeats: z.number().int().min(1).max(50).default(1),
    /**
     * Scale the method's `epochs` option by 1/fraction, so every refit takes the same number of
     * optimiser steps and a smaller training set is not also a shorter training (methods without
     * `epochs` are refit as they are).
     */
    equalSteps: z.boolean().default(true),
    ...refitTargetShape,
  })
  .strict();
export type DataScalingOptions = z.infer<typeof DataScalingOptions>;

/** One training-set size: the summaries of its repeats and their means (error: spread / sqrt(repeats)). */
export interface ScalingPoint {
  fraction: number;
  n_train: number;
  /** The refits' `epochs` (scaled with `equalSteps`; absent for methods without the option). */
  epochs?: number;
  sigma_stat: MetricValue;
  sigma_syst?: MetricValue;
  score: MetricValue;
  error_of_mean?: MetricValue;
  repeats: RefitSummary[];
}

/** What `data-scaling` returns (steps.json, the report's `artifacts['data-scaling']`). */
export interface DataScalingArtifact {
  method: string;
  score_metric: string;
  points: ScalingPoint[];
  /** Exponent of mean sigma_stat against N_train (least squares in log-log); statistical errors expect -1/2. Absent when sigma_stat is 0 (a method without a statistical error). */
  stat_slope?: MetricValue;
  /** Exponent of mean sigma_syst against N_train; a learned noise level expects 0. */
  syst_slope?: MetricValue;
  /** Exponent of the rms error of the mean against the truth (toys with `true_mean`). */
  error_slope?: MetricValue;
  expected_stat_slope: number;
}

/**
 * The `data-scaling` run step: refit the run's method (through the run's executor) on growing
 * fractions of the training set, nested subsamples of one seeded permutation per repeat, and score the
 * run's test set. A statistical error falls as N^-1/2 while a systematic one (the learned noise)
 * stays flat: the step fits both exponents (Plehn 2022, "Bayesian networks: sigma_stat vs training size").
 * @example steps: [{ use: data-scaling, options: { fractions: [0.1, 0.2, 0.5, 1], repeats: 2 } }]   # in a run config
 */
export const dataScalingStep: RunStep<typeof DataScalingOptions> = {
  key: DATA_SCALING,
  description: 'Refit on fractions of the training set: sigma_stat and sigma_syst vs N with fitted exponents (expected -1/2 and 0)',
  options: DataScalingOptions,
  tasks: ['regression', 'classification'],
  check({ options, method, methodOptions, methods }) {
    pointOptions(DATA_SCALING, refitTarget(methods, options, { key: method.key, options: methodOptions }), {});
  },
  async run(input) {
    const o = input.options;
    const target = refitTarget(input.services.resolve(RegistriesToken).methods, o, { key: input.model.method, options: input.methodOptions });
    const fractions = [...new Set(o.fractions)].sort((a, b) => a - b);
    const n = input.train.n;
    const sizes = fractions.map((f) => Math.round(f * n));
    if (fractions.length < 2 || sizes[0] < MIN_EVENTS) {
      throw new HepuqError('InvalidConfig', `${DATA_SCALING}: fractions ${fractions.join(', ')} of ${n} training events give ${sizes.join(', ')} events; the scan needs two different fractions and at least ${MIN_EVENTS} events in each`, {
        hint: 'Use larger fractions or more training events.',
      });
    }
    const epochs = (pointOptions(DATA_SCALING, target, {}) as { epochs?: unknown }).epochs;
    const options = fractions.map((f) => pointOptions(DATA_SCALING, target, o.equalSteps && typeof epochs === 'number' ? { epochs: Math.max(1, Math.round(epochs / f)) } : {}));
    const refits: ScanRefit[] = [];
    for (let r = 0; r < o.repeats; r++) {
      // nested subsamples: one permutation per repeat, each size its prefix, one training seed per repeat
      const perm = input.rng.fork(`subsample:${r}`).permutation(n);
      sizes.forEach((size, i) => refits.push({ train: size === n ? input.train : input.train.subset(perm.subarray(0, size)), options: options[i], seedTag: `repeat:${r}` }));
    }
    const summaries = await scanRefits(input, target, refits);
    const points = sizes.map((size, i) => ({
      ...scalingPoint(fractions[i], size, summaries.filter((_, k) => k % sizes.length === i)),
      ...(typeof epochs === 'number' ? { epochs: (options[i] as { epochs: number }).epochs } : {}),
    }));
    const x = points.map((p) => p.n_train);
    const slope = (pick: (p: ScalingPoint) => MetricValue | undefined) => (points.every((p) => pick(p)) ? powerLawSlope(x, points.map((p) => pick(p)!.value)) : undefined);
    const artifact: DataScalingArtifact = {
      method: target.method.key, score_metric: summaries[0].score_metric, points,
      stat_slope: slope((p) => p.sigma_stat), syst_slope: slope((p) => p.sigma_syst), error_slope: slope((p) => p.error_of_mean),
      expected_stat_slope: -0.5,
    };
    return artifact as unknown as Record<string, unknown>;
  },
};

function scalingPoint(fraction: number, nTrain: number, repeats: RefitSummary[]): ScalingPoint {
  const pick = (f: (s: RefitSummary) => number | undefined): MetricValue | undefined => {
    const v = repeats.map(f);
    return v.every((x): x is number => x !== undefined) ? meanOf(v) : undefined;
  };
  return {
    fraction, n_train: nTrain, sigma_stat: pick((s) => s.sigma_stat)!, sigma_syst: pick((s) => s.sigma_syst),
    score: repeats.length === 1 ? repeats[0].score : pick((s) => s.score.value)!, error_of_mean: pick((s) => s.error_of_mean), repeats,
  };
}

/** Mean of the repeats; error = sample std / sqrt(count), none for one repeat. */
function meanOf(v: number[]): MetricValue {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  if (v.length < 2) return { value: m };
  const s2 = v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1);
  return { value: m, error: Math.sqrt(s2 / v.length) };
}
