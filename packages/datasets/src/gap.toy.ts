import { z } from '@hepuq/core';
import { defineToy } from './define-toy.js';
import { heteroscedasticDataset } from './heteroscedastic.toy.js';

export const GAP_1D = 'gap-1d';

const Island = z.tuple([z.number().finite(), z.number().finite()]);

/** Options of `gap-1d`. */
export const Gap1dOptions = z
  .object({
    /** Disjoint [lo, hi] intervals x is drawn from, in increasing order. */
    islands: z.array(Island).min(1).default([[-3, -1], [1, 3]]),
    /** `true`: x ~ U over the full span [first lo, last hi], gaps included (test sets probing the gap). */
    includeGap: z.boolean().default(false),
    noiseScale: z.number().finite().nonnegative().default(1),
    noise: z.boolean().default(true),
  })
  .strict()
  .superRefine((o, ctx) => {
    o.islands.forEach(([lo, hi], i) => {
      if (!(lo < hi)) ctx.addIssue({ code: 'custom', message: `island [${lo}, ${hi}] needs lo < hi`, path: ['islands', i] });
      if (i > 0 && lo < o.islands[i - 1][1]) {
        ctx.addIssue({ code: 'custom', message: 'islands must be sorted and must not overlap', path: ['islands', i] });
      }
    });
  });
export type Gap1dOptions = z.infer<typeof Gap1dOptions>;

/** 1 if x lies in no island (in a gap or outside the span), else 0. @example inGap(0, [[-3, -1], [1, 3]]) // 1 */
export function inGap(x: number, islands: readonly (readonly [number, number])[]): 0 | 1 {
  for (const [lo, hi] of islands) if (x >= lo && x <= hi) return 0;
  return 1;
}

/**
 * `gap-1d`: the `heteroscedastic-1d` truth, with x ~ U over the union of islands (probability
 * proportional to length), so the network never sees the gap; extra column `in_gap` (0/1).
 * @example const test = gap1dToy.generate(5000, { includeGap: true }, new Rng(2));
 */
export const gap1dToy = defineToy({
  key: GAP_1D,
  task: 'regression',
  description: 'heteroscedastic-1d truth trained on data islands with a gap; in_gap marks test events in the gap',
  options: Gap1dOptions,
  sample(n, o, rng) {
    const lengths = o.islands.map(([lo, hi]) => hi - lo);
    const total = lengths.reduce((a, b) => a + b, 0);
    const lo0 = o.islands[0][0];
    const span = o.islands[o.islands.length - 1][1] - lo0;
    const x = new Float32Array(n);
    const gap = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      if (o.includeGap) {
        x[i] = lo0 + span * rng.uniform();
      } else {
        // one uniform on [0, total) mapped island by island: exact sampling of the union
        let u = total * rng.uniform();
        let k = 0;
        while (k < lengths.length - 1 && u >= lengths[k]) u -= lengths[k++];
        const [lo, hi] = o.islands[k];
        x[i] = Math.min(lo + u, hi);
      }
      gap[i] = inGap(x[i], o.islands);
    }
    return heteroscedasticDataset(x, o.noise, o.noiseScale, rng, `toy:${GAP_1D}`, { in_gap: gap });
  },
});
