import * as tf from '@tensorflow/tfjs';
import { HepuqError } from '@hepuq/core';
import { hepuqKernelsActive, meanFieldTerms } from '@hepuq/kernels';
import { asLayers, pieceShapes, splitFlat, type FlatLayout, type LayerTensors } from './flat-layout.js';
import type { NoiseSource } from '../random/noise-source.js';
import { variationalTerms } from './variational-terms.js';

/**
 * The parameters of a mean-field Gaussian posterior q = prod_j N(mu_j, softplus(rho_j)^2): ONE flat
 * mean vector and ONE flat rho vector, stored packed in one trainable variable [mu; rho] (one noise
 * draw, one softplus, one KL reduction and one optimiser update per step).
 */
export class VariationalParameters {
  private constructor(readonly params: tf.Variable<tf.Rank.R1>, readonly size: number) {}

  /** Wrap means and widths (rho) of `size` parameters; `what` names the owner in errors. */
  static create(mu: Float32Array, rho: Float32Array, size: number, what: string): VariationalParameters {
    if (mu.length !== size || rho.length !== size) {
      throw new HepuqError('ModelLoadFailed', `${what} needs ${size} means and widths, got ${mu.length} and ${rho.length}`);
    }
    const packed = new Float32Array(2 * size);
    packed.set(mu);
    packed.set(rho, size);
    // tidy frees the initial value (the variable keeps its data)
    return new VariationalParameters(tf.tidy(() => tf.variable(tf.tensor1d(packed))), size);
  }

  /** Training quantities (taped): mu, sigma^2 and KL[q || N(0, priorSigma^2)]. */
  terms(priorSigma: number): { mu: tf.Tensor1D; s2: tf.Tensor1D; kl: tf.Scalar } {
    return variationalTerms(this.params, priorSigma);
  }

  /**
   * The same quantities cut into the layers of `layout` (taped): on the wasm backend with
   * `@hepuq/kernels` one `meanFieldTerms` kernel forward and one backward (no split, concat or
   * reshape ops), elsewhere `terms` and a split.
   */
  layerTerms(priorSigma: number, layout: FlatLayout): { mu: LayerTensors; s2: LayerTensors; kl: tf.Scalar } {
    if (hepuqKernelsActive()) {
      const t = meanFieldTerms(this.params, pieceShapes(layout), priorSigma);
      return { mu: asLayers(t.mu), s2: asLayers(t.s2), kl: t.kl };
    }
    const { mu, s2, kl } = this.terms(priorSigma);
    return { mu: splitFlat(mu, layout), s2: splitFlat(s2, layout), kl };
  }

  /** R weight draws theta_r = mu + softplus(rho) eps_r as [R, P] (the caller disposes it). */
  draws(count: number, noise: NoiseSource): tf.Tensor2D {
    return tf.tidy(() => {
      const [mu, rho] = tf.split(this.params, 2);
      const eps = tf.tensor2d(noise.fillNormal(new Float32Array(count * this.size)), [count, this.size]);
      return tf.add(mu, tf.mul(tf.softplus(rho), eps)) as tf.Tensor2D;
    });
  }

  /** Means and rho as arrays (for saving). */
  arrays(): { mu: Float32Array; rho: Float32Array } {
    const all = this.params.dataSync() as Float32Array;
    return { mu: all.slice(0, this.size), rho: all.slice(this.size) };
  }

  dispose(): void {
    this.params.dispose();
  }
}
