import { parseOrThrow, z, type Rng } from '@hepuq/core';
import { defineToy } from './define-toy.js';
import {
  UNFOLD_MULTI_FAKE_MEAN, UNFOLD_MULTI_OBSERVABLES, UNFOLD_MULTI_SAMPLES, unfoldMultiCholesky, unfoldMultiDensity,
  unfoldMultiFromLatent, unfoldMultiToLatent, type UnfoldMultiTriple,
} from './unfold-multi-observables.js';
import { UNFOLDING_PLACEHOLDER, unfoldingDataset } from './unfolding-columns.js';

export const UNFOLD_MULTI = 'unfold-multi';

/**
 * `weighted: true` draws the latent point from N(mean, WIDEN^2 corr) and weights it back by
 * N(z; mean, corr) / N(z; mean, WIDEN^2 corr) = WIDEN^3 exp(-(WIDEN^2 - 1) |u|^2 / 2) (u the standard normals):
 * mean weight 1, E[w^2] = WIDEN^6 / (2 WIDEN^2 - 1)^{3/2} = 1.31, i.e. about 76% effective events.
 */
export const UNFOLD_MULTI_WIDEN = 1.3;

/** Options of `unfold-multi`. */
export const UnfoldMultiOptions = z
  .object({
    /** Which latent Gaussian: the simulation (`sim`) or the pseudo-data (`nature`); see UNFOLD_MULTI_SAMPLES. */
    sample: z.enum(['sim', 'nature']).default('sim'),
    /** Efficiency of the least favoured events (light and wide). */
    efficiencyMin: z.number().gt(0).max(1).default(0.6),
    /** Efficiency of the most favoured events (heavy and narrow). */
    efficiencyMax: z.number().gt(0).max(1).default(0.95),
    /** Steepness of the turn-on in s = z_mass - z_width / 2 (latent units); 0 gives a flat (min + max) / 2. */
    efficiencySlope: z.number().finite().nonnegative().default(1.5),
    /** Probability that a row is a fake (reco only, pass_gen = 0); `n` counts true events and fakes. */
    fakeRate: z.number().min(0).lt(1).default(0.05),
    /** Multiplies every detector resolution; 0 gives reco = gen up to the multiplicity scale 0.9. */
    smearing: z.number().finite().nonnegative().default(1),
    /** Non-uniform positive weights with the sampling density compensated (see UNFOLD_MULTI_WIDEN). */
    weighted: z.boolean().default(false),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.efficiencyMin > o.efficiencyMax) {
      ctx.addIssue({ code: 'custom', message: `needs efficiencyMin <= efficiencyMax, got ${o.efficiencyMin} > ${o.efficiencyMax}`, path: ['efficiencyMax'] });
    }
  });
export type UnfoldMultiOptions = z.infer<typeof UnfoldMultiOptions>;
export type UnfoldMultiInput = z.input<typeof UnfoldMultiOptions>;
/** The options `unfoldMultiEfficiency` reads. */
export type UnfoldMultiEfficiencyShape = Pick<UnfoldMultiOptions, 'efficiencyMin' | 'efficiencyMax' | 'efficiencySlope'>;

const logistic = (t: number): number => 1 / (1 + Math.exp(-t));

/**
 * Reconstruction efficiency eps = min + (max - min) logistic(slope s), s = z_mass - z_width / 2 with z the
 * latent coordinates of the gen values (z_mass = 2 ln(mass / 20), z_width = (logit width + 1.5) / 0.6).
 * @example unfoldMultiEfficiency(20, 0.1824, UnfoldMultiOptions.parse({})) // ≈ 0.775
 */
export function unfoldMultiEfficiency(mass: number, width: number, o: UnfoldMultiEfficiencyShape): number {
  const s = unfoldMultiToLatent('mass', mass) - 0.5 * unfoldMultiToLatent('width', width);
  return o.efficiencyMin + (o.efficiencyMax - o.efficiencyMin) * logistic(o.efficiencySlope * s);
}

/**
 * Exact mean efficiency E[eps] of the true events: s ~ N(m1 - m2/2, 1.25 - corr12), integrated by the
 * midpoint rule on +-12 sd with 4000 points (error far below 1e-10 for this smooth integrand).
 * @example unfoldMultiMeanEfficiency({ sample: 'nature' })
 */
export function unfoldMultiMeanEfficiency(options: UnfoldMultiInput = {}): number {
  const o = parseOrThrow(UnfoldMultiOptions, options, { code: 'InvalidArgument', where: UNFOLD_MULTI, path: 'options' });
  const { mean, corr } = UNFOLD_MULTI_SAMPLES[o.sample];
  const m = mean[0] - 0.5 * mean[1];
  const sd = Math.sqrt(1.25 - corr[0][1]);
  const points = 4000;
  const h = 24 / points;
  let sum = 0;
  for (let k = 0; k < points; k++) {
    const t = -12 + (k + 0.5) * h;
    sum += Math.exp(-0.5 * t * t) * logistic(o.efficiencySlope * (m + sd * t));
  }
  const meanLogistic = (sum * h) / Math.sqrt(2 * Math.PI);
  return o.efficiencyMin + (o.efficiencyMax - o.efficiencyMin) * meanLogistic;
}

