import { HepuqError, parseOrThrow, Rng, z } from '@hepuq/core';
import { argsortFloat32, poissonBootstrapStd } from '@hepuq/stats';

/** Options of `sculptingJsd`. */
export const SculptingJsdOptions = z
  .object({
    /** Weighted signal efficiency of the cut prob >= threshold. */
    signalEfficiency: z.number().gt(0).max(1).default(0.5),
    /** Equal-width histogram bins in m. */
    bins: z.number().int().min(2).max(10_000).default(30),
    /** Histogram range [lo, hi]; default the background's m range. Events outside are left out. */
    range: z.tuple([z.number().finite(), z.number().finite()]).optional(),
    /** Compare the passing background with all background ('all', before vs after the cut) or with the failing background ('failing', as DisCo 2001.05310 does). */
    reference: z.enum(['all', 'failing']).default('all'),
    /** Poisson-bootstrap replicas for the error, and their seed. */
    bootstrap: z.number().int().min(2).max(10_000).default(100),
    seed: z.number().int().min(0).default(0),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.range && !(o.range[0] < o.range[1])) ctx.addIssue({ code: 'custom', message: 'range needs lo < hi', path: ['range'] });
  });
export type SculptingJsdOptions = z.input<typeof SculptingJsdOptions>;

/** JSD in bits (log base 2, so 0 <= JSD <= 1) of two unnormalised histograms: (KL(P||M) + KL(Q||M)) / 2, M = (P + Q) / 2. */
export function jsdBits(p: Float64Array, q: Float64Array): number {
  let sp = 0;
  let sq = 0;
  for (let b = 0; b < p.length; b++) {
    sp += p[b];
    sq += q[b];
  }
  let d = 0;
  for (let b = 0; b < p.length; b++) {
    const pb = p[b] / sp;
    const qb = q[b] / sq;
    const mb = 0.5 * (pb + qb);
    if (pb > 0) d += pb * Math.log2(pb / mb);
    if (qb > 0) d += qb * Math.log2(qb / mb);
  }
  return 0.5 * d;
}

/** Smallest score threshold t whose cut prob >= t keeps at least the requested weighted signal efficiency. */
function efficiencyThreshold(prob: Float32Array, label: Float32Array, w: Float32Array, eff: number): number {
  const order = argsortFloat32(prob);
  let total = 0;
  for (let i = 0; i < prob.length; i++) if (label[i] === 1) total += w[i];
  if (!(total > 0)) {
    throw new HepuqError('InvalidArgument', `sculptingJsd: the signal (label 1) weights sum to ${total}; the cut is defined by a signal efficiency`, {
      hint: 'Pass signal and background events together, with label 1 for signal.',
    });
  }
  let kept = 0;
  for (let j = order.length - 1; j >= 0; j--) {
    const i = order[j];
    if (label[i] === 1) kept += w[i];
    // ties: the cut keeps every event at this score, so stop only at the last of a tied group
    if (kept >= eff * total && (j === 0 || prob[order[j - 1]] !== prob[i])) return prob[i];
  }
  return prob[order[0]];
}

/**
 * Background sculpting as the Jensen-Shannon divergence (base 2) between the background m histogram before and
 * after the cut prob >= threshold at the requested weighted signal efficiency (or passing vs failing with
 * `reference: 'failing'`); the DisCo and MoDe papers (2001.05310, 2010.09745) quote 1/JSD. The error is the
 * std over Poisson(1) bootstrap replicas of the background weights with the threshold held fixed. Even for an
 * m-independent cut the estimate has a positive finite-sample floor of about (bins - 1)(1/N_pass - 1/N_all)/(8 ln 2).
 * @example const { value, error, threshold } = sculptingJsd(prob, label, weights, ds.nuisances.m, { signalEfficiency: 0.3 });
 */
export function sculptingJsd(prob: Float32Array, label: Float32Array, weights: Float32Array, m: Float32Array, opts: SculptingJsdOptions = {}): { value: number; error: number; threshold: number } {
  const o = parseOrThrow(SculptingJsdOptions, opts, { code: 'InvalidArgument', where: 'sculptingJsd options' });
  const n = prob.length;
  if (label.length !== n || weights.length !== n || m.length !== n) {
    throw new HepuqError('ShapeMismatch', `sculptingJsd: prob has ${n} entries, label ${label.length}, weights ${weights.length}, m ${m.length}; they must match`);
  }
  const threshold = efficiencyThreshold(prob, label, weights, o.signalEfficiency);
  const bkg: number[] = [];
  for (let i = 0; i < n; i++) if (label[i] !== 1) bkg.push(i);
  let [lo, hi] = o.range ?? [Infinity, -Infinity];
  if (!o.range) {
    for (const i of bkg) {
      lo = Math.min(lo, m[i]);
      hi = Math.max(hi, m[i]);
    }
  }
  if (!(hi > lo)) throw new HepuqError('InvalidArgument', `sculptingJsd: the background m range is [${lo}, ${hi}]; need at least two distinct background masses`);
  // per background event: its bin (-1 outside the range) and whether it passes
  const bin = Int32Array.from(bkg, (i) => (m[i] < lo || m[i] > hi ? -1 : Math.min(o.bins - 1, Math.floor(((m[i] - lo) / (hi - lo)) * o.bins))));
  const pass = Uint8Array.from(bkg, (i) => (prob[i] >= threshold ? 1 : 0));
  const statistic = (k?: Uint8Array) => {
    const ref = new Float64Array(o.bins);
    const sel = new Float64Array(o.bins);
    bkg.forEach((i, j) => {
      if (bin[j] < 0) return;
      const wj = weights[i] * (k ? k[j] : 1);
      if (pass[j]) sel[bin[j]] += wj;
      if (!pass[j] || o.reference === 'all') ref[bin[j]] += wj;
    });
    return jsdBits(ref, sel);
  };
  const value = statistic();
  if (!Number.isFinite(value)) {
    throw new HepuqError('InvalidArgument', `sculptingJsd: no background weight passes or fails the cut at signal efficiency ${o.signalEfficiency} (threshold ${threshold})`, {
      hint: 'Choose a signal efficiency that keeps some background and rejects some.',
    });
  }
  const error = poissonBootstrapStd(bkg.length, o.bootstrap, new Rng(o.seed), statistic);
  return { value, error, threshold };
}
