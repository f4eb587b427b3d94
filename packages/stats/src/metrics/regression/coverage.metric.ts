import { z } from 'zod';
import { HepuqError, type Metric, type MetricInput, type MetricOutput, type MetricValue, parseOrThrow } from '@hepuq/core';
import { centralQuantile, ONE_SIGMA_LEVEL, TWO_SIGMA_LEVEL } from '../../special/normal.js';
import { binomialFraction } from '../../weighted/weighted-stats.js';
import { regressionArrays } from '../metric-input.js';
import { PASS_LEVELS, regressionMoments } from './regression-pass.js';

export const COVERAGE = 'coverage';

/** Default levels: the +-1 sigma and +-2 sigma Gaussian contents 0.6827 and 0.9545. */
export const SIGMA_LEVELS: readonly number[] = [ONE_SIGMA_LEVEL, TWO_SIGMA_LEVEL];

/**
 * Value-name suffix for a central level: `68` and `95` for the +-1/+-2 sigma contents, else the
 * percentage with `_` for the decimal point (0.9 -> `90`, 0.995 -> `99_5`).
 */
export function levelName(level: number): string {
  if (Math.abs(level - ONE_SIGMA_LEVEL) < 5e-5) return '68';
  if (Math.abs(level - TWO_SIGMA_LEVEL) < 5e-5) return '95';
  return String(Number((level * 100).toFixed(4))).replace('.', '_');
}

function checkLevels(levels: readonly number[], what: string): void {
  for (const l of levels) {
    if (!(l > 0 && l < 1)) throw new HepuqError('InvalidArgument', `${what}: level ${l} must lie in (0, 1)`);
  }
}

/**
 * Weighted coverage of central Gaussian intervals mu +- z_p sigma, z_p = Phi^-1((1+p)/2), for each level p,
 * with binomial errors sqrt(c (1-c)/Neff).
 * @example gaussianCoverage(mean, sigma, truth, w, summary, [0.9]) // [{ value: 0.9, error: 0.003 }]
 */
export function gaussianCoverage(
  mean: Float32Array, sigma: Float32Array, truth: Float32Array, w: Float32Array,
  summary: Parameters<typeof binomialFraction>[1], levels: readonly number[],
): MetricValue[] {
  checkLevels(levels, 'coverage');
  const z = levels.map(centralQuantile);
  const pass = new Float64Array(levels.length);
  for (let i = 0; i < truth.length; i++) {
    const t = Math.abs(truth[i] - mean[i]) / sigma[i];
    for (let k = 0; k < z.length; k++) if (t <= z[k]) pass[k] += w[i];
  }
  return Array.from(pass, (p) => binomialFraction(p, summary));
}

export const CoverageOptions = z.object({ levels: z.array(z.number().gt(0).lt(1)).min(1).default([...SIGMA_LEVELS]) }).strict();
export type CoverageOptions = z.input<typeof CoverageOptions>;

/** A coverage metric at the given central levels (values `coverage_<levelName>`). */
export function createCoverageMetric(options: CoverageOptions = {}): Metric {
  const { levels } = parseOrThrow(CoverageOptions, options, { code: 'InvalidArgument', where: 'coverage metric options' });
  const key = COVERAGE;
  return {
    key,
    task: 'regression',
    description: `Coverage of central Gaussian intervals at levels ${levels.map((l) => l.toFixed(4)).join(', ')}.`,
    definition:
      'coverage_p = sum_{|y - mu| <= z_p sigmaTot} w / W with z_p = Phi^-1((1+p)/2); coverage_68/coverage_95 use p = 2 Phi(1) - 1 = 0.6827 '
      + 'and 2 Phi(2) - 1 = 0.9545 (z = 1, 2). Error sqrt(c(1-c)/Neff) (binomial, Kish Neff).',
    valueNames: levels.map((l) => `coverage_${levelName(l)}`),
    compute(input: MetricInput): MetricOutput {
      const arrays = regressionArrays(key, input);
      const { mean, sigma, truth, w, summary } = arrays;
      const at = levels.map((l) => PASS_LEVELS.indexOf(l));
      const cov = at.every((k) => k >= 0)
        ? at.map((k) => binomialFraction(regressionMoments(arrays).coveragePass[k], summary))
        : gaussianCoverage(mean, sigma, truth, w, summary, levels);
      const values: Record<string, MetricValue> = {};
      levels.forEach((l, k) => (values[`coverage_${levelName(l)}`] = cov[k]));
      return { values };
    },
  };
}

export const coverageMetric: Metric = createCoverageMetric();
