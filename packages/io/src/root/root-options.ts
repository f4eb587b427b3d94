import { z } from '@hepuq/core';

/** Registry key of the ROOT format. */
export const ROOT = 'root';

/** How a variable-length (jagged) branch becomes float32 columns. */
export const JaggedPolicy = z.enum(['flatten', 'pad', 'first', 'count']);
export type JaggedPolicy = z.infer<typeof JaggedPolicy>;

/** `ReadOptions.options` of the ROOT format. */
export const RootOptions = z
  .object({
    /**
     * Required as soon as a jagged branch is selected: `flatten` (one row per element; scalar branches
     * repeat), `pad` (columns `<branch>_0..<branch>_{padLength-1}`), `first` (first element), `count`.
     */
    jagged: JaggedPolicy.optional(),
    /** Columns per jagged branch with `jagged: 'pad'` (longer lists are cut). */
    padLength: z.number().int().min(1).max(4096).optional(),
    /** Value for missing elements with `pad` and for empty lists with `first` (default 0). */
    fill: z.number().finite().optional(),
  })
  .strict()
  .refine((o) => o.jagged !== 'pad' || o.padLength !== undefined, { message: "jagged: 'pad' needs padLength", path: ['padLength'] });
export type RootOptions = z.infer<typeof RootOptions>;