/**
 * The detector, given standard normals e: mass x exp(r e1) with relative resolution r = smearing (0.05 + 0.5 / sqrt mass)
 * (a calorimeter-like constant plus stochastic term); width smeared in logit space by 0.3 smearing (absolute
 * resolution 0.3 w (1 - w) smearing, reco stays in (0, 1)); mult = (sqrt(0.9 mult) + smearing e3 / 2)^2 (90% seen,
 * Poisson-like variance 0.9 mult smearing^2 via the variance-stabilising square root; reco >= 0).
 * @example unfoldMultiDetector([20, 0.2, 20], [0, 0, 0], 1) // [20, 0.2, 18]
 */
export function unfoldMultiDetector(gen: UnfoldMultiTriple, e: UnfoldMultiTriple, smearing: number): UnfoldMultiTriple {
  const [mass, width, mult] = gen;
  const r = smearing * (0.05 + 0.5 / Math.sqrt(mass));
  const root = Math.sqrt(0.9 * mult) + 0.5 * smearing * e[2];
  return [mass * Math.exp(r * e[0]), logistic(Math.log(width / (1 - width)) + 0.3 * smearing * e[1]), root * root];
}

/** A latent point mean + L u (u ~ N(0, I), widened for weighted samples) and its compensating weight. */
function drawLatent(mean: UnfoldMultiTriple, l: readonly (readonly number[])[], widen: number, rng: Rng): { z: UnfoldMultiTriple; weight: number } {
  const u = [rng.normal() * widen, rng.normal() * widen, rng.normal() * widen];
  const z: UnfoldMultiTriple = [
    mean[0] + l[0][0] * u[0],
    mean[1] + l[1][0] * u[0] + l[1][1] * u[1],
    mean[2] + l[2][0] * u[0] + l[2][1] * u[1] + l[2][2] * u[2],
  ];
  const r2 = (u[0] * u[0] + u[1] * u[1] + u[2] * u[2]) / (widen * widen);
  return { z, weight: widen === 1 ? 1 : widen ** 3 * Math.exp(-0.5 * (widen * widen - 1) * r2) };
}

const IDENTITY = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];

/**
 * `unfold-multi`: three correlated jet-like observables with exactly known particle-level marginals, efficiency
 * below 1 and fakes. Each row is a fake with probability fakeRate (pass_gen 0, gen columns 0, reco from
 * UNFOLD_MULTI_FAKE_MEAN, pass_reco 1); otherwise a true event with latent z ~ N(mean, corr) of the sample,
 * observables (mass, width, mult) = g(z) (see `unfoldMultiBinProbabilities`), reconstructed with probability
 * `unfoldMultiEfficiency` (lost: pass_reco 0, reco columns 0) and smeared by `unfoldMultiDetector`.
 * Every row uses the same 8 draws, so the efficiency and smearing options change only pass_reco and the reco columns.
 * `true_density` is the particle-level density `unfoldMultiDensity` at the gen point (0 for fakes).
 * @example const data = unfoldMultiToy.generate(100_000, { sample: 'nature' }, new Rng(4));
 */
export const unfoldMultiToy = defineToy({
  key: UNFOLD_MULTI,
  task: 'generation',
  description: 'jet-like unfolding toy: correlated mass, width, multiplicity with exact marginals, efficiency < 1, fakes',
  options: UnfoldMultiOptions,
  sample(n, o, rng) {
    const gen = UNFOLD_MULTI_OBSERVABLES.map(() => new Float32Array(n));
    const reco = UNFOLD_MULTI_OBSERVABLES.map(() => new Float32Array(n));
    const passGen = new Float32Array(n);
    const passReco = new Float32Array(n);
    const trueDensity = new Float32Array(n);
    const weights = new Float32Array(n);
    const widen = o.weighted ? UNFOLD_MULTI_WIDEN : 1;
    const { mean } = UNFOLD_MULTI_SAMPLES[o.sample];
    const l = unfoldMultiCholesky(o.sample);
    for (let i = 0; i < n; i++) {
      const fake = rng.uniform() < o.fakeRate;
      const latent = fake ? drawLatent(UNFOLD_MULTI_FAKE_MEAN, IDENTITY, widen, rng) : drawLatent(mean, l, widen, rng);
      const pass = rng.uniform();
      const e: UnfoldMultiTriple = [rng.normal(), rng.normal(), rng.normal()];
      weights[i] = latent.weight;
      const x = unfoldMultiFromLatent(latent.z);
      if (fake) {
        for (let j = 0; j < 3; j++) [gen[j][i], reco[j][i]] = [UNFOLDING_PLACEHOLDER, x[j]];
        passReco[i] = 1;
        continue;
      }
      for (let j = 0; j < 3; j++) gen[j][i] = x[j];
      // efficiency, detector and density act on the stored float32 gen values: exact for the event as stored
      const g: UnfoldMultiTriple = [gen[0][i], gen[1][i], gen[2][i]];
      passGen[i] = 1;
      passReco[i] = pass < unfoldMultiEfficiency(g[0], g[1], o) ? 1 : 0;
      const r = passReco[i] === 1 ? unfoldMultiDetector(g, e, o.smearing) : [UNFOLDING_PLACEHOLDER, UNFOLDING_PLACEHOLDER, UNFOLDING_PLACEHOLDER];
      for (let j = 0; j < 3; j++) reco[j][i] = r[j];
      trueDensity[i] = unfoldMultiDensity(g[0], g[1], g[2], o.sample);
    }
    return unfoldingDataset(UNFOLD_MULTI, { observables: UNFOLD_MULTI_OBSERVABLES, gen, reco, passGen, passReco, trueDensity, weights });
  },
});
