import { parseOrThrow, Rng, z } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import type { FeatureSample } from '../sample/feature-sample.js';
import { checkAmplificationSamples, kishSize, type AmplificationSamples } from './amplification-checks.js';
import type { AmplificationResult, AmplificationSetting, GeneratorQuality, SampleQuality } from './amplification.result.js';
import { equivalentEvents } from './equivalent-events.js';
import { geometricSizes, mseCurve } from './mse-curve.js';
import { cellFractions, cellIndices, quantileCells, type QuantileCells } from './quantile-cells.js';
import { mseError, quantileMse, samplingNoise } from './quantile-mse.js';

/** Expected truth events per cell below which the analytic MSE error (a Gaussian approximation) is flagged. */
const MIN_TRUTH_PER_CELL = 5;

export const AmplificationOptions = z
  .object({
    /** Quantiles per feature (q^d cells in d dimensions); one comparison and one factor each. */
    quantiles: z.array(z.number().int().min(2).max(1000)).min(1).default([5, 10, 20, 50, 100]).transform((qs) => [...new Set(qs)].sort((a, b) => a - b)),
    /** Sizes on each MSE curve: a geometric series from `minEvents` to the full sample. */
    points: z.number().int().min(2).max(40).default(10),
    minEvents: z.number().int().min(1).default(50),
    /** Disjoint subsamples averaged at each size of the curve. */
    batches: z.number().int().min(1).max(1000).default(10),
    seed: z.number().int().default(1),
  })
  .strict();
export type AmplificationOptions = z.input<typeof AmplificationOptions>;
type Resolved = z.output<typeof AmplificationOptions>;

/** What every sample is compared with at one number of quantiles. */
interface Reference {
  cells: QuantileCells;
  p: Float64Array;
  s: number;
  nTruth: number;
  nTrain: number;
}

function quality(ref: Reference, sample: FeatureSample, index: Int32Array): SampleQuality {
  const { fractions, nEff } = cellFractions(index, ref.cells.cells, sample);
  const mse = quantileMse(fractions, ref.p);
  const error = mseError(fractions, ref.p, 1 / (1 / nEff + 1 / ref.nTruth));
  const floor = ref.s / ref.nTruth;
  return {
    source: sample.source, n: nEff, mse, mseError: error,
    nEquiv: equivalentEvents(mse, error, ref.s, floor),
    factor: equivalentEvents(mse, error, ref.s, floor, ref.nTrain),
  };
}

function generatorQuality(ref: Reference, sample: FeatureSample, o: Resolved, label: string): GeneratorQuality {
  const index = cellIndices(ref.cells, sample);
  const q = quality(ref, sample, index);
  const sizes = geometricSizes(o.minEvents, sample.n, o.points);
  const curve = mseCurve(index, ref.p, sample, sizes, o.batches, ref.nTruth, new Rng(o.seed).fork(`${label}:${ref.cells.quantiles}`));
  // the plateau: take the sample's own noise s/n off as well as the truth's
  const plateau = ref.s / ref.nTruth + ref.s / q.n;
  const asymptotic = { nEquiv: equivalentEvents(q.mse, q.mseError, ref.s, plateau), factor: equivalentEvents(q.mse, q.mseError, ref.s, plateau, ref.nTrain) };
  return { ...q, curve, asymptotic };
}

function setting(samples: AmplificationSamples, quantiles: number, o: Resolved, warnings: string[]): AmplificationSetting {
  const { truth, train, generated, fit } = samples;
  const cells = quantileCells(truth, quantiles);
  const { fractions: p, nEff: nTruth } = cellFractions(cellIndices(cells, truth), cells.cells, truth);
  const merged = truth.names.filter((_, j) => cells.binnings[j].nBins < quantiles);
  if (merged.length) warnings.push(`${quantiles} quantiles: tied values leave fewer distinct bins in ${merged.join(', ')}`);
  if (nTruth / cells.cells < MIN_TRUTH_PER_CELL) {
    warnings.push(`${quantiles} quantiles: ${cells.cells} cells hold ${(nTruth / cells.cells).toFixed(1)} truth events each on average (< ${MIN_TRUTH_PER_CELL}); the MSE errors are approximate`);
  }
  const s = samplingNoise(p);
  const ref: Reference = { cells, p, s, nTruth, nTrain: kishSize(train) };
  return {
    quantiles, cells: cells.cells, noise: s, truthFloor: s / nTruth,
    train: quality(ref, train, cellIndices(cells, train)),
    generated: generatorQuality(ref, generated, o, 'generated'),
    ...(fit ? { fit: generatorQuality(ref, fit, o, 'fit') } : {}),
  };
}

/**
 * Amplification (Butter, Diefenbacher, Kasieczka, Nachman, Plehn 2008.06545): how many events drawn
 * from the truth a generated sample is worth. Cells: the truth's q-quantiles per feature. For every q,
 * the quantile MSE (1/M) sum_c (x_c - p_c)^2 of the training, generated and (optionally) fitted samples
 * against the truth fractions p; n truth-drawn events have E MSE = s/n, s = (1/M) sum p_c (1 - p_c), so
 * a sample is worth N_eq = s / (MSE - s/N_truth) events and the amplification factor is N_eq / n_train.
 * Errors: the analytic MSE variance (quantile-mse.ts) propagated, with a 68% interval.
 * @example const r = amplification({ truth, train, generated }, { quantiles: [10, 50] }); r.settings[0].generated.factor.value
 */
export function amplification(samples: AmplificationSamples, options: AmplificationOptions = {}): AmplificationResult {
  const o = parseOrThrow(AmplificationOptions, options, { code: 'InvalidArgument', where: 'amplification options', plugin: PLUGIN_NAME });
  const warnings = checkAmplificationSamples(samples);
  const settings = o.quantiles.map((q) => setting(samples, q, o, warnings));
  return { truth: { source: samples.truth.source, n: kishSize(samples.truth) }, features: [...samples.truth.names], settings, warnings };
}
