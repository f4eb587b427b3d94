import { HepuqError } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { assertComparable, weightAt, type FeatureSample } from '../sample/feature-sample.js';

/** The samples of an amplification study, all with the truth's features. */
export interface AmplificationSamples {
  /** A large sample of the true distribution (bins and expected fractions). */
  truth: FeatureSample;
  /** The events the generator was trained on. */
  train: FeatureSample;
  generated: FeatureSample;
  /** Optional: events sampled from a parametric fit to the training events. */
  fit?: FeatureSample;
}

/** The truth should exceed every compared sample by this factor, or its own noise is a sizeable part of the floor. */
export const TRUTH_MARGIN = 10;

/**
 * Kish effective number of events (sum w)^2 / sum w^2, negative weights as 0 (the quantile-bin convention).
 * @example kishSize(sample) // sample.n for unit weights
 */
export function kishSize(sample: FeatureSample): number {
  let sw = 0, sw2 = 0;
  for (let i = 0; i < sample.n; i++) {
    const w = Math.max(0, weightAt(sample, i));
    sw += w;
    sw2 += w * w;
  }
  return sw2 > 0 ? (sw * sw) / sw2 : 0;
}

const tooSmallHint = (n: number) =>
  `Use a truth sample larger than every compared sample (${TRUTH_MARGIN}x keeps its noise below a tenth of theirs), or compare at most ${Math.floor(n)} generated or fitted events.`;

/**
 * Check that the samples can be compared and that the truth outweighs them; returns the warnings for
 * conditions that only weaken the result. Throws `ShapeMismatch` for other features, `EmptyDataset` for
 * fewer than 2 events, and `InvalidArgument` for a truth sample smaller than a compared sample: its own
 * statistical noise would then dominate the MSE, and no sample could be shown to be worth more events
 * than the truth itself holds.
 * @example const warnings = checkAmplificationSamples({ truth, train, generated });
 */
export function checkAmplificationSamples(samples: AmplificationSamples): string[] {
  const { truth } = samples;
  const compared = [['train', samples.train], ['generated', samples.generated], ...(samples.fit ? [['fit', samples.fit] as const] : [])] as const;
  for (const [role, s] of compared) {
    assertComparable(truth, s, 2, `amplification (${role} sample)`);
    if (s.names.join('\u0000') !== truth.names.join('\u0000')) {
      throw new HepuqError('ShapeMismatch', `amplification: the ${role} sample ${s.source} has features [${s.names.join(', ')}], the truth ${truth.source} has [${truth.names.join(', ')}]`, { plugin: PLUGIN_NAME });
    }
  }
  const nTruth = kishSize(truth);
  const warnings: string[] = [];
  for (const [role, s] of compared) {
    const n = kishSize(s);
    if (!(n >= 2)) throw new HepuqError('EmptyDataset', `amplification: the ${role} sample ${s.source} has ${n.toFixed(1)} effective events (positive weights), at least 2 are needed`, { plugin: PLUGIN_NAME });
    if (nTruth < n) {
      throw new HepuqError(
        'InvalidArgument',
        `amplification: the truth sample ${truth.source} has ${Math.round(nTruth)} events, fewer than the ${role} sample ${s.source} (${Math.round(n)}): the truth's own statistical noise would hide the ${role} sample's precision`,
        { plugin: PLUGIN_NAME, hint: tooSmallHint(nTruth) },
      );
    }
    if (role !== 'train' && nTruth < TRUTH_MARGIN * n) {
      warnings.push(`the truth sample (${Math.round(nTruth)} events) is less than ${TRUTH_MARGIN}x the ${role} sample (${Math.round(n)}): its noise is subtracted, but it dominates the error of the ${role} factor`);
    }
  }
  return warnings;
}
