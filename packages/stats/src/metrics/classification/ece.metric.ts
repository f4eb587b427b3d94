import { z } from 'zod';
import { type Metric, type MetricInput, type MetricOutput, parseOrThrow } from '@hepuq/core';
import { classificationArrays } from '../metric-input.js';
import { BootstrapOptions } from './bootstrap-options.js';
import { ECE_BINS, eceFromBins, reliabilityFromSums } from './calibration-bins.js';
import { classificationMassBins, classificationPass, eceBootstrapStds } from './classification-pass.js';

export const ECE = 'ece';

export const EceOptions = BootstrapOptions.extend({ bins: z.number().int().min(1).max(10_000).default(ECE_BINS) }).strict();
export type EceOptions = z.input<typeof EceOptions>;

/** ECE (top-label, L1) in equal-width (`ece`) and equal-mass (`ece_mass`) bins, bootstrap errors, reliability data. */
export function createEceMetric(options: EceOptions = {}): Metric {
  const opts = parseOrThrow(EceOptions, options, { code: 'InvalidArgument', where: 'ece metric options' });
  return {
    key: ECE,
    task: 'classification',
    description: `Expected calibration error (top-label, L1), ${opts.bins} equal-width and equal-mass bins, with reliability-diagram data.`,
    definition:
      `ece = sum_b (W_b/W) |acc_b - conf_b| over ${opts.bins} equal-width bins of the top-label confidence c = max(p, 1-p) on [0, 1]; `
      + 'acc_b = weighted fraction with 1[p >= 0.5] = y, conf_b = weighted mean c (L1 gap, not squared; Guo et al. 2017 eq. 3). '
      + `ece_mass: same with equal-mass bins (each ~W/${opts.bins}). Bins with W_b <= 0 are skipped. `
      + `Errors: std over ${opts.bootstrap} Poisson(1) bootstrap replicas (bins fixed). ECE is biased upwards at finite N.`,
    valueNames: ['ece', 'ece_mass'],
    compute(input: MetricInput): MetricOutput {
      const arrays = classificationArrays(ECE, input);
      const pass = classificationPass(arrays, opts.bins);
      const mass = classificationMassBins(arrays, opts.bins);
      const [widthError, massError] = eceBootstrapStds(pass, mass, arrays.w, opts.bootstrap, opts.seed);
      const withError = (value: number, error: number) => (Number.isNaN(error) ? { value } : { value, error });
      return {
        values: { ece: withError(pass.ece, widthError), ece_mass: withError(eceFromBins(mass, opts.bins, pass.conf, pass.correct, arrays.w), massError) },
        plots: { reliability: reliabilityFromSums(pass.reliability) },
      };
    },
  };
}

export const eceMetric: Metric = createEceMetric();
