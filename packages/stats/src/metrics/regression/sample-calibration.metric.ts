import { z } from 'zod';
import { Rng, type Metric, type MetricInput, type MetricOutput, parseOrThrow } from '@hepuq/core';
import { weightedMean } from '../../weighted/weighted-stats.js';
import { regressionArrays } from '../metric-input.js';
import { CalibrationOptions, calibrationFromPit } from './calibration-curve.js';
import { CALIBRATION_DEFINITION } from './calibration.metric.js';
import { checkedReplicas, sampleScores } from './predictive.js';

export const SAMPLE_CALIBRATION = 'sample-calibration';

export const SampleCalibrationOptions = CalibrationOptions.extend({
  /**
   * `sigma-syst`: replicas are function draws (DESIGN.md: sigmaStat from their spread), so each draw is
   * smeared with N(0, sigmaSyst^2) to sample the full predictive distribution; `none`: replicas already
   * are predictive samples.
   */
  noise: z.enum(['sigma-syst', 'none']).default('sigma-syst'),
}).strict();
export type SampleCalibrationOptions = z.input<typeof SampleCalibrationOptions>;

/** Calibration and the fair sample CRPS of a predictive distribution given by replica samples. */
export function createSampleCalibrationMetric(options: SampleCalibrationOptions = {}): Metric {
  const opts = parseOrThrow(SampleCalibrationOptions, options, { code: 'InvalidArgument', where: 'sample-calibration metric options' });
  const { noise, ...curve } = opts;
  return {
    key: SAMPLE_CALIBRATION,
    task: 'regression',
    description: 'PIT calibrationMetric, central-interval coverage and the unbiased sample CRPS of replica predictions.',
    definition:
      `Samples x_ri = replica_r[i]${noise === 'sigma-syst' ? ' + sigmaSyst_i eps_ri (eps ~ N(0,1), seeded)' : ''}. `
      + 'PIT_i = (#{x < y} + U (#{x = y} + 1))/(R + 1), U ~ U(0,1) seeded (randomised PIT, uniform under calibrationMetric; Czado et al. 2009). '
      + 'sample_crps = mean_i [(1/R) sum_r |x_ri - y_i| - 1/(2R(R-1)) sum_rs |x_ri - x_si|] (fair/unbiased energy form; Gneiting & Raftery 2007 eq. 21, Ferro 2014), error s/sqrt(Neff). '
      + `${CALIBRATION_DEFINITION} Value names carry the prefix sample_.`,
    valueNames: ['sample_crps', 'sample_coverage_68', 'sample_coverage_95', 'sample_mace', 'sample_rmsce', 'sample_miscal_area', 'sample_mace_pit', 'sample_rmsce_pit', 'sample_miscal_area_pit'],
    applies: (input: MetricInput) =>
      input.prediction.kind === 'regression' && (input.prediction.replicas?.length ?? 0) >= 2,
    compute(input: MetricInput): MetricOutput {
      const { prediction, truth, w, summary } = regressionArrays(SAMPLE_CALIBRATION, input);
      const replicas = checkedReplicas(SAMPLE_CALIBRATION, prediction, truth.length);
      const rng = new Rng(opts.seed).fork('sample-calibration');
      const scores = sampleScores(replicas, truth, rng, noise === 'sigma-syst' ? prediction.sigmaSyst : undefined);
      const out = calibrationFromPit(scores.pit, w, summary, curve, 'sample_');
      out.values.sample_crps = weightedMean(scores.crps, w, summary);
      return out;
    },
  };
}

export const sampleCalibrationMetric: Metric = createSampleCalibrationMetric();
