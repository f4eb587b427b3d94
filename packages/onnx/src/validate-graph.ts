import type { GraphAttribute, GraphConstant, GraphNode, GraphTensor, ModelGraph } from '@hepuq/core';
import { irVersionFor } from './ir-version.js';
import { FEATURES_KEY } from './tensor-features.js';
import { onnxError } from './onnx-error.js';

const HINT = 'A ModelGraph lists its nodes in topological order and defines every tensor name once (graph input, constant or node output); see "Graph checks" in the @hepuq/onnx README.';

const invalid = (message: string) => onnxError('InvalidArgument', message, { hint: HINT });

/** The ONNX node name `encodeOnnx` writes: unique because the index follows the last `_`. */
export const nodeName = (node: GraphNode, index: number): string => `${node.op}_${index}`;

/**
 * Check that `graph` is one ONNX can hold before a byte is written: every node input is a graph
 * input, a constant or an earlier node's output (`''` marks an omitted optional input), every tensor
 * name is defined once, every graph output is defined, shapes and constants agree, attributes are
 * typed. Malformed graphs are `InvalidArgument`, graphs this writer cannot express (an opset it does
 * not know, a constant type other than float32/int64, an attribute kind other than
 * int/ints/float/string) are `ExportUnsupported`; each message names the tensor and node.
 * @example validateGraph(model.graph()) // throws before encodeOnnx writes anything
 */
export function validateGraph(graph: ModelGraph): void {
  if (typeof graph.name !== 'string' || graph.name === '') throw invalid('the graph has no name (ONNX requires one; use the method key)');
  irVersionFor(graph.opset);
  const defined = new Map<string, string>();
  const define = (name: string, by: string): void => {
    if (typeof name !== 'string' || name === '') throw invalid(`${by} has no name`);
    const earlier = defined.get(name);
    if (earlier !== undefined) throw invalid(`tensor "${name}" is defined twice: as ${earlier} and as ${by}`);
    defined.set(name, by);
  };
  for (const input of graph.inputs) {
    checkTensor(input, 'graph input');
    define(input.name, 'a graph input');
  }
  for (const constant of graph.constants) {
    checkConstant(constant);
    define(constant.name, 'a constant');
  }
  graph.nodes.forEach((node, index) => {
    const where = `node ${nodeName(node, index)}`;
    if (typeof node.op !== 'string' || node.op === '') throw invalid(`node ${index} has no op`);
    for (const input of node.inputs) {
      if (input !== '' && !defined.has(input)) {
        throw invalid(`${where} reads tensor "${input}", which is neither a graph input, a constant nor an output of an earlier node`);
      }
    }
    for (const [name, attribute] of Object.entries(node.attributes ?? {})) checkAttribute(attribute, `attribute "${name}" of ${where}`);
    for (const output of node.outputs) if (output !== '') define(output, `an output of ${where}`);
  });
  checkOutputs(graph.outputs, defined);
  for (const [key, value] of Object.entries(graph.metadata)) {
    if (key === '' || typeof value !== 'string') throw invalid(`metadata entry "${key}" must be a non-empty key with a string value`);
  }
  for (const key of Object.values(FEATURES_KEY)) {
    if (key in graph.metadata) throw invalid(`metadata "${key}" is reserved: the writer fills it from the inputs' and outputs' \`features\``);
  }
}

function checkOutputs(outputs: GraphTensor[], defined: Map<string, string>): void {
  if (outputs.length === 0) throw invalid('the graph has no outputs');
  const seen = new Set<string>();
  for (const output of outputs) {
    checkTensor(output, 'graph output');
    if (seen.has(output.name)) throw invalid(`graph output "${output.name}" is listed twice`);
    seen.add(output.name);
    if (!defined.has(output.name)) throw invalid(`graph output "${output.name}" is not produced by any node (nor is it a graph input or constant)`);
  }
}

function checkTensor(tensor: GraphTensor, what: string): void {
  if (!Array.isArray(tensor.shape)) throw invalid(`${what} "${tensor.name}" has no shape`);
  for (const dim of tensor.shape) {
    const ok = typeof dim === 'string' ? dim !== '' : Number.isSafeInteger(dim) && dim >= 0;
    if (!ok) throw invalid(`${what} "${tensor.name}" has dimension ${JSON.stringify(dim)}: a dimension is a size >= 0 or a non-empty name`);
  }
  const { features } = tensor;
  if (features === undefined) return;
  const last = tensor.shape[tensor.shape.length - 1];
  if (!Array.isArray(features) || features.some((f) => typeof f !== 'string')) throw invalid(`${what} "${tensor.name}" has features that are not a list of names`);
  if (typeof last === 'number' && features.length !== last) {
    throw invalid(`${what} "${tensor.name}" names ${features.length} features for a last axis of ${last}`);
  }
}

function checkConstant(constant: GraphConstant): void {
  const { name, shape, data } = constant;
  if (!(data instanceof Float32Array) && !(data instanceof BigInt64Array)) {
    const type = (data as object | null)?.constructor?.name ?? typeof data;
    throw onnxError('ExportUnsupported', `constant "${name}" holds a ${type}; the ONNX writer stores float32 (Float32Array) and int64 (BigInt64Array) constants`);
  }
  if (!Array.isArray(shape) || shape.some((d) => !Number.isSafeInteger(d) || d < 0)) {
    throw invalid(`constant "${name}" has shape ${JSON.stringify(shape)}: dimensions must be integers >= 0`);
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== data.length) throw invalid(`constant "${name}" has shape [${shape.join(', ')}] (${size} values) but holds ${data.length} values`);
}

function checkAttribute(attribute: GraphAttribute, where: string): void {
  const { kind, value } = attribute as { kind: unknown; value: unknown };
  const ok =
    kind === 'int' ? Number.isSafeInteger(value)
    : kind === 'ints' ? Array.isArray(value) && value.every((v) => Number.isSafeInteger(v))
    : kind === 'float' ? typeof value === 'number'
    : kind === 'string' ? typeof value === 'string'
    : undefined;
  if (ok === undefined) throw onnxError('ExportUnsupported', `${where} is of kind ${JSON.stringify(kind)}; the ONNX writer stores int, ints, float and string attributes`);
  if (!ok) throw invalid(`${where} (${String(kind)}) has value ${JSON.stringify(value)}, which is not a ${kind === 'float' ? 'number' : kind === 'string' ? 'string' : 'safe integer'}${kind === 'ints' ? ' list' : ''}`);
}
