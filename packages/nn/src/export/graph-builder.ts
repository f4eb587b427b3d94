import { HepuqError, type GraphAttribute, type GraphConstant, type GraphDim, type GraphNode, type GraphTensor, type ModelGraph } from '@hepuq/core';

/** ONNX operator set the exported graphs follow (Unsqueeze and ReduceSum take their axes as inputs). */
export const GRAPH_OPSET = 13;

/**
 * Accumulates a `ModelGraph`: inputs, constants and single-output nodes with generated unique names,
 * then the declared outputs. The graph-building half of `NetworkGraph` (the dense stacks are added by
 * `networkGraph`).
 */
export class GraphBuilder {
  private readonly inputs: GraphTensor[] = [];
  private readonly outputs: GraphTensor[] = [];
  private readonly nodes: GraphNode[] = [];
  private readonly constants: GraphConstant[] = [];
  private count = 0;

  input(name: string, shape: GraphDim[], description: string, features?: string[]): string {
    if (this.inputs.some((i) => i.name === name)) {
      throw new HepuqError('ExportUnsupported', `two graph inputs would be named "${name}" (e.g. a particle set named like the flat \`features\` input)`, { hint: 'Rename the particle set in the data source (`sets:`) and retrain.' });
    }
    this.inputs.push({ name, shape, description, ...(features ? { features } : {}) });
    return name;
  }

  constant(data: Float32Array, shape: number[]): string {
    const name = `c${this.constants.length}`;
    this.constants.push({ name, shape, data });
    return name;
  }

  int64(values: number[], shape: number[] = [values.length]): string {
    const name = `c${this.constants.length}`;
    this.constants.push({ name, shape, data: BigInt64Array.from(values, (v) => BigInt(v)) });
    return name;
  }

  node(op: string, inputs: string[], attributes?: Record<string, GraphAttribute>): string {
    const out = `${op.toLowerCase()}_${this.count++}`;
    this.nodes.push({ op, inputs, outputs: [out], ...(attributes ? { attributes } : {}) });
    return out;
  }

  /** Name `value` as graph output `name` (an Identity node) with its shape and description. */
  output(name: string, value: string, shape: GraphDim[], description: string): void {
    if (this.inputs.some((i) => i.name === name)) {
      throw new HepuqError('ExportUnsupported', `the graph input "${name}" is named like the output "${name}"`, { hint: 'Rename the particle set in the data source (`sets:`) and retrain.' });
    }
    this.nodes.push({ op: 'Identity', inputs: [value], outputs: [name] });
    this.outputs.push({ name, shape, description });
  }

  build(name: string, description: string, metadata: Record<string, string>): ModelGraph {
    return { name, description, opset: GRAPH_OPSET, inputs: this.inputs, outputs: this.outputs, nodes: this.nodes, constants: this.constants, metadata };
  }
}
