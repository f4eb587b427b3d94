import { dataRow, HepuqError, type MetricInput } from '@hepuq/core';
import { priorDensity } from '../priors/spectrum-prior.js';
import { equalMassBins } from '../weighted/equal-mass-bins.js';
import type { ClosureReweight } from './closure-options.js';

/**
 * The test sample's prior density at each event, estimated by a histogram of the true y in `bins`
 * equal-weight bins: p(y_i) = W_b / (W (high_b - low_b)) for the bin b of y_i.
 */
function histogramDensity(truth: Float32Array, weights: Float32Array, bins: number): Float64Array {
  const bin = equalMassBins(truth, weights, bins);
  const lo = new Float64Array(bins).fill(Infinity);
  const hi = new Float64Array(bins).fill(-Infinity);
  const sw = new Float64Array(bins);
  let total = 0;
  for (let i = 0; i < truth.length; i++) {
    const b = bin[i];
    lo[b] = Math.min(lo[b], truth[i]);
    hi[b] = Math.max(hi[b], truth[i]);
    sw[b] += weights[i];
    total += weights[i];
  }
  // a bin spans from its lowest value to the next bin's lowest, so the bins tile the range
  const next = (b: number) => {
    for (let c = b + 1; c < bins; c++) if (Number.isFinite(lo[c])) return lo[c];
    return hi[b];
  };
  const density = new Float64Array(bins);
  for (let b = 0; b < bins; b++) {
    const width = next(b) - lo[b];
    density[b] = width > 0 ? sw[b] / (total * width) : Number.NaN;
  }
  return Float64Array.from(bin, (b) => density[b]);
}

/**
 * Event weights of the test sample reweighted as `reweight` asks: w_i p_prior(y_i) / p_test(y_i)
 * with p_test the known `from` prior or a histogram estimate, or w_i c_i for an extras column c.
 * Events whose estimated test density is 0 or undefined (a single-valued histogram bin) keep weight 0.
 * @example reweightedWeights(input, { prior: { shape: 'flat' }, densityBins: 40 }, 'metric "closure"')
 */
export function reweightedWeights(input: Pick<MetricInput, 'truth' | 'extras'>, weights: Float32Array, reweight: ClosureReweight, where: string): Float32Array {
  const { truth } = input;
  const out = new Float32Array(truth.length);
  if ('column' in reweight) {
    const c = input.extras?.[reweight.column];
    if (!c) {
      throw new HepuqError('MissingColumn', `${where}: reweight.column "${reweight.column}" is not a column of the test data`, {
        hint: `Add it to the test data's \`extras:\` (columns there: ${Object.keys(input.extras ?? {}).join(', ') || 'none'}).`,
      });
    }
    if (c.length !== truth.length) throw new HepuqError('ShapeMismatch', `${where}: reweight.column "${reweight.column}" has ${c.length} entries, truth has ${truth.length}`);
    for (let i = 0; i < truth.length; i++) {
      if (!Number.isFinite(c[i])) throw new HepuqError('NonFiniteValue', `${where}: reweight.column "${reweight.column}" is ${c[i]} at ${dataRow(i)}`);
      out[i] = weights[i] * c[i];
    }
    return out;
  }
  const from = reweight.from;
  const estimated = from ? undefined : histogramDensity(truth, weights, reweight.densityBins);
  for (let i = 0; i < truth.length; i++) {
    const p = from ? priorDensity(from, truth[i]) : estimated![i];
    out[i] = p > 0 ? (weights[i] * priorDensity(reweight.prior, truth[i])) / p : 0;
  }
  return out;
}
