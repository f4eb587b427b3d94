import { z } from 'zod';
import { hypotest } from './hypotest.js';
import type { InferenceProcedure } from '@hepuq/core';
import { ModelInput, parseInput, prepareModel } from './inference-input.js';

export const HYPOTEST = 'hypotest';
export const HypotestInput = ModelInput.extend({
  mu: z.number(),
  testStat: z.enum(['qtilde', 'q', 'q0']).default('qtilde'),
  calcBaseDist: z.enum(['normal', 'clipped_normal']).default('normal'),
}).strict();
export type HypotestInput = z.input<typeof HypotestInput>;

/** JSON output of the `hypotest` procedure and `hepuq hypotest --json`. */
export interface HypotestOutput extends Record<string, unknown> {
  mu: number;
  test_stat: string;
  cls_obs: number;
  /** Expected CLs at -2, -1, 0, +1, +2 sigma. */
  cls_exp: number[];
  clsb_obs: number;
  clb_obs: number;
  clsb_exp: number[];
  clb_exp: number[];
  q_obs: number;
  q_asimov: number;
  mu_hat: number;
  p0_obs?: number;
  p0_exp?: number[];
  significance_obs?: number;
  significance_exp?: number[];
}

/** Asymptotic CLs hypothesis test at POI = mu with the expected band (see `hypotest`). */
export const hypotestProcedure: InferenceProcedure<HypotestInput, HypotestOutput> = {
  key: HYPOTEST,
  description: 'Asymptotic hypothesis test (CLs, CLs+b, CLb, expected band; q0 discovery p-value) of a pyhf workspace',
  input: HypotestInput,
  run(input) {
    const opts = parseInput(HYPOTEST, HypotestInput, input);
    const { model, data, cfg } = prepareModel(opts);
    const r = hypotest(model, data, opts.mu, { testStat: opts.testStat, calcBaseDist: opts.calcBaseDist, fit: cfg });
    const out: HypotestOutput = {
      mu: r.mu, test_stat: r.testStat,
      cls_obs: r.clsObs, cls_exp: r.clsExp,
      clsb_obs: r.clsbObs, clb_obs: r.clbObs, clsb_exp: r.clsbExp, clb_exp: r.clbExp,
      q_obs: r.q, q_asimov: r.qAsimov, mu_hat: r.muHat,
    };
    if (r.p0Obs !== undefined) {
      out.p0_obs = r.p0Obs;
      out.p0_exp = r.p0Exp;
      out.significance_obs = r.significanceObs;
      out.significance_exp = r.significanceExp;
    }
    return out;
  },
};
