import * as tf from '@tensorflow/tfjs';
import ziggurat from '@stdlib/random-base-improved-ziggurat';
import type { Rng } from '@hepuq/core';
import type { PhiloxStream } from '@hepuq/kernels';

/**
 * Training and prediction noise from one seeded `Rng`: keys of counter-based streams for the noise
 * drawn inside `@hepuq/kernels` (local reparameterisation's one draw per event and unit at every
 * step, made on the wasm heap with no JavaScript loop and no upload), standard normals by Doornik's
 * improved ziggurat (Doornik 2005, via stdlib) for the rest, and Bernoulli dropout masks. Uniforms
 * are mapped to the open interval (0, 1), so a seed reproduces every draw.
 * @example const eps = new NoiseSource(rng.fork('noise')).normal2d(256, 64)
 */
export class NoiseSource {
  private readonly randn: () => number;

  constructor(private readonly rng: Rng) {
    this.randn = ziggurat.factory({ prng: () => (rng.nextUint32() + 0.5) / 4294967296 });
  }

  /**
   * A fresh Philox stream key (two uint32 from the generator) for normals drawn inside a kernel;
   * the caller numbers its streams under it (e.g. one per layer).
   */
  philoxStream(): PhiloxStream {
    return { key0: this.rng.nextUint32(), key1: this.rng.nextUint32() };
  }

  /** Fill `out` with N(0, 1) draws and return it. */
  fillNormal(out: Float32Array): Float32Array {
    const randn = this.randn;
    for (let i = 0; i < out.length; i++) out[i] = randn();
    return out;
  }

  /** A fresh [rows, cols] tensor of N(0, 1) draws (the caller disposes it). */
  normal2d(rows: number, cols: number): tf.Tensor2D {
    return tf.tensor2d(this.fillNormal(new Float32Array(rows * cols)), [rows, cols]);
  }

  /** A fresh [n] tensor of N(0, 1) draws. */
  normal1d(n: number): tf.Tensor1D {
    return tf.tensor1d(this.fillNormal(new Float32Array(n)));
  }

  /** Inverted-dropout mask of `shape`: 1/keep with probability keep, else 0 (so E[mask] = 1). */
  dropoutMask(shape: number[], keep: number): tf.Tensor {
    const n = shape.reduce((a, b) => a * b, 1);
    const out = new Float32Array(n);
    const threshold = keep * 4294967296;
    for (let i = 0; i < n; i++) out[i] = this.rng.nextUint32() < threshold ? 1 / keep : 0;
    return tf.tensor(out, shape);
  }
}
