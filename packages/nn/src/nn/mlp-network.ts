import * as tf from '@tensorflow/tfjs';
import { type Dataset, HepuqError, type NamedArray, type Rng } from '@hepuq/core';
import { evaluateInChunks } from './chunked-evaluation.js';
import { initMlpArrays, mlpForward, mlpVariables, type MlpArchitecture } from './mlp.js';
import { disposeTrainTensors, trainTensors } from './dataset-tensors.js';
import { modelInputs } from './model-inputs.js';
import { fitStandardizer, type Standardizer } from './standardizer.js';
import { trainLoop, type TrainLoopOptions, type TrainTensors } from './train-loop.js';

const PREDICT_CHUNK = 65_536;

/**
 * An MLP together with the input standardisation and feature names it was trained with. Shared by
 * the built-in deterministic methods; owns its variables until `dispose()`.
 */
export class MlpNetwork {
  private constructor(
    readonly arch: MlpArchitecture,
    readonly params: tf.Variable[],
    readonly inputScale: Standardizer,
    readonly featureNames: readonly string[],
  ) {}

  /** A freshly initialised network for `data`'s features, standardised on `data`. */
  static create(data: Dataset, hidden: number[], outputs: number, activation: MlpArchitecture['activation'], rng: Rng): MlpNetwork {
    const arch: MlpArchitecture = { inputs: data.nFeatures, hidden, outputs, activation };
    const scale = fitStandardizer(data.featureMatrix(), data.n, data.nFeatures);
    return new MlpNetwork(arch, mlpVariables(arch, initMlpArrays(arch, rng)), scale, data.featureNames);
  }

  /** Rebuild from `toArrays()` output and the saved architecture. */
  static fromArrays(arch: MlpArchitecture, featureNames: string[], arrays: NamedArray[]): MlpNetwork {
    const byName = new Map(arrays.map((a) => [a.name, a.data]));
    const get = (name: string): Float32Array => {
      const a = byName.get(name);
      if (!a) throw new HepuqError('ModelLoadFailed', `saved model lacks array "${name}"`);
      return a;
    };
    const layers = arch.hidden.length + 1;
    const params = [...Array(2 * layers).keys()].map((i) => get(`${i % 2 === 0 ? 'W' : 'b'}${i >> 1}`));
    return new MlpNetwork(arch, mlpVariables(arch, params), { mean: get('input_mean'), std: get('input_std') }, featureNames);
  }

  /**
   * Train on `data` (inputs standardised here, targets `y` as given) with `lossFn` of the network
   * output; frees the training tensors, and the network itself if anything fails (bad data included).
   */
  async train(
    data: Dataset,
    y: Float32Array,
    lossFn: (out: tf.Tensor2D, y: tf.Tensor2D, w: tf.Tensor2D) => tf.Scalar,
    options: TrainLoopOptions,
  ): Promise<void> {
    let tensors: TrainTensors | undefined;
    try {
      tensors = trainTensors(data, this.inputMatrix(data), y);
      await trainLoop(this.params, tensors, (xb, yb, wb) => {
        const total = lossFn(this.forward(xb), yb, wb.expandDims(1) as tf.Tensor2D);
        return { total, terms: {} };
      }, options);
    } catch (e) {
      this.dispose();
      throw e;
    } finally {
      if (tensors) disposeTrainTensors(tensors);
    }
  }

  forward(x: tf.Tensor2D): tf.Tensor2D {
    return mlpForward(this.params, x, this.arch.activation);
  }

  /** Standardised input matrix of `data` after checking feature names and finiteness. */
  inputMatrix(data: Dataset): Float32Array {
    return modelInputs(data, this.featureNames, this.inputScale);
  }

  /**
   * Evaluate `head` on the network output in chunks of 65,536 events; `head` maps the raw output
   * [n, outputs] to named per-event columns.
   */
  evaluate(data: Dataset, head: (out: tf.Tensor2D) => Record<string, tf.Tensor>): Record<string, Float32Array> {
    return evaluateInChunks(data.n, PREDICT_CHUNK, [{ values: this.inputMatrix(data), width: this.arch.inputs }], ([x]) => head(this.forward(x)));
  }

  toArrays(): NamedArray[] {
    const params = this.params.map((p, i) => ({
      name: `${i % 2 === 0 ? 'W' : 'b'}${i >> 1}`,
      shape: p.shape,
      data: p.dataSync() as Float32Array,
    }));
    return [
      ...params,
      { name: 'input_mean', shape: [this.arch.inputs], data: this.inputScale.mean },
      { name: 'input_std', shape: [this.arch.inputs], data: this.inputScale.std },
    ];
  }

  dispose(): void {
    this.params.forEach((p) => p.dispose());
  }
}
