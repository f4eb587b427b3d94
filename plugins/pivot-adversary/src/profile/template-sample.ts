import { HepuqError, type Dataset } from '@hepuq/core';
import type { NuisanceAwareModel } from '../aware/nuisance-aware-model.js';
import { optionalColumn } from '../data/decorrelation-target.js';
import { scoreHistogram, weightSum } from './score-histogram.js';
import { AWARE_PROFILE } from './aware-profile.options.js';

/** A labelled template sample with its nuisance column, split by class. */
export interface TemplateSample {
  data: Dataset;
  z: Float32Array;
  /** Total signal and background weight of the whole sample: what each template is normalised to. */
  totalSignal: number;
  totalBackground: number;
}

/** Signal and background score histograms of one template (already normalised and scaled). */
export interface Templates {
  signal: Float64Array;
  background: Float64Array;
}

/**
 * Check that `data` can make templates for `nuisance`: a label, the nuisance column, both classes
 * with positive total weight.
 * @example const sample = templateSample(train, 'z')
 */
export function templateSample(data: Dataset, nuisance: string): TemplateSample {
  if (!data.label) throw new HepuqError('MissingColumn', `${AWARE_PROFILE}: template sample ${data.source} has no label column; templates need labelled signal and background`);
  const z = optionalColumn(data, nuisance);
  if (!z) {
    throw new HepuqError('MissingColumn', `${AWARE_PROFILE}: template sample ${data.source} has no nuisance column "${nuisance}" (the model's nuisance); it has ${Object.keys(data.nuisances).join(', ') || 'none'}`, {
      hint: `List "${nuisance}" under \`nuisances:\` of the templates data source.`,
    });
  }
  let totalSignal = 0;
  let totalBackground = 0;
  for (let i = 0; i < data.n; i++) {
    if (data.label[i] === 1) totalSignal += data.weights[i];
    else totalBackground += data.weights[i];
  }
  if (!(totalSignal > 0 && totalBackground > 0)) {
    throw new HepuqError('EmptyDataset', `${AWARE_PROFILE}: template sample ${data.source} needs signal and background with positive total weight (signal ${totalSignal}, background ${totalBackground})`);
  }
  return { data, z, totalSignal, totalBackground };
}

/** Indices of the events with |z_i - center| <= halfWidth (float32 rounding of the column allowed for). */
export function windowIndices(z: Float32Array, center: number, halfWidth: number): Int32Array {
  const tol = halfWidth * (1 + 1e-6);
  const out: number[] = [];
  for (let i = 0; i < z.length; i++) if (Math.abs(z[i] - center) <= tol) out.push(i);
  return Int32Array.from(out);
}

/**
 * Templates at Z = `center`: the score histograms (scores P(signal | x, `inputZ`)) of the signal and
 * background events in the window |z - center| <= halfWidth, each normalised to its class's total
 * weight in the whole sample and multiplied by `scale`, so that S_b(center) sums to
 * scale * W_signal and mu = 1 reproduces the sample's signal fraction (the contract of mu).
 * @example const t = await templatesAt(model, sample, 0.79, 0.125, 0.79, 10, 0.2)
 */
export async function templatesAt(model: NuisanceAwareModel, sample: TemplateSample, center: number, halfWidth: number, inputZ: number, bins: number, scale: number): Promise<Templates> {
  const idx = windowIndices(sample.z, center, halfWidth);
  const events = sample.data.subset(idx);
  const sig: number[] = [];
  const bkg: number[] = [];
  for (let j = 0; j < events.n; j++) (events.label![j] === 1 ? sig : bkg).push(j);
  const wSig = weightSum(events.weights, sig);
  const wBkg = weightSum(events.weights, bkg);
  if (!(wSig > 0 && wBkg > 0)) {
    throw new HepuqError('EmptyDataset', `${AWARE_PROFILE}: the template window |${model.nuisance} - ${fmt(center)}| <= ${fmt(halfWidth)} of ${sample.data.source} holds ${sig.length} signal and ${bkg.length} background events (weights ${fmt(wSig)}, ${fmt(wBkg)}); both need positive weight`, {
      hint: 'Widen `zWindow`, move `zGrid` inside the Z range of the template sample, or give a template sample that covers every grid value.',
    });
  }
  const scores = await model.probAt(events, inputZ);
  const signal = scoreHistogram(scores, events.weights, bins, sig).map((v) => (v * sample.totalSignal * scale) / wSig);
  const background = scoreHistogram(scores, events.weights, bins, bkg).map((v) => (v * sample.totalBackground * scale) / wBkg);
  return { signal, background };
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}
