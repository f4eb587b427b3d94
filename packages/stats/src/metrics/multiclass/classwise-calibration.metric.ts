import { z } from 'zod';
import { parseOrThrow, type Metric, type MetricInput, type MetricOutput } from '@hepuq/core';
import { chiSquareSurvival } from '../../special/chi-square.js';
import { equalWidthBins } from '../classification/calibration-bins.js';
import { multiclassArrays } from '../metric-input.js';
import { classSuffixes } from './class-suffixes.js';

export const CLASSWISE_CALIBRATION = 'classwise-calibration';

export const ClasswiseCalibrationOptions = z
  .object({
    /** Equal-width bins of each p_k on [0, 1]. */
    bins: z.number().int().min(1).max(10_000).default(10),
  })
  .strict();
export type ClasswiseCalibrationOptions = z.input<typeof ClasswiseCalibrationOptions>;

/** Per bin of p_k: the expected and observed frequency of class k and the test's standard deviation. */
export interface ClasswiseCalibrationBins {
  /** The class name. */
  class: string;
  binLow: number[];
  binHigh: number[];
  /** pbar_b = sum w p_k / W_b, the frequency a calibrated model predicts. */
  meanProb: number[];
  /** f_b = sum w 1[y = k] / W_b. */
  frequency: number[];
  /** sqrt(var_b), var_b = sum w^2 p_k (1 - p_k) / W_b^2: the std of f_b if the model is calibrated. */
  frequencyError: number[];
  /** W_b. */
  weight: number[];
  /** Kish Neff_b = W_b^2 / sum w^2. */
  neff: number[];
  /** (f_b - pbar_b) / sqrt(var_b); 0 where var_b = 0 (such bins are left out of chi2). */
  pull: number[];
  /** The class's chi2 (sum of squared pulls over bins with var_b > 0) and ndf (the number of those bins). */
  chi2: number;
  ndf: number;
}

/**
 * Binned chi-square test that P(y = k | p_k) = p_k for one class: in each equal-width bin of p_k with
 * W_b > 0 and Kish Neff_b >= 1, chi2 += (f_b - pbar_b)^2 / var_b with the Bernoulli variance under
 * calibration var_b = sum w^2 p (1 - p) / W_b^2 (Hosmer & Lemeshow, Commun. Stat. 9 (1980) 1043, with
 * bins fixed in p and no dof subtracted since nothing is fitted to the test set). Bins with var_b = 0 are skipped.
 * @example const { chi2, ndf } = classCalibrationChi2(probs[k], label, k, w, 10);
 */
export function classCalibrationChi2(p: Float32Array, label: Float32Array, k: number, w: Float32Array, bins: number, name = String(k)): { chi2: number; ndf: number; data: ClasswiseCalibrationBins } {
  const bin = equalWidthBins(p, bins);
  const [sw, sw2, sp, sy, sv] = Array.from({ length: 5 }, () => new Float64Array(bins));
  for (let i = 0; i < p.length; i++) {
    const b = bin[i];
    const wi = w[i];
    sw[b] += wi;
    sw2[b] += wi * wi;
    sp[b] += wi * p[i];
    sy[b] += label[i] === k ? wi : 0;
    sv[b] += wi * wi * p[i] * (1 - p[i]);
  }
  const data: ClasswiseCalibrationBins = { class: name, binLow: [], binHigh: [], meanProb: [], frequency: [], frequencyError: [], weight: [], neff: [], pull: [], chi2: 0, ndf: 0 };
  let chi2 = 0;
  let ndf = 0;
  for (let b = 0; b < bins; b++) {
    const neff = sw2[b] > 0 ? (sw[b] * sw[b]) / sw2[b] : 0;
    if (!(sw[b] > 0) || neff < 1) continue;
    const pbar = sp[b] / sw[b];
    const f = sy[b] / sw[b];
    const variance = sv[b] / (sw[b] * sw[b]);
    const pull = variance > 0 ? (f - pbar) / Math.sqrt(variance) : 0;
    if (variance > 0) {
      chi2 += pull * pull;
      ndf++;
    }
    data.binLow.push(b / bins);
    data.binHigh.push((b + 1) / bins);
    data.meanProb.push(pbar);
    data.frequency.push(f);
    data.frequencyError.push(Math.sqrt(variance));
    data.weight.push(sw[b]);
    data.neff.push(neff);
    data.pull.push(pull);
  }
  data.chi2 = chi2;
  data.ndf = ndf;
  return { chi2, ndf, data };
}

