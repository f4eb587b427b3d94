import { Dataset, z } from '@hepuq/core';
import { normalCdf } from '@hepuq/stats';
import { defineToy } from './define-toy.js';

export const MASS_SCULPT = 'mass-sculpt';

/** Options of `mass-sculpt` (masses in GeV-like units). */
export const MassSculptOptions = z
  .object({
    /** Background mass range [mMin, mMax] (the signal peak is not truncated). */
    mMin: z.number().finite().default(50),
    mMax: z.number().finite().default(200),
    /** Background m ~ exp(-slope (m - mMin)) on [mMin, mMax]: the falling spectrum. */
    slope: z.number().finite().positive().default(0.03),
    /** Signal m ~ N(signalMass, signalWidth). */
    signalMass: z.number().finite().default(100),
    signalWidth: z.number().finite().positive().default(10),
    /** Feature x1 = m + N(0, resolution): a measured mass, the mass-correlated feature. */
    resolution: z.number().finite().positive().default(10),
    /** Feature x2 ~ N(separation, 1) for signal, N(0, 1) for background, independent of m. */
    separation: z.number().finite().nonnegative().default(1),
    /** P(label = 1). */
    signalFraction: z.number().gt(0).lt(1).default(0.5),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (!(o.mMin < o.mMax)) ctx.addIssue({ code: 'custom', message: `needs mMin < mMax, got [${o.mMin}, ${o.mMax}]`, path: ['mMax'] });
  });
export type MassSculptOptions = z.infer<typeof MassSculptOptions>;

type Shape = Omit<MassSculptOptions, 'signalFraction'>;
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Phi(hi) - Phi(lo) without cancellation when both arguments lie in the upper tail. */
function normalMass(lo: number, hi: number): number {
  return lo > 0 ? normalCdf(-lo) - normalCdf(-hi) : normalCdf(hi) - normalCdf(lo);
}

/**
 * log density of x1 = m + N(0, s) for background m ~ l e^{-l (m - a)} / (1 - e^{-l (b - a)}) on [a, b]: the
 * exponential convolved with a Gaussian, l e^{-l (x - a) + l^2 s^2 / 2} [Phi((x - a)/s - l s) - Phi((x - b)/s - l s)] / Z.
 */
export function massSculptBackgroundLogPdf(x1: number, o: Shape): number {
  const { mMin: a, mMax: b, slope: l, resolution: s } = o;
  const norm = 1 - Math.exp(-l * (b - a));
  const window = normalMass((x1 - b) / s - l * s, (x1 - a) / s - l * s);
  return Math.log(l / norm) - l * (x1 - a) + 0.5 * l * l * s * s + Math.log(window);
}

/** log density of x1 for signal: N(signalMass, sqrt(signalWidth^2 + resolution^2)). */
export function massSculptSignalLogPdf(x1: number, o: Shape): number {
  const v = o.signalWidth * o.signalWidth + o.resolution * o.resolution;
  const d = x1 - o.signalMass;
  return (-0.5 * d * d) / v - 0.5 * Math.log(v) - HALF_LOG_2PI;
}

/**
 * Exact P(signal | x1, x2) (m unobserved): logistic in logit f + log p_s(x1)/p_b(x1) + d x2 - d^2/2, with the
 * x1 densities of `massSculptSignalLogPdf` / `massSculptBackgroundLogPdf` and d = separation.
 * `useMass: false` drops the x1 term: P(signal | x2), exactly independent of m for background.
 * @example massSculptTrueProb(100, 1, MassSculptOptions.parse({}))
 */
export function massSculptTrueProb(x1: number, x2: number, o: MassSculptOptions, useMass = true): number {
  const d = o.separation;
  let t = Math.log(o.signalFraction / (1 - o.signalFraction)) + d * x2 - 0.5 * d * d;
  if (useMass) t += massSculptSignalLogPdf(x1, o) - massSculptBackgroundLogPdf(x1, o);
  return 1 / (1 + Math.exp(-t));
}

/**
 * `mass-sculpt`: background sculpting toy (in the spirit of Shimmin et al. 1703.03507 and DisCo 2001.05310).
 * The mass m is a nuisance column (`nuisances.m`), not a feature: background m falls exponentially on
 * [mMin, mMax], signal m peaks at signalMass. Feature x1 is m measured with a Gaussian resolution (a cut on
 * it sculpts a peak into the background m spectrum); x2 separates the classes independently of m (what a
 * decorrelated classifier keeps). Truth: `true_prob` = P(signal | x1, x2), `true_prob_x2` = P(signal | x2).
 * @example const ds = massSculptToy.generate(50_000, { separation: 1.5 }, new Rng(5));
 */
export const massSculptToy = defineToy({
  key: MASS_SCULPT,
  task: 'classification',
  description: 'mass-sculpting toy: falling background and peaked signal in a nuisance mass m; x1 measures m, x2 separates independently of m',
  options: MassSculptOptions,
  sample(n, o, rng) {
    const x1 = new Float32Array(n);
    const x2 = new Float32Array(n);
    const label = new Float32Array(n);
    const m = new Float32Array(n);
    const prob = new Float32Array(n);
    const probX2 = new Float32Array(n);
    const tail = 1 - Math.exp(-o.slope * (o.mMax - o.mMin));
    for (let i = 0; i < n; i++) {
      const signal = rng.uniform() < o.signalFraction;
      // truncated exponential by inversion: m = a - ln(1 - U (1 - e^{-l (b - a)})) / l
      const mass = signal ? rng.normal(o.signalMass, o.signalWidth) : o.mMin - Math.log(1 - rng.uniform() * tail) / o.slope;
      m[i] = mass;
      x1[i] = rng.normal(mass, o.resolution);
      x2[i] = rng.normal(signal ? o.separation : 0, 1);
      label[i] = signal ? 1 : 0;
      prob[i] = massSculptTrueProb(x1[i], x2[i], o);
      probX2[i] = massSculptTrueProb(x1[i], x2[i], o, false);
    }
    return new Dataset({
      features: { x1, x2 }, label, labelName: 'label', source: `toy:${MASS_SCULPT}`,
      nuisances: { m },
      extras: { true_prob: prob, true_prob_x2: probX2 },
    });
  },
});
