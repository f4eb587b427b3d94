import { parseOrThrow } from '@hepuq/core';
import { weightedMean } from '../../weighted/weighted-stats.js';
import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { regressionArrays } from '../metric-input.js';
import { CalibrationOptions, calibrationFromPit } from './calibration-curve.js';
import { CALIBRATION_DEFINITION } from './calibration.metric.js';
import { checkedMixture, mixtureCrps, mixtureNll, mixturePit } from './predictive.js';

export const MIXTURE_CALIBRATION = 'mixture-calibration';

/** Calibration and proper scores of a Gaussian-mixture predictive distribution (`prediction.mixture`). */
export function createMixtureCalibrationMetric(options: CalibrationOptions = {}): Metric {
  const opts = parseOrThrow(CalibrationOptions, options, { code: 'InvalidArgument', where: 'mixture-calibration metric options' });
  return {
    key: MIXTURE_CALIBRATION,
    task: 'regression',
    description: 'PIT calibrationMetric, central-interval coverageMetric, NLL and closed-form CRPS of a Gaussian-mixture prediction.',
    definition:
      'F_i(y) = sum_k pi_ik Phi((y - mu_ik)/sigma_ik), pi normalised per event ([K][N] arrays). '
      + 'mixture_nll = mean -log f_i(y_i) (incl. 0.5 log 2 pi); mixture_crps: closed form of Grimit et al. (2006) eq. 5; errors s/sqrt(Neff). '
      + `Central p-interval [F^-1((1-p)/2), F^-1((1+p)/2)] covers y iff |2 PIT - 1| <= p. ${CALIBRATION_DEFINITION} Value names carry the prefix mixture_.`,
    valueNames: ['mixture_nll', 'mixture_crps', 'mixture_coverage_68', 'mixture_coverage_95', 'mixture_mace', 'mixture_rmsce', 'mixture_miscal_area', 'mixture_mace_pit', 'mixture_rmsce_pit', 'mixture_miscal_area_pit'],
    applies: (input: MetricInput) => input.prediction.kind === 'regression' && input.prediction.mixture !== undefined,
    compute(input: MetricInput): MetricOutput {
      const { prediction, truth, w, summary } = regressionArrays(MIXTURE_CALIBRATION, input);
      const mixture = checkedMixture(MIXTURE_CALIBRATION, prediction, truth.length);
      const out = calibrationFromPit(mixturePit(mixture, truth), w, summary, opts, 'mixture_');
      out.values.mixture_nll = weightedMean(mixtureNll(mixture, truth), w, summary);
      out.values.mixture_crps = weightedMean(mixtureCrps(mixture, truth), w, summary);
      return out;
    },
  };
}

export const mixtureCalibrationMetric: Metric = createMixtureCalibrationMetric();
