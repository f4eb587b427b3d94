import { z } from '@hepuq/core';

/** Options of `bnn-flow` (strict: unknown keys are errors). */
export const BnnFlowOptions = z
  .object({
    /** Coupling layers; halves alternate, so 2-D data gets couplings/2 transforms per coordinate. */
    couplings: z.number().int().min(1).max(32).default(4),
    /** `rq`: rational-quadratic spline couplings (Durkan et al. 1906.04087); `affine`: RealNVP couplings. */
    transform: z.enum(['rq', 'affine']).default('rq'),
    /** Spline bins K per transformed coordinate. */
    bins: z.number().int().min(2).max(64).default(8),
    /** Spline box [-bound, bound] in standardised coordinates; identity outside. */
    bound: z.number().positive().finite().default(5),
    /** Subnet hidden layers. */
    hidden: z.array(z.number().int().positive()).min(1).default([32, 32]),
    activation: z.enum(['relu', 'elu', 'tanh', 'sigmoid']).default('relu'),
    epochs: z.number().int().positive().default(60),
    batchSize: z.number().int().positive().default(512),
    lr: z.number().positive().default(3e-3),
    lrFinal: z.number().min(0).max(1).default(0.1),
    /** Weight draws R for densities, uncertainty maps and per-replica event weights. */
    draws: z.number().int().min(2).max(1000).default(30),
    priorSigma: z.number().positive().finite().default(1),
    initSigma: z.number().positive().max(1).default(0.01),
    layer: z.enum(['local', 'reparam']).default('local'),
    klWeight: z.number().min(0).finite().default(1),
    /** Known support [lo, hi] of features (logit-mapped before the flow, so hard edges are modelled). */
    bounds: z.record(z.string(), z.tuple([z.number().finite(), z.number().finite()])).default({}),
    /**
     * Feature columns that condition the flow instead of being modelled, e.g. an augmentation
     * parameter a of training weights w = 1 + a f(x) (Plehn 2022, "Uncertain precision generator").
     */
    conditions: z.array(z.string()).default([]),
  })
  .strict()
  .superRefine((o, ctx) => {
    for (const [name, [lo, hi]] of Object.entries(o.bounds)) {
      if (!(lo < hi)) ctx.addIssue({ code: 'custom', message: `bounds of "${name}" need lo < hi`, path: ['bounds', name] });
    }
  });
export type BnnFlowOptions = z.infer<typeof BnnFlowOptions>;
