import * as tf from '@tensorflow/tfjs';
import { HepuqError, type Dataset, type NamedArray, type NetworkInputs, type NetworkPlan, type NetworkRequest, type Rng } from '@hepuq/core';
import { initMlpArrays, mlpForward, mlpVariables } from '../nn/mlp.js';
import { trainWeights } from '../nn/dataset-tensors.js';
import { trainLoopOverRows, type TrainLoopOptions } from '../nn/train-loop.js';
import { stackWeightsOf, type StackWeights } from '../export/network-graph.js';
import { arrayNamed, mlpBody } from './mlp.body.js';
import { evaluateNetwork, gatherInputs, inputTensors, stackPrefix } from './network-inputs.js';

/** Most events per prediction chunk (fewer when an event expands to many rows, e.g. a particle set). */
const PREDICT_CHUNK = 65_536;

/**
 * A deterministic network: a body's plan (topology, input standardisation) with ordinary dense
 * layers for each of its stacks. Shared by the built-in deterministic methods; owns its variables
 * until `dispose()`.
 */
export class DenseNetwork {
  private constructor(
    readonly plan: NetworkPlan,
    /** Variables [W0, b0, W1, b1, ...] per stack of the plan. */
    readonly params: tf.Variable[][],
  ) {}

  /** Fresh weights for every stack of `plan`, drawn in stack order from `rng` (He/Glorot init). */
  static create(plan: NetworkPlan, rng: Rng): DenseNetwork {
    return new DenseNetwork(plan, plan.stacks.map((s) => mlpVariables(s, initMlpArrays(s, rng))));
  }

  /** A plain MLP on `data`'s flat features (the `mlp` body), for methods that support no other body. */
  static mlp(data: Dataset, request: Omit<NetworkRequest, 'warn'>, rng: Rng): DenseNetwork {
    return DenseNetwork.create(mlpBody.plan(data, {}, request), rng);
  }

  /** Rebuild from `toArrays()` output and the restored plan. */
  static fromArrays(plan: NetworkPlan, arrays: readonly NamedArray[]): DenseNetwork {
    const params = plan.stacks.map((s, i) => {
      const layers = s.hidden.length + 1;
      const names = [...Array(2 * layers).keys()].map((k) => arrayName(plan, i, k));
      return mlpVariables(s, names.map((name) => arrayNamed(arrays, name)));
    });
    return new DenseNetwork(plan, params);
  }

  /**
   * The standardised [n, d] input matrix of a one-input body (`mlp`: the flat features), for methods
   * that batch the rows themselves; `UnsupportedNetwork` for a body with several inputs.
   */
  flatInput(data: Dataset): Float32Array {
    const inputs = Object.values(this.plan.inputs(data));
    if (inputs.length !== 1) throw new HepuqError('UnsupportedNetwork', `this method needs a network with one flat input; "${this.plan.spec.use}" takes ${inputs.length}`);
    return inputs[0].values;
  }

  /** Every trainable variable, stack after stack. */
  get trainables(): tf.Variable[] {
    return this.params.flat();
  }

  /** Raw outputs [B, outputs] of a batch of the plan's inputs. */
  forward(inputs: NetworkInputs): tf.Tensor2D {
    return this.plan.forward((i, x) => {
      const s = this.plan.stacks[i];
      return mlpForward(this.params[i], x as tf.Tensor2D, s.activation, s.activateOutput);
    }, inputs) as tf.Tensor2D;
  }

  /**
   * Train on `data` (inputs from the plan, targets `y` [n, k] row-major as given, event weights
   * normalised to mean 1) with `lossFn` of the network output; frees the training tensors, and the
   * network itself if anything fails (bad data included).
   */
  async train(
    data: Dataset,
    y: Float32Array,
    lossFn: (out: tf.Tensor2D, y: tf.Tensor2D, w: tf.Tensor2D) => tf.Scalar,
    options: TrainLoopOptions,
  ): Promise<void> {
    const tensors: tf.Tensor[] = [];
    try {
      const w = trainWeights(data);
      const inputs = inputTensors(this.plan.inputs(data), data.n);
      tensors.push(...Object.values(inputs));
      const yt = tf.tensor2d(y, [data.n, y.length / data.n]);
      const wt = tf.tensor2d(w, [data.n, 1]);
      tensors.push(yt, wt);
      await trainLoopOverRows(this.trainables, data.n, (rows) => {
        return { total: lossFn(this.forward(gatherInputs(inputs, rows)), tf.gather(yt, rows), tf.gather(wt, rows)), terms: {} };
      }, options);
    } catch (e) {
      this.dispose();
      throw e;
    } finally {
      tf.dispose(tensors);
    }
  }

  /**
   * Evaluate `head` on the network output in chunks of events (at most 65,536, fewer when an event
   * expands to many rows); `head` maps the raw output [n, outputs] to named per-event columns.
   */
  evaluate(data: Dataset, head: (out: tf.Tensor2D) => Record<string, tf.Tensor>): Record<string, Float32Array> {
    return evaluateNetwork(this.plan, data, 1, (inputs) => head(this.forward(inputs)), PREDICT_CHUNK);
  }

  /** Every stack's weights as one replica (for graph export). */
  stackWeights(): StackWeights[] {
    return this.params.map(stackWeightsOf);
  }

  /** The weights of every stack and the plan's own arrays (input standardisation). */
  toArrays(): NamedArray[] {
    const weights = this.params.flatMap((stack, i) =>
      stack.map((p, k) => ({ name: arrayName(this.plan, i, k), shape: p.shape, data: p.dataSync() as Float32Array })));
    return [...weights, ...this.plan.arrays()];
  }

  dispose(): void {
    this.params.flat().forEach((p) => p.dispose());
  }
}

/** Saved name of array k ([W0, b0, W1, ...]) of stack i: `W0`, ... for a one-stack body, `phi.W0`, ... otherwise. */
function arrayName(plan: NetworkPlan, stack: number, k: number): string {
  return `${stackPrefix(plan, stack)}${k % 2 === 0 ? 'W' : 'b'}${k >> 1}`;
}
