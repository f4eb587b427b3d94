import type { GraphAttribute, GraphDim } from '../export/model-graph.js';

/**
 * What a body's `NetworkPlan.graph` builds its wiring with, for export (`hepuq export`): graph
 * inputs, constants, ONNX operators (opset 13), and the method's dense stacks. Stacks carry a leading
 * replica axis R (1 for a single network, the members of an ensemble, a Bayesian network's draws).
 */
export interface NetworkGraph {
  /** The number of replicas R on the leading axis of every `stack` output. */
  readonly replicas: number;
  /** Declare a float32 graph input of raw (unstandardised) values, its last axis holding `features`; returns its name. */
  input(name: string, shape: GraphDim[], description: string, features?: string[]): string;
  /** A float32 constant of `shape`. */
  constant(data: Float32Array, shape: number[]): string;
  /** An int64 constant (indices, shapes, axes); a scalar when `shape` is `[]`. */
  int64(values: number[], shape?: number[]): string;
  /** One operator with one output; returns the output's name. */
  node(op: string, inputs: string[], attributes?: Record<string, GraphAttribute>): string;
  /** Dense stack `i` of the plan on x [rows, in] or [R, rows, in]: [R, rows, out]. */
  stack(i: number, x: string): string;
}
