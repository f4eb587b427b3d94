import { z } from 'zod';

/**
 * The health check of a method that trains many networks (ensemble members, OmniFold's bootstrap
 * replicas, CWoLa's k-fold networks; `health:` in its options): a network whose loss or predictions
 * stand out from the others' median, or that diverged, is retrained with a new seed on the same
 * events, at most `retries` times, and the best attempt is kept. One schema, so every such method
 * takes the same names and defaults.
 */
export const MemberHealthOptions = z
  .object({
    /** `false`: no check (the networks are kept as trained). */
    check: z.boolean().default(true),
    /** Retraining rounds for failed networks (each with a new seed). */
    retries: z.number().int().min(0).max(10).default(2),
    /**
     * A network fails when its loss (each method says which: training NLL, validation or classifier
     * cross-entropy) exceeds the median network's by more than this, in nats per event.
     */
    lossTolerance: z.number().positive().finite().default(0.1),
    /**
     * ...or when its disagreement with the median prediction is more than this many times the median
     * network's (above a floor each method sets).
     */
    agreementFactor: z.number().gt(1).finite().default(4),
  })
  .strict();
export type MemberHealthOptions = z.output<typeof MemberHealthOptions>;
