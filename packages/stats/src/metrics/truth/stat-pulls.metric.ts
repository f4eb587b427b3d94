import { dataRow, HepuqError, type Metric, type MetricInput, type MetricOutput, type MetricValue } from '@hepuq/core';
import { SIGMA_LEVELS, gaussianCoverage } from '../regression/coverage.metric.js';
import { pullHistogram } from '../regression/pull-histogram.js';
import { pulls } from '../regression/pull.js';
import { classificationArrays, regressionArrays } from '../metric-input.js';
import { assertPositiveTotal, weightedStd, weightSummary } from '../../weighted/weighted-stats.js';

export const STAT_PULLS = 'stat-pulls';
export const PROB_STAT_PULLS = 'prob-stat-pulls';
/** The extras column holding the true regression function E[y | x] (the toys' truth). */
export const TRUE_MEAN = 'true_mean';
/** The extras column holding the true class probability P(y = 1 | x). */
export const TRUE_PROB = 'true_prob';

const VALUE_NAMES = ['stat_pull_mean', 'stat_pull_std', 'stat_coverage_68', 'stat_coverage_95', 'stat_pull_excluded'];

function hasStat(sigma: Float32Array | undefined): boolean {
  return !!sigma && sigma.some((s) => s > 0);
}

/** Toys whose data carry each truth column. */
const TOYS_WITH: Record<string, string> = {
  [TRUE_MEAN]: 'heteroscedastic-1d, gap-1d, amplitude; two-target-2d has true_mean_<target> per target',
  [TRUE_PROB]: 'dijet, mass-sculpt',
};

/** The truth column `name` of `input.extras`, checked: one finite value per event. */
function truthColumn(metric: string, input: MetricInput, name: string): Float32Array {
  const f = input.extras?.[name];
  if (!f) {
    throw new HepuqError('MissingColumn', `metric "${metric}" needs the true function in the data's extras column "${name}"`, {
      hint: `Evaluate on a toy that carries "${name}" (${TOYS_WITH[name]}), or add the column to the test data as an extra.`,
    });
  }
  if (f.length !== input.truth.length) throw new HepuqError('ShapeMismatch', `metric "${metric}": ${name} has ${f.length} entries, truth has ${input.truth.length}`);
  for (let i = 0; i < f.length; i++) {
    if (!Number.isFinite(f[i])) throw new HepuqError('NonFiniteValue', `metric "${metric}": ${name} is ${f[i]} at ${dataRow(i)}`);
  }
  return f;
}

/**
 * Stat-only pulls t_i = (f_i - c_i) / sigma_i of a prediction's centre c (mean or prob) against the
 * true function f with the statistical error alone, and the coverage of c +- z sigma for f. Events
 * whose sigma is 0 (a saturated probability whose every replica is exactly 1) are left out and counted.
 */
function statPulls(metric: string, centre: Float32Array, sigma: Float32Array, f: Float32Array, weights: Float32Array): MetricOutput {
  const keep: number[] = [];
  for (let i = 0; i < sigma.length; i++) {
    if (sigma[i] > 0 && Number.isFinite(sigma[i])) keep.push(i);
    else if (Number.isNaN(sigma[i]) || sigma[i] === Infinity) throw new HepuqError('NonFiniteValue', `metric "${metric}": the statistical error is ${sigma[i]} at ${dataRow(i)}`);
    else if (sigma[i] < 0) throw new HepuqError('InvalidArgument', `metric "${metric}": the statistical error is negative (${sigma[i]}) at ${dataRow(i)}`);
  }
  if (keep.length === 0) {
    throw new HepuqError('InvalidArgument', `metric "${metric}": the statistical error is 0 for every event`, {
      hint: 'Stat-only pulls need a method with a statistical error (bnn, mc-dropout, the ensembles); het-mlp and mlp-classifier have none.',
    });
  }
  const pick = (a: Float32Array) => Float32Array.from(keep, (i) => a[i]);
  const [c, s, truth, w] = [centre, sigma, f, weights].map(pick);
  const summary = weightSummary(w);
  assertPositiveTotal(summary, `metric "${metric}" (events with a statistical error)`);
  const t = pulls(truth, c, s);
  const sd = weightedStd(t, w, summary);
  const [c68, c95] = gaussianCoverage(c, s, truth, w, summary, SIGMA_LEVELS) as [MetricValue, MetricValue];
  return {
    values: {
      stat_pull_mean: sd.mean, stat_pull_std: { value: sd.value, error: sd.error }, stat_coverage_68: c68, stat_coverage_95: c95,
      stat_pull_excluded: { value: sigma.length - keep.length },
    },
    plots: { statPullHistogram: pullHistogram(t, w, summary.sumW) },
  };
}

