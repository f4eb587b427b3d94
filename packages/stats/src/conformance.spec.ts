import { createHepuq, Dataset, HepuqError, Rng, type DataFormat, type HepuqPlugin, type Metric, type MetricInput } from '@hepuq/core';
import { describeCommandConformance, describeMetricConformance, describeRecalibrationConformance, syntheticRun, type WeightExemption } from '@hepuq/testing';
import { afterAll } from 'vitest';
import { CLOSURE, PROB_STAT_PULLS, STAT_PULLS, statsPlugin } from './index.js';

/** Documented cases where integer weights and repeated events legitimately differ. */
const WEIGHT_EXEMPTIONS: Record<string, WeightExemption[]> = {
  'sample-calibration': [{
    name: /^sample_/,
    reason: 'the sigma_syst smearing and the randomised PIT draw per event: a repeated event gets independent draws, a weighted one a single draw, so the two agree in distribution only',
  }],
  'likelihood-ratio': [{
    name: /^lr_ess/,
    reason: 'lr_ess is the Kish effective size (sum v w)^2 / sum (v w)^2 of importance weights, which repeating events raises by design (documented as descriptive, no error)',
  }],
  closure: [{
    name: /^closure_(mean|median)_chi2_ndf$/,
    reason: 'chi^2/ndf of the bins divides by errors that use the Kish size: a weighted event is one draw counted w times, w repeated events are w draws with smaller errors, so the test is rightly stricter for repeated events',
  }],
  'classwise-calibration': [{
    name: /^calibration_(chi2|p)(_|$)/,
    reason: 'the chi-square test statistic: a weighted event is one Bernoulli draw counted w times (variance w^2 p (1-p)), w repeated events are w draws (variance w p (1-p)), so the test is rightly stricter for repeated events',
  }],
};

// every metric, recalibration and command the plugin registers, as an app sees them
const app = await createHepuq({ plugins: [statsPlugin()] });
afterAll(() => app.dispose());

/**
 * The stat-only pulls need the true function, which the synthetic oracle predicts exactly (all pulls
 * 0): here the truth is the oracle's centre moved by its statistical error times N(0, 1).
 */
function statPullsInput(metric: Metric): (() => MetricInput) | undefined {
  if (metric.key !== STAT_PULLS && metric.key !== PROB_STAT_PULLS) return undefined;
  return (): MetricInput => {
    const { test, prediction } = syntheticRun({ task: metric.task === 'regression' ? 'regression' : 'classification', n: 400, seed: 17 });
    const r = new Rng(3);
    if (prediction.kind === 'regression') {
      return { prediction, truth: test.target!, extras: { true_mean: Float32Array.from(prediction.mean, (m, i) => m + prediction.sigmaStat[i] * r.normal()) } };
    }
    if (prediction.kind !== 'classification') throw new Error('expected a binary classification');
    return { prediction, truth: test.label!, extras: { true_prob: Float32Array.from(prediction.prob, (q, i) => q + prediction.sigmaProb[i] * r.normal()) } };
  };
}

/** The relative closure needs y > 0: the synthetic truth and prediction moved up by 10 (a positive spectrum). */
function closureInput(metric: Metric): (() => MetricInput) | undefined {
  if (metric.key !== CLOSURE) return undefined;
  return (): MetricInput => {
    const { test, prediction } = syntheticRun({ task: 'regression', n: 400, seed: 17 });
    if (prediction.kind !== 'regression') throw new Error('expected a regression');
    return { prediction: { ...prediction, mean: prediction.mean.map((m) => m + 10) }, truth: test.target!.map((y) => y + 10), features: { ...test.features } };
  };
}

for (const { value: metric } of app.registries.metrics.entries()) {
  describeMetricConformance({ metric, input: statPullsInput(metric) ?? closureInput(metric), weightExemptions: WEIGHT_EXEMPTIONS[metric.key] });
}
for (const { value: method } of app.registries.recalibrations.entries()) describeRecalibrationConformance({ method });

/** Predictions files in memory (`<name>.mem`), standing in for @hepuq/io, which this package must not depend on. */
function memoryFormatPlugin(files: Record<string, Record<string, Float32Array>>): HepuqPlugin {
  const format: DataFormat = {
    key: 'memory',
    extensions: ['.mem'],
    description: 'in-memory columns for tests',
    columns: (path) => Promise.resolve(Object.keys(files[path] ?? {})),
    read: (path, selection) => {
      const file = files[path];
      if (!file) return Promise.reject(new HepuqError('FileUnreadable', `${path} does not exist`));
      const col = (name: string) => {
        if (!file[name]) throw new HepuqError('MissingColumn', `${path}: column "${name}" not found`);
        return file[name];
      };
      return Promise.resolve(new Dataset({
        features: Object.fromEntries(selection.features.map((f) => [f, col(f)])),
        weights: selection.weight ? col(selection.weight) : undefined,
        source: path,
      }));
    },
  };
  return { meta: { name: 'stats-conformance-memory-format', version: '0.0.0', core: '^0.1.0' }, register: (ctx) => ctx.formats.add(format.key, format) };
}

const rng = new Rng(8);
const n = 300;
const mean = rng.normalArray(n);
const sigma = Float32Array.from({ length: n }, () => 0.5 + rng.uniform());
const truth = Float32Array.from(mean, (m, i) => m + sigma[i] * rng.normal());
const prob = Float32Array.from({ length: n }, () => rng.uniform());
const label = Float32Array.from(prob, (p) => (rng.uniform() < p ? 1 : 0));
const files = { 'reg.mem': { mean, sigma_tot: sigma, truth }, 'cls.mem': { prob, label } };

for (const { value: command } of app.registries.commands.entries()) {
  describeCommandConformance({
    command,
    plugins: () => [statsPlugin(), memoryFormatPlugin(files)],
    examples: [{ options: { input: 'reg.mem' } }, { options: { input: 'cls.mem', metrics: 'auc,brier' } }],
    invalid: [
      { options: {}, mentions: '--input' },
      { options: { input: 'reg.mem', truth: 'nope' }, mentions: 'nope' },
      { options: { input: 'missing.mem' }, mentions: 'missing.mem' },
      { options: { input: 'reg.mem', metrics: 'pulls,nope' }, mentions: 'nope' },
    ],
  });
}
