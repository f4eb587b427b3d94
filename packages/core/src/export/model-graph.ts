/**
 * A trained model as a dataflow graph, for export to other runtimes (`hepuq export`). The operators
 * are ONNX's (https://onnx.ai/onnx/operators/, opset `ModelGraph.opset`): MatMul, Add, Sub, Div,
 * Mul, Relu, Elu, Tanh, Sigmoid, Softmax, Exp, Clip, ReduceSum, ReduceMean, Unsqueeze, Transpose, Gather,
 * Reshape, Concat, Sqrt, ... An exporter (`ModelExporter`) writes it in its own format.
 */

/** A dimension: a size, or a name for a size chosen at run time (`events`, `particles`). */
export type GraphDim = number | string;

/** A graph input or output: float32 of the given shape. */
export interface GraphTensor {
  name: string;
  shape: GraphDim[];
  /** What the tensor holds (feature order, units, the standardisation folded in). */
  description: string;
  /** The names along the last axis, in order (an input's features). */
  features?: string[];
}

/** A constant (ONNX initializer): float32 weights, or int64 indices and shapes. */
export interface GraphConstant {
  name: string;
  shape: number[];
  data: Float32Array | BigInt64Array;
}

/** A typed operator attribute. */
export type GraphAttribute =
  | { kind: 'int'; value: number }
  | { kind: 'ints'; value: number[] }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string };

/** One operator application. */
export interface GraphNode {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, GraphAttribute>;
}

export interface ModelGraph {
  /** Graph name (the method key). */
  name: string;
  /** What the graph computes, its inputs, outputs and replica axis, for the people who run it. */
  description: string;
  /** ONNX operator-set version the nodes follow. */
  opset: number;
  inputs: GraphTensor[];
  outputs: GraphTensor[];
  nodes: GraphNode[];
  constants: GraphConstant[];
  /** Key/value metadata stored with the graph (hepuq version, method, network body, replicas). */
  metadata: Record<string, string>;
}

/** What to put into the exported graph beyond the mean network. */
export interface GraphOptions {
  /** As `PredictOptions.replicas`: a Bayesian model's graph holds max(its prediction draws, replicas) function draws. */
  replicas?: number;
  /** Seed of those draws (the same seed gives the same draws as `predict` with `replicas`). */
  seed?: number;
}

export const intAttr = (value: number): GraphAttribute => ({ kind: 'int', value });
export const intsAttr = (value: number[]): GraphAttribute => ({ kind: 'ints', value });
export const floatAttr = (value: number): GraphAttribute => ({ kind: 'float', value });
