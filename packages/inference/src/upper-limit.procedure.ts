import { z } from 'zod';
import type { InferenceProcedure } from '@hepuq/core';
import { ModelInput, parseInput, prepareModel } from './inference-input.js';
import { upperLimit } from './upper-limit.js';

export const UPPER_LIMIT = 'upper-limit';
export const UpperLimitInput = ModelInput.extend({
  level: z.number().gt(0).lt(1).default(0.05),
  testStat: z.enum(['qtilde', 'q']).default('qtilde'),
  /** POI grid; without it, limits come from root finding. */
  scan: z.array(z.number()).min(2).optional(),
  bracket: z.tuple([z.number(), z.number()]).optional(),
  rtol: z.number().positive().default(1e-6),
}).strict();
export type UpperLimitInput = z.input<typeof UpperLimitInput>;

/** JSON output of the `upper-limit` procedure and `hepuq limit --json`. */
export interface UpperLimitOutput extends Record<string, unknown> {
  poi: string;
  level: number;
  cl: number;
  test_stat: string;
  method: 'root-finding' | 'grid';
  upper_limit_obs: number | null;
  /** Expected limits at -2, -1, 0, +1, +2 sigma. */
  upper_limit_exp: (number | null)[];
  /** Each tested POI value with its observed and expected CLs. */
  tests: { mu: number; cls_obs: number; cls_exp: number[] }[];
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Observed and expected CLs upper limits (see `upperLimit`); null where a grid does not bracket the crossing. */
export const upperLimitProcedure: InferenceProcedure<UpperLimitInput, UpperLimitOutput> = {
  key: UPPER_LIMIT,
  description: 'Observed and expected CLs upper limits on the POI of a pyhf workspace, by root finding or on a grid',
  input: UpperLimitInput,
  run(input) {
    const opts = parseInput(UPPER_LIMIT, UpperLimitInput, input);
    const { model, data, cfg } = prepareModel(opts);
    const r = upperLimit(model, data, { level: opts.level, testStat: opts.testStat, scan: opts.scan, bracket: opts.bracket, rtol: opts.rtol, fit: cfg });
    return {
      poi: model.poiName,
      level: r.level,
      cl: 1 - r.level,
      test_stat: opts.testStat,
      method: opts.scan ? 'grid' : 'root-finding',
      upper_limit_obs: finiteOrNull(r.upperLimitObs),
      upper_limit_exp: r.upperLimitExp.map(finiteOrNull),
      tests: r.tests.map((t) => ({ mu: t.mu, cls_obs: t.clsObs, cls_exp: t.clsExp })),
    };
  },
};
