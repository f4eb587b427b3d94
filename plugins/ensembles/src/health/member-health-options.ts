import { z } from '@hepuq/core';

/**
 * The member health check every ensemble runs after training (`health:` in the method options):
 * a member whose training loss or predictions stand out from the others is retrained with a new
 * seed, at most `retries` times.
 */
export const MemberHealthOptions = z
  .object({
    /** `false`: no check (the members are kept as trained). */
    check: z.boolean().default(true),
    /** Retraining rounds for failed members (each with fresh initial weights). */
    retries: z.number().int().min(0).max(10).default(2),
    /**
     * A member fails when its mean training loss exceeds the members' median by more than this, in
     * nats per event (regression NLL in standardised units, classifier cross-entropy).
     */
    lossTolerance: z.number().positive().finite().default(0.1),
    /**
     * ...or when its disagreement with the members' median prediction is more than this many times
     * the median member's (and above the floor `AGREEMENT_FLOOR`).
     */
    agreementFactor: z.number().gt(1).finite().default(4),
  })
  .strict();
export type MemberHealthOptions = z.output<typeof MemberHealthOptions>;
