import { z } from 'zod';
import { HepuqError, type InferenceProcedure } from '@hepuq/core';
import { ModelInput, parseInput, prepareModel } from './inference-input.js';
import { profileScan1D, profileScan2D } from './profile-scan.js';

export const SCAN = 'scan';
export const ScanInput = ModelInput.extend({
  /** Scanned parameter label (default: the POI). */
  parameter: z.string().optional(),
  values: z.array(z.number()).min(2),
  /** Second parameter and its grid for a 2-D scan. */
  parameter2: z.string().optional(),
  values2: z.array(z.number()).min(2).optional(),
}).strict();
export type ScanInput = z.input<typeof ScanInput>;

/** JSON output of the `scan` procedure and `hepuq scan --json`. */
export interface ScanOutput extends Record<string, unknown> {
  parameters: string[];
  /** 1-D: the grid and -2 ln lambda at each point; 2-D: x, y and delta_twice_nll[i][j] at (x_i, y_j). */
  values: number[];
  values2?: number[];
  delta_twice_nll: number[] | number[][];
  bestfit: number[];
  twice_nll_min: number;
  interval_68?: (number | null)[];
  interval_95?: (number | null)[];
}

/** 1-D or 2-D profile-likelihood scan (see `profileScan1D`, `profileScan2D`). */
export const scanProcedure: InferenceProcedure<ScanInput, ScanOutput> = {
  key: SCAN,
  description: 'Profile-likelihood scan of one or two parameters of a pyhf workspace',
  input: ScanInput,
  run(input) {
    const opts = parseInput(SCAN, ScanInput, input);
    const { model, data, cfg } = prepareModel(opts);
    const p1 = opts.parameter ?? model.poiName;
    if ((opts.parameter2 === undefined) !== (opts.values2 === undefined)) {
      throw new HepuqError('InvalidArgument', 'scan: a 2-D scan needs both parameter2 and values2');
    }
    if (opts.parameter2 && opts.values2) {
      const s = profileScan2D(model, data, [p1, opts.parameter2], opts.values, opts.values2, cfg);
      return { parameters: s.parameters, values: s.x, values2: s.y, delta_twice_nll: s.deltaTwiceNll, bestfit: s.bestfit, twice_nll_min: s.twiceNllMin };
    }
    const s = profileScan1D(model, data, p1, opts.values, cfg);
    return {
      parameters: [s.parameter], values: s.values, delta_twice_nll: s.deltaTwiceNll, bestfit: [s.bestfit],
      twice_nll_min: s.twiceNllMin, interval_68: s.interval68, interval_95: s.interval95,
    };
  },
};
