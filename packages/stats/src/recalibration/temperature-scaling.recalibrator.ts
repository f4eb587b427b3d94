import { z } from 'zod';
import { HepuqError, type ClassificationPrediction, type RecalibrationMethod, parseOrThrow } from '@hepuq/core';
import { BCE_EPS } from '../metrics/classification/binary-nll.js';
import { classificationArrays } from '../metrics/metric-input.js';
import { brentMinimize } from '../optimize/brent.js';

export const TEMPERATURE_SCALING = 'temperature-scaling';

export const TemperatureScalingOptions = z
  .object({
    /** Search range of T (log-uniform bracket for the 1-D minimiser). */
    minTemperature: z.number().gt(0).default(0.01),
    maxTemperature: z.number().gt(0).default(100),
  })
  .strict();

/** logit(p) with p clipped to [EPS, 1 - EPS]. */
export function logit(p: number): number {
  const q = Math.min(Math.max(p, BCE_EPS), 1 - BCE_EPS);
  return Math.log(q / (1 - q));
}

/** -log sigmoid(x) = log(1 + e^-x), stable for large |x|. */
function softplusNeg(x: number): number {
  return Math.max(-x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** p' = sigmoid(logit(p)/T); sigma' = sigma p'(1-p')/(T p(1-p)) (delta method); replicas mapped the same way. */
export function applyTemperature(p: ClassificationPrediction, temperature: number): ClassificationPrediction {
  const map = (a: Float32Array) => Float32Array.from(a, (v) => 1 / (1 + Math.exp(-logit(v) / temperature)));
  const prob = map(p.prob);
  const sigmaProb = Float32Array.from(p.sigmaProb, (s, i) => {
    const q = Math.min(Math.max(p.prob[i], BCE_EPS), 1 - BCE_EPS);
    return (s * prob[i] * (1 - prob[i])) / (temperature * q * (1 - q));
  });
  const out: ClassificationPrediction = { kind: 'classification', prob, sigmaProb };
  if (p.replicas) out.replicas = p.replicas.map(map);
  return out;
}

/**
 * Temperature scaling for binary classifiers: p' = sigmoid(logit(p)/T) with T minimising the weighted
 * NLL on the calibration set (Guo et al., ICML 2017, sec. 4.2), found by Brent's method in log T.
 * @example const r = temperatureScaling.fit({ prediction, truth: labels }); r.parameters.temperature
 */
export const temperatureScaling: RecalibrationMethod<ClassificationPrediction, typeof TemperatureScalingOptions> = {
  key: TEMPERATURE_SCALING,
  task: 'classification',
  description: 'Divide the logit by one temperature T fitted by minimising the weighted NLL on a calibration set.',
  definition:
    'T = argmin_T sum_i w_i BCE(sigmoid(logit(p_i)/T), y_i) / W (p clipped to [1e-7, 1-1e-7]), Brent minimisation over log T in '
    + '[log minTemperature, log maxTemperature]; p -> sigmoid(logit(p)/T), sigmaProb by the delta method. Guo et al. (2017).',
  options: TemperatureScalingOptions,
  fit(data, options = {}) {
    const opts = parseOrThrow(TemperatureScalingOptions, options, { code: 'InvalidArgument', where: 'temperature-scaling recalibration options' });
    if (!(opts.minTemperature < opts.maxTemperature)) {
      throw new HepuqError('InvalidArgument', `recalibration "${TEMPERATURE_SCALING}": minTemperature ${opts.minTemperature} must be below maxTemperature ${opts.maxTemperature}`);
    }
    const { prob, label, w, summary } = classificationArrays(TEMPERATURE_SCALING, data, 'recalibration');
    const z = Float64Array.from(prob, logit);
    const nll = (logT: number) => {
      const inv = Math.exp(-logT);
      let s = 0;
      for (let i = 0; i < z.length; i++) s += w[i] * softplusNeg(label[i] === 1 ? z[i] * inv : -z[i] * inv);
      return s / summary.sumW;
    };
    const best = brentMinimize(nll, Math.log(opts.minTemperature), Math.log(opts.maxTemperature), 1e-8);
    const temperature = Math.exp(best.x);
    return {
      method: TEMPERATURE_SCALING,
      parameters: { temperature, nllBefore: nll(0), nllAfter: best.fx, iterations: best.iterations, converged: best.converged },
      apply: (prediction) => applyTemperature(prediction, temperature),
    };
  },
};
