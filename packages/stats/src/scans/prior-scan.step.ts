import { HepuqError, RegistriesToken, z, type RunStep } from '@hepuq/core';
import type { RefitSummary } from './refit-summary.js';
import { pointOptions, refitTarget, refitTargetShape, type RefitTarget } from './refit-target.js';
import { scanRefits } from './scan-refits.js';

export const PRIOR_SCAN = 'prior-scan';

export const PriorScanOptions = z
  .object({
    /** Prior widths to refit with (at least two, each positive). */
    widths: z.array(z.number().positive().finite()).min(2).default([0.01, 0.1, 1, 10, 100]),
    /** The method option that sets the prior width (bnn, bnn-classifier, bnn-flow: `priorSigma`). */
    option: z.string().min(1).default('priorSigma'),
    /** A point is on the plateau when its score is within this many standard errors of the widest prior's... */
    scoreTolerance: z.number().positive().default(2),
    /** ...and its mean sigma_stat within this relative difference of the widest prior's. */
    sigmaTolerance: z.number().positive().default(0.2),
    ...refitTargetShape,
  })
  .strict();
export type PriorScanOptions = z.infer<typeof PriorScanOptions>;

/** One prior width of the scan: the refit's test summary and whether it lies on the plateau. */
export type PriorPoint = { width: number; plateau: boolean } & RefitSummary;

/** What `prior-scan` returns (steps.json, the report's `artifacts['prior-scan']`). */
export interface PriorScanArtifact {
  method: string;
  option: string;
  points: PriorPoint[];
  /** The smallest width from which every wider prior is on the plateau (null: not even the second widest). */
  plateau_from: number | null;
}

/**
 * The `prior-scan` run step: refit a Bayesian method (through the run's executor) at each prior
 * width and score the run's test set: the proper score (NLL, cross-entropy), AUC for classifiers,
 * the mean sigma_stat and sigma_syst. A well-behaved Bayesian network gives a flat plateau for widths
 * of order one and above, and breaks only for a prior narrow enough to pin the weights (Plehn 2022,
 * "Bayesian networks: prior independence"). The widest prior is the reference of the plateau.
 * @example steps: [{ use: prior-scan, options: { widths: [0.01, 0.1, 1, 10, 100] } }]   # in a run config
 */
export const priorScanStep: RunStep<typeof PriorScanOptions> = {
  key: PRIOR_SCAN,
  description: 'Refit a Bayesian method over prior widths: score, AUC and sigma vs width, and where the plateau starts',
  options: PriorScanOptions,
  tasks: ['regression', 'classification'],
  check({ options, method, methodOptions, methods }) {
    const target = refitTarget(methods, options, { key: method.key, options: methodOptions });
    for (const width of options.widths) pointOptions(PRIOR_SCAN, target, { [options.option]: width });
  },
  async run(input) {
    const o = input.options;
    const target: RefitTarget = refitTarget(input.services.resolve(RegistriesToken).methods, o, { key: input.model.method, options: input.methodOptions });
    const widths = [...new Set(o.widths)].sort((a, b) => a - b);
    if (widths.length < 2) throw new HepuqError('InvalidConfig', `${PRIOR_SCAN}: the scan needs two different widths, got ${o.widths.join(', ')}`);
    const summaries = await scanRefits(input, target, widths.map((width) => ({ train: input.train, options: pointOptions(PRIOR_SCAN, target, { [o.option]: width }), seedTag: 'fit' })));
    const points = plateau(widths.map((width, i) => ({ width, plateau: false, ...summaries[i] })), o.scoreTolerance, o.sigmaTolerance);
    const from = plateauFrom(points);
    return { method: target.method.key, option: o.option, points, plateau_from: from } satisfies PriorScanArtifact as unknown as Record<string, unknown>;
  },
};

/** Marks the points whose score and sigma_stat agree with the widest prior's within the tolerances. */
export function plateau(points: PriorPoint[], scoreTolerance: number, sigmaTolerance: number): PriorPoint[] {
  const ref = points[points.length - 1];
  return points.map((p) => {
    const error = Math.hypot(p.score.error ?? 0, ref.score.error ?? 0);
    const scoreOk = Math.abs(p.score.value - ref.score.value) <= scoreTolerance * error;
    const sigmaOk = Math.abs(p.sigma_stat - ref.sigma_stat) <= sigmaTolerance * Math.abs(ref.sigma_stat);
    return { ...p, plateau: scoreOk && sigmaOk };
  });
}

/** The smallest width from which every point is on the plateau; null when only the reference is. */
export function plateauFrom(points: readonly PriorPoint[]): number | null {
  let from = points.length - 1;
  while (from > 0 && points[from - 1].plateau) from--;
  return from < points.length - 1 ? points[from].width : null;
}
