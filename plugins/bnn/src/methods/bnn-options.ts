import { NetworkRef, z } from '@hepuq/core';
import { ClassesOption } from '@hepuq/nn';

/** Network and optimiser options every bnn-plugin method shares (strict: unknown keys are errors). */
const network = {
  hidden: z.array(z.number().int().positive()).min(1).default([64, 64]),
  activation: z.enum(['relu', 'elu', 'tanh', 'sigmoid']).default('relu'),
  epochs: z.number().int().positive().default(100),
  batchSize: z.number().int().positive().default(256),
  lr: z.number().positive().default(5e-3),
  /** Learning rate at the last epoch as a fraction of `lr` (cosine decay). */
  lrFinal: z.number().min(0).max(1).default(0.1),
  /** Weight draws R for the predictive moments (replicas asked for at predict time raise it). */
  draws: z.number().int().min(2).max(10_000).default(100),
  /**
   * The network body whose dense stacks are stochastic (default `mlp`; `deep-sets`, `pfn`, `efn` read a
   * particle set). On particle rows (Phi) the weights or dropout masks are drawn once per event, for all of its particles.
   */
  network: NetworkRef,
};

/** Mean-field variational options: prior N(0, priorSigma^2), q initialised at width initSigma. */
const variational = {
  priorSigma: z.number().positive().finite().default(1),
  /**
   * Initial posterior width of every parameter, softplus(rho_0). 0.05 is a quarter of the He-init mean
   * scale sqrt(2/fanIn) ~ 0.18 at fanIn 64, so training starts close to a deterministic network, yet
   * near typical posterior widths 0.02-1: for sigma << 1, rho ~ log sigma and Adam moves rho by about
   * lr per step, so every e-fold of width costs ~1/lr steps. On the 1-D toys 0.05 converged in fewer
   * steps than 0.01 (too little noise, slow growth) and 0.1 (noisy start).
   */
  initSigma: z.number().positive().max(1).default(0.05),
  /** `local`: local reparameterisation (noise on pre-activations per event); `reparam`: one weight draw per batch. */
  layer: z.enum(['local', 'reparam']).default('local'),
  /** beta in loss = NLL + beta KL / N_train (1 = the ELBO; < 1 tempers the prior). */
  klWeight: z.number().min(0).finite().default(1),
};

/** Regression-only options. */
const regression = {
  /** `gaussian`: (mu, log sigma); `mixture`: `components` Gaussians (weights, means, log sigmas). */
  head: z.enum(['gaussian', 'mixture']).default('gaussian'),
  components: z.number().int().min(1).max(16).default(3),
  /**
   * Label smearing sigma_cal in target units: every step sees y + sigma_cal N(0, 1) with fresh noise,
   * so the learned sigma_syst^2 = sigma_syst,0^2 + sigma_cal^2 (a calibration measured elsewhere).
   */
  labelSmearing: z.number().min(0).finite().default(0),
  /**
   * Per-point loss weights n_j for precision regression (Badger et al. 2206.14831): after the first
   * `after` fraction of epochs, n_j = clip(|pull_j|, 1, max) (`pull`) or clip(sigma_j / median sigma, 1, max)
   * (`sigma`), then training continues on weights w_j n_j.
   */
  boost: z
    .object({
      by: z.enum(['pull', 'sigma']),
      after: z.number().gt(0).lt(1).default(0.5),
      max: z.number().gt(1).finite().default(10),
    })
    .strict()
    .optional(),
};

const classification = {
  /** Reweight the classes to equal total weight. */
  balance: z.boolean().default(false),
  /** Number of classes or their names (labels 0..K-1); default: largest label + 1. K >= 3 trains a softmax head. */
  classes: ClassesOption,
};

const dropout = {
  /** Dropout probability p of every hidden unit, in training and at prediction. */
  rate: z.number().gt(0).lt(1).default(0.1),
  /** Prior width behind the weight decay (1 - p) |W|^2 / (2 s_p^2 N_train). */
  priorSigma: z.number().positive().finite().default(1),
};

export const BnnOptions = z.object({ ...network, ...variational, ...regression }).strict();
export type BnnOptions = z.infer<typeof BnnOptions>;

export const BnnClassifierOptions = z.object({ ...network, ...variational, ...classification }).strict();
export type BnnClassifierOptions = z.infer<typeof BnnClassifierOptions>;

export const McDropoutOptions = z.object({ ...network, ...dropout, ...regression }).strict();
export type McDropoutOptions = z.infer<typeof McDropoutOptions>;

export const McDropoutClassifierOptions = z.object({ ...network, ...dropout, ...classification }).strict();
export type McDropoutClassifierOptions = z.infer<typeof McDropoutClassifierOptions>;

export type StochasticOptions = BnnOptions | BnnClassifierOptions | McDropoutOptions | McDropoutClassifierOptions;
