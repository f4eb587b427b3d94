import { z } from 'zod';

/** Options every built-in MLP method shares (validated strictly: unknown keys are errors). */
export const MlpOptions = z
  .object({
    hidden: z.array(z.number().int().positive()).min(1).default([64, 64]),
    activation: z.enum(['relu', 'elu', 'tanh', 'sigmoid']).default('relu'),
    epochs: z.number().int().positive().default(50),
    batchSize: z.number().int().positive().default(256),
    lr: z.number().positive().default(1e-3),
    /** Learning rate at the last epoch as a fraction of `lr` (cosine decay). */
    lrFinal: z.number().min(0).max(1).default(0.1),
  })
  .strict();

export type MlpOptions = z.infer<typeof MlpOptions>;