/** Upper-tail p-value of chi2 with ndf degrees of freedom; 1 when no bin was usable (no evidence against). */
function pValue(chi2: number, ndf: number): number {
  return ndf > 0 ? chiSquareSurvival(chi2, ndf) : 1;
}

/**
 * Classwise calibration test of a K-class classifier: per class a binned chi-square of observed against
 * predicted frequency (`classCalibrationChi2`), its p-value, and the sum over classes.
 * @example const metric = createClasswiseCalibrationMetric({ bins: 20 });
 */
export function createClasswiseCalibrationMetric(options: ClasswiseCalibrationOptions = {}): Metric {
  const { bins } = parseOrThrow(ClasswiseCalibrationOptions, options, { code: 'InvalidArgument', where: 'classwise-calibration metric options' });
  return {
    key: CLASSWISE_CALIBRATION,
    task: 'multiclass',
    description: `Chi-square test that each class probability is calibrated (observed vs predicted frequency in ${bins} equal-width bins of p_k), with p-values.`,
    definition:
      `For each class k, ${bins} equal-width bins of p_k on [0, 1]; in each bin with W_b > 0 and Kish Neff_b = W_b^2/sum w^2 >= 1: `
      + 'expected frequency pbar_b = sum w p_k / W_b, observed f_b = sum w 1[y = k] / W_b, variance under calibration '
      + 'var_b = sum w^2 p_k (1 - p_k) / W_b^2 (the Bernoulli variance; = pbar_b (1 - pbar_b) / Neff_b when p_k and w are constant in the bin). '
      + 'calibration_chi2_<name> = sum_b (f_b - pbar_b)^2 / var_b over bins with var_b > 0, calibration_ndf_<name> = the number of those bins '
      + '(no dof subtracted: the probabilities are not fitted to the test set; a Hosmer-Lemeshow-type test with fixed bins), '
      + 'calibration_p_<name> = P(chi2_ndf >= chi2) (upper tail; 1 when ndf = 0). calibration_chi2, calibration_ndf, calibration_p: '
      + 'chi2 and ndf summed over classes and their p-value, approximate since the classes are not independent (sum_k p_k = 1; '
      + 'for K = 2 the two classes repeat one test). The chi-square approximation needs several events per bin. '
      + 'Test statistics: no error. A weighted event is one draw counted w times (var_b uses w^2), so integer weights give a smaller chi2 than repeated events. '
      + 'Plot data per class: pbar_b, f_b, sqrt(var_b), W_b, Neff_b, pull, and the class chi2 and ndf.',
    valueNames: ['calibration_chi2', 'calibration_ndf', 'calibration_p'],
    compute(input: MetricInput): MetricOutput {
      const { probs, label, w, prediction } = multiclassArrays(CLASSWISE_CALIBRATION, input);
      const suffixes = classSuffixes(prediction.classes);
      const values: MetricOutput['values'] = {};
      const plots: Record<string, unknown> = {};
      let chi2 = 0;
      let ndf = 0;
      probs.forEach((p, k) => {
        const r = classCalibrationChi2(p, label, k, w, bins, prediction.classes[k]);
        const s = suffixes[k];
        values[`calibration_chi2_${s}`] = { value: r.chi2 };
        values[`calibration_ndf_${s}`] = { value: r.ndf };
        values[`calibration_p_${s}`] = { value: pValue(r.chi2, r.ndf) };
        plots[`calibration_class_${s}`] = r.data;
        chi2 += r.chi2;
        ndf += r.ndf;
      });
      values.calibration_chi2 = { value: chi2 };
      values.calibration_ndf = { value: ndf };
      values.calibration_p = { value: pValue(chi2, ndf) };
      return { values, plots };
    },
  };
}

export const classwiseCalibrationMetric: Metric = createClasswiseCalibrationMetric();
