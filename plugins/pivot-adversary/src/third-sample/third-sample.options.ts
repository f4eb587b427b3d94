import { DataSource, z } from '@hepuq/core';

/** Registry key of the step (`steps: [{ use: third-sample }]`). */
export const THIRD_SAMPLE = 'third-sample';

/** What the cross-check compares between samples. */
export const THIRD_SAMPLE_QUANTITIES = ['auc', 'background-efficiency'] as const;
export type ThirdSampleQuantity = (typeof THIRD_SAMPLE_QUANTITIES)[number];

const Finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** Options of the `third-sample` step (strict: unknown keys are errors). */
export const ThirdSampleOptions = z
  .object({
    /** The nuisance column that tells the two training samples apart; default the train set's first nuisance. */
    nuisance: z.string().min(1).optional(),
    /** The nuisance value of sample a (nominal) and b; default the two distinct values in the train set. */
    a: Finite.optional(),
    b: Finite.optional(),
    /** The third sample (another generator, a higher order): a labelled data source, required. */
    third: DataSource,
    /** `auc`, or `background-efficiency` at `signalEfficiency` with the threshold set on sample a. */
    quantity: z.enum(THIRD_SAMPLE_QUANTITIES).default('auc'),
    signalEfficiency: z.number().gt(0).lt(1).default(0.5),
    /** Poisson-bootstrap replicas for the statistical errors. */
    bootstrap: z.number().int().min(10).max(10_000).default(100),
  })
  .strict()
  .refine((o) => (o.a === undefined) === (o.b === undefined), { message: 'give both `a` and `b` or neither', path: ['b'] })
  .refine((o) => o.a === undefined || o.a !== o.b, { message: '`a` and `b` must differ', path: ['b'] });
export type ThirdSampleOptions = z.output<typeof ThirdSampleOptions>;
