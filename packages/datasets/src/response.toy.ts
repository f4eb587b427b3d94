import { Dataset, z } from '@hepuq/core';
import { DEFAULT_POWER_LAW_INDEX, priorQuantile, SpectrumPrior } from '@hepuq/stats';
import { defineToy } from './define-toy.js';
import { measuredValue, medianResponse, relativeResolution, responseMoments, responsePosterior, type ResponseDetector } from './response-truth.js';

export const RESPONSE = 'response';

/** Options of `response`. */
export const ResponseOptions = z
  .object({
    /** The prior of the true y on [ymin, ymax]: `{ shape: power-law, index }` (falling, default n = 2), `{ shape: flat }` or `{ shape: gaussian, mean, sigma }`. */
    prior: SpectrumPrior.default({ shape: 'power-law', index: DEFAULT_POWER_LAW_INDEX }),
    /** Lower edge of the true y (> 0; a jet energy in GeV, say). */
    ymin: z.number().finite().positive().default(20),
    /** Upper edge of the true y. */
    ymax: z.number().finite().default(200),
    /** a in the median response R(y, z) = 1 - a (1 + b z^2) / sqrt(y). */
    offset: z.number().finite().nonnegative().default(2),
    /** b: how strongly R depends on z (only with `z: true`). */
    zDependence: z.number().finite().nonnegative().default(0.5),
    /** Add the feature z ~ U(-1, 1) (an eta-like variable) on which the response depends: x = R(y, z) y + noise. */
    z: z.boolean().default(false),
    /** Stochastic term k of the relative resolution s(y) = sqrt(k^2 / y + c^2). */
    stochastic: z.number().finite().nonnegative().default(0.9),
    /** Constant term c of the relative resolution. */
    constant: z.number().finite().nonnegative().default(0.1),
    /** Shape of the noise: `gaussian` x = m (1 + s eps) (mean response = median response) or `lognormal` x = m exp(s eps) (mean above the median). */
    noise: z.enum(['gaussian', 'lognormal']).default('gaussian'),
  })
  .strict()
  .refine((o) => o.ymin < o.ymax, { message: 'ymin must be smaller than ymax', path: ['ymax'] })
  .refine((o) => medianResponse(o.ymin, o.z ? 1 : 0, o) > 0, {
    message: 'the median response R = 1 - offset (1 + zDependence z^2) / sqrt(y) must be positive at ymin (then x = R y rises with y): raise ymin or lower offset',
    path: ['offset'],
  })
  .refine((o) => o.noise === 'lognormal' || relativeResolution(o.ymin, o) <= 0.25, {
    message: 'Gaussian noise wider than 25% at ymin gives negative x within 4 sigma: lower stochastic or constant, raise ymin, or use noise: lognormal',
    path: ['stochastic'],
  });
export type ResponseOptions = z.infer<typeof ResponseOptions>;

/**
 * `response`: a detector response to calibrate (Nachman 2020, "Calibration — a regression task").
 * The true y (target) follows `prior` on [ymin, ymax]; the measured x (feature) is R(y, z) y with a
 * known non-linear median response R and a relative resolution s(y) falling with y (`response-truth.ts`).
 * Extras: `response` R(y, z) and `mean_response` E[x | y, z] / y (the exact answers of numerical
 * inversion), `resolution` s(y), and `posterior_mean`, `posterior_sigma`: E[y | x] and its spread under
 * this sample's own prior (what a direct regression trained on it converges to). There is no
 * `true_mean`: which function of x is "the truth" depends on the calibration (E[y | x] under the
 * training prior for a direct regression, the inverse response for numerical inversion), so the
 * metrics and plots that read `true_mean` as the one truth (`stat-pulls`, the prediction band) stay off.
 * @example const train = responseToy.generate(20_000, { prior: { shape: 'power-law', index: 2 } }, new Rng(1));
 */
export const responseToy = defineToy({
  key: RESPONSE,
  task: 'regression',
  description: 'Calibration toy: true y from a chosen prior, measured x = R(y, z) y with a known non-linear response and resolution',
  options: ResponseOptions,
  sample(n, o, rng) {
    const y = new Float32Array(n);
    const zs = new Float32Array(n);
    const x = new Float32Array(n);
    // y (and z) are drawn before any noise, so one seed gives the same truth for every detector option
    for (let i = 0; i < n; i++) y[i] = priorQuantile(o.prior, o.ymin, o.ymax, rng.uniform());
    if (o.z) for (let i = 0; i < n; i++) zs[i] = 2 * rng.uniform() - 1;
    for (let i = 0; i < n; i++) x[i] = measuredValue(y[i], zs[i], rng.normal(), o);
    return new Dataset({
      features: o.z ? { x, z: zs } : { x },
      target: y,
      targetName: 'y',
      extras: truthColumns(x, y, zs, o),
      source: `toy:${RESPONSE}`,
    });
  },
});

/** The truth columns of each event (see `responseToy`). */
function truthColumns(x: Float32Array, y: Float32Array, zs: Float32Array, o: ResponseOptions): Record<string, Float32Array> {
  const n = y.length;
  const cols = { response: new Float32Array(n), mean_response: new Float32Array(n), resolution: new Float32Array(n), posterior_mean: new Float32Array(n), posterior_sigma: new Float32Array(n) };
  const posterior = responsePosterior(o.prior, o.ymin, o.ymax, o as ResponseDetector);
  for (let i = 0; i < n; i++) {
    const m = responseMoments(y[i], zs[i], o);
    cols.response[i] = m.median / y[i];
    cols.mean_response[i] = m.mean / y[i];
    cols.resolution[i] = relativeResolution(y[i], o);
    const post = posterior(x[i], zs[i]);
    cols.posterior_mean[i] = post.mean;
    cols.posterior_sigma[i] = post.sigma;
  }
  return cols;
}