const DEFINITION =
  'stat-only pulls t_i = (f_i - c_i)/sigma_i of the prediction centre c against the true function f (no sampling noise), sigma the statistical '
  + 'error alone; stat_pull_mean/std as in `pulls` (weighted, Kish-Bessel std, delta-method error), stat_coverage_p the weighted fraction of '
  + '|t| <= Phi^-1((1+p)/2) with binomial error; events with sigma = 0 are left out (stat_pull_excluded counts them). '
  + 'Calibrated sigma_stat: std 1 where the bias of c is small against sigma_stat.';

/**
 * Is sigma_stat the error of the predicted mean? Pulls of the mean against the true function
 * `true_mean` (extras), t = (true_mean - mean) / sigma_stat, beside the usual pulls against the sampled
 * target (which sigma_syst dominates). Applies to regression predictions with a nonzero sigma_stat on data
 * that carries `true_mean` (every regression toy).
 * @example computeMetrics(registries.metrics, { prediction, truth, extras: test.extras }, ['stat-pulls']).stat_pull_std
 */
export const statPullsMetric: Metric = {
  key: STAT_PULLS,
  task: 'regression',
  description: 'Stat-only pulls of the mean against the true function (extras true_mean) with sigma_stat: is sigma_stat the error of the mean?',
  definition: `${DEFINITION} c = mean, sigma = sigmaStat, f = extras.${TRUE_MEAN}.`,
  valueNames: VALUE_NAMES,
  applies: (input) => input.prediction.kind === 'regression' && !input.prediction.targets && !!input.extras?.[TRUE_MEAN] && hasStat(input.prediction.sigmaStat),
  compute(input) {
    const { prediction, mean, w } = regressionArrays(STAT_PULLS, input);
    return statPulls(STAT_PULLS, mean, prediction.sigmaStat, truthColumn(STAT_PULLS, input, TRUE_MEAN), w);
  },
};

/**
 * The classifier's counterpart: t = (true_prob - prob) / sigma_prob against the true class
 * probability `true_prob` (extras). Asked for by name (`metrics: [prob-stat-pulls]`), not a default:
 * it is the right truth only where `true_prob` is P(y | the classifier's features) at the training
 * prior (e.g. dijet, mass-sculpt without class balancing), not where it conditions on a nuisance.
 * @example computeMetrics(registries.metrics, { prediction, truth: label, extras: test.extras }, ['prob-stat-pulls'])
 */
export const probStatPullsMetric: Metric = {
  key: PROB_STAT_PULLS,
  task: 'classification',
  description: 'Stat-only pulls of the probability against the true one (extras true_prob) with sigma_prob',
  definition: `${DEFINITION} c = prob, sigma = sigmaProb, f = extras.${TRUE_PROB}.`,
  valueNames: VALUE_NAMES,
  applies: (input) => input.prediction.kind === 'classification' && !!input.extras?.[TRUE_PROB] && hasStat(input.prediction.sigmaProb),
  compute(input) {
    const { prediction, prob, w } = classificationArrays(PROB_STAT_PULLS, input);
    return statPulls(PROB_STAT_PULLS, prob, prediction.sigmaProb, truthColumn(PROB_STAT_PULLS, input, TRUE_PROB), w);
  },
};
