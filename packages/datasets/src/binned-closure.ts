import { binIndex, HepuqError } from '@hepuq/core';
import { checkBinEdges } from './normal-bins.js';

/** A weighted histogram compared with exact bin probabilities. */
export interface BinnedClosure {
  /** sum of pull^2 over the bins. */
  chi2: number;
  /** Degrees of freedom: bins - 1 when the probabilities sum to 1 (the total is fixed), else bins. */
  ndf: number;
  /** (S_b - W p_b) / sqrt(V_b) per bin. */
  pulls: Float64Array;
  /** S_b: the sum of weights in each bin. */
  sums: Float64Array;
  /** W: the sum of the selected weights, also those outside the edges. */
  total: number;
}

/**
 * Closure test of a weighted sample against exact bin probabilities p_b (e.g. `unfoldMultiBinProbabilities`, or an
 * unfolded sim against the nature truth): pull_b = (S_b - W p_b) / sqrt(V_b), V_b the sum of squared weights in
 * the bin (p_b sum w^2 when it is empty). For a sample that follows p, chi2 is chi^2(ndf)-distributed once each
 * bin expects >= ~20 effective events; the numbers are test statistics, their spread is that of chi^2(ndf).
 * Rows with select[i] === 0 are skipped (e.g. pass_gen for the true events).
 * @example const { chi2, ndf } = binnedClosure(ds.features.gen_x, ds.weights, edges, unfoldGaussBinProbabilities(edges));
 */
export function binnedClosure(
  values: ArrayLike<number>, weights: ArrayLike<number>, edges: ArrayLike<number>, probabilities: ArrayLike<number>, select?: ArrayLike<number>,
): BinnedClosure {
  const where = 'binnedClosure';
  checkBinEdges(edges, where);
  const nBins = edges.length - 1;
  if (probabilities.length !== nBins || weights.length !== values.length || (select && select.length !== values.length)) {
    const flags = select ? `, ${select.length} selection flags` : '';
    throw new HepuqError('ShapeMismatch', `${where}: ${values.length} values, ${weights.length} weights${flags}, ${nBins} bins and ${probabilities.length} probabilities`, {
      hint: 'Pass one weight (and selection flag) per value and one probability per bin (edges.length - 1).',
    });
  }
  const sums = new Float64Array(nBins);
  const sumsSq = new Float64Array(nBins);
  let total = 0;
  let totalSq = 0;
  for (let i = 0; i < values.length; i++) {
    if (select && select[i] === 0) continue;
    const w = weights[i];
    total += w;
    totalSq += w * w;
    const b = binIndex(values[i], edges);
    if (b < 0) continue;
    sums[b] += w;
    sumsSq[b] += w * w;
  }
  const pulls = new Float64Array(nBins);
  let chi2 = 0;
  let pSum = 0;
  for (let b = 0; b < nBins; b++) {
    pSum += probabilities[b];
    const variance = sumsSq[b] > 0 ? sumsSq[b] : probabilities[b] * totalSq;
    // variance 0: an empty bin of probability 0, in perfect agreement
    pulls[b] = variance > 0 ? (sums[b] - total * probabilities[b]) / Math.sqrt(variance) : 0;
    chi2 += pulls[b] * pulls[b];
  }
  // the probabilities come from Phi differences: a sum within 1e-9 of 1 means the edges cover everything
  return { chi2, ndf: Math.abs(pSum - 1) < 1e-9 ? nBins - 1 : nBins, pulls, sums, total };
}
