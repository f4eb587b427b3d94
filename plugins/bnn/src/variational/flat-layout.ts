import * as tf from '@tensorflow/tfjs';
import { mlpLayerShapes, type MlpArchitecture } from '@hepuq/nn';

/**
 * Where each layer's weights and biases sit in one flat parameter vector: [W0, b0, W1, b1, ...],
 * W row-major [fanIn, fanOut]. One flat vector per network means one noise draw, one softplus and
 * one KL reduction per step, and one split (gradient: one concat) instead of a slice per tensor.
 */
export interface FlatLayout {
  shapes: [number, number][];
  /** Sizes of the pieces [W0, b0, W1, b1, ...] in order. */
  sizes: number[];
  total: number;
}

/** The flat layout of an MLP. @example mlpFlatLayout({ inputs: 1, hidden: [8], outputs: 2, activation: 'relu' }).total // 34 */
export function mlpFlatLayout(arch: MlpArchitecture): FlatLayout {
  const shapes = mlpLayerShapes(arch);
  const sizes = shapes.flatMap(([i, o]) => [i * o, o]);
  return { shapes, sizes, total: sizes.reduce((a, b) => a + b, 0) };
}

/** A network's parameters as layer weights W_l [fanIn, fanOut] and biases b_l [fanOut]. */
export interface LayerTensors {
  W: tf.Tensor2D[];
  b: tf.Tensor1D[];
}

/** Split a flat [P] vector into layer weights [fanIn, fanOut] and biases [fanOut] (one SplitV op). */
export function splitFlat(flat: tf.Tensor1D, layout: FlatLayout): LayerTensors {
  const parts = tf.split(flat, layout.sizes);
  return {
    W: layout.shapes.map(([i, o], l) => parts[2 * l].reshape([i, o]) as tf.Tensor2D),
    b: layout.shapes.map((_, l) => parts[2 * l + 1] as tf.Tensor1D),
  };
}

/** The shapes of the pieces [W0, b0, W1, b1, ...] of a layout. */
export function pieceShapes(layout: FlatLayout): number[][] {
  return layout.shapes.flatMap(([i, o]) => [[i, o], [o]]);
}

/** Pieces [W0, b0, W1, b1, ...] (in `pieceShapes` order) as layers. */
export function asLayers(pieces: readonly tf.Tensor[]): LayerTensors {
  return { W: pieces.filter((_, i) => i % 2 === 0) as tf.Tensor2D[], b: pieces.filter((_, i) => i % 2 === 1) as tf.Tensor1D[] };
}

/** Concatenate per-layer arrays [W0, b0, W1, b1, ...] into one flat vector. */
export function flatten(arrays: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(arrays.reduce((s, a) => s + a.length, 0));
  let off = 0;
  for (const a of arrays) {
    out.set(a, off);
    off += a.length;
  }
  return out;
}
