import { z } from 'zod';
import type { InferenceProcedure } from '@hepuq/core';
import { ModelInput, parseInput, prepareModel } from './inference-input.js';
import { mleFit } from './mle-fit.js';

export const FIT = 'fit';
export const FitInput = ModelInput;
export type FitInput = z.input<typeof FitInput>;

/** JSON output of the `fit` procedure and `hepuq fit --json`. */
export interface FitOutput extends Record<string, unknown> {
  measurement: string;
  poi: string;
  poi_value: number;
  poi_uncertainty: number;
  parameters: { name: string; value: number; uncertainty: number; fixed: boolean }[];
  correlation: { labels: string[]; matrix: number[][] };
  twice_nll: number;
  covariance_valid: boolean;
}

/** Maximum-likelihood fit with Hesse uncertainties and correlations (see `mleFit`). */
export const fitProcedure: InferenceProcedure<FitInput, FitOutput> = {
  key: FIT,
  description: 'Maximum-likelihood fit of a pyhf workspace with Hesse uncertainties and correlations',
  input: FitInput,
  run(input) {
    const opts = parseInput(FIT, FitInput, input);
    const { model, data, measurement } = prepareModel(opts);
    const r = mleFit(model, data, { fixed: opts.fixed, bounds: opts.bounds, init: opts.init });
    const fixed = new Set(Object.keys(opts.fixed ?? {}));
    return {
      measurement,
      poi: r.poi.name,
      poi_value: r.poi.value,
      poi_uncertainty: r.poi.uncertainty,
      parameters: r.labels.map((name, i) => ({ name, value: r.bestfit[i], uncertainty: r.uncertainties[i], fixed: fixed.has(name) || model.fixed[i] === 1 })),
      correlation: { labels: r.labels, matrix: r.correlation },
      twice_nll: r.twiceNll,
      covariance_valid: r.covarianceValid,
    };
  },
};
