import { z } from 'zod';

/** Options shared by metrics whose error comes from a Poisson bootstrap. */
export const BootstrapOptions = z
  .object({
    /** Number of Poisson(1) bootstrap replicas for the error (0 disables the error). */
    bootstrap: z.number().int().min(0).max(10_000).default(100),
    /** Seed of the bootstrap draws (the metric stays a pure function of its input). */
    seed: z.number().int().min(0).default(0),
  })
  .strict();
export type BootstrapOptions = z.input<typeof BootstrapOptions>;
