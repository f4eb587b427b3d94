import type { GraphAttribute, GraphConstant, GraphDim, GraphNode, GraphTensor, ModelGraph } from '@hepuq/core';
import onnxProto from 'onnx-proto';
import { onnxError } from './onnx-error.js';
import { withFeatures, withoutFeatureKeys } from './tensor-features.js';

const { onnx } = onnxProto;
/** An int64 as protobufjs decodes it: a number, or a Long (whose `toString()` is the decimal value). */
type Int64 = number | { toString(): string };

const HINT = 'decodeOnnx reads the models encodeOnnx writes: float32 inputs and outputs, float32/int64 initializers, default-domain operators with int, ints, float or string attributes.';
const unsupported = (message: string) => onnxError('UnsupportedFormat', message, { hint: HINT });

const int = (v: Int64 | null | undefined, what: string): number => {
  const n = typeof v === 'number' ? v : Number(String(v ?? 0));
  if (!Number.isSafeInteger(n)) throw unsupported(`${what} is ${String(v)}, beyond a safe integer`);
  return n;
};

/**
 * The `ModelGraph` an ONNX file holds: the inverse of `encodeOnnx` (node names and the IR version
 * are not part of a ModelGraph; tensors get back the `features` stored under `input_features` /
 * `output_features`). Bytes that are not a ModelProto are a `ParseError`; a model outside what a
 * ModelGraph can hold (other element types, operator domains, attribute kinds) `UnsupportedFormat`.
 * @example const graph = decodeOnnx(new Uint8Array(readFileSync('bnn.onnx'))); graph.inputs[0].features
 */
export function decodeOnnx(bytes: Uint8Array): ModelGraph {
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw onnxError('ParseError', `not an ONNX model: ${(e as Error).message}`, { cause: e });
  }
  const graph = model.graph;
  if (!graph) throw onnxError('ParseError', 'the ONNX model holds no graph');
  const opset = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
  if (!opset) throw unsupported('the ONNX model imports no default-domain opset');
  const metadata = Object.fromEntries(model.metadataProps.map((p) => [p.key ?? '', p.value ?? '']));
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name));
  // before IR 4 every initializer was also listed as a graph input
  const inputs = withFeatures((graph.input ?? []).filter((v) => !initializers.has(v.name)).map(tensor), metadata, 'inputs');
  const outputs = withFeatures((graph.output ?? []).map(tensor), metadata, 'outputs');
  if (!inputs || !outputs) throw onnxError('ParseError', 'the metadata "input_features" or "output_features" is not a JSON object of name lists');
  return {
    name: graph.name ?? '',
    description: model.docString || graph.docString || '',
    opset: int(opset.version, 'the opset version'),
    inputs,
    outputs,
    nodes: (graph.node ?? []).map(node),
    constants: (graph.initializer ?? []).map(constant),
    metadata: withoutFeatureKeys(metadata),
  };
}

function tensor(v: onnxProto.onnx.IValueInfoProto): GraphTensor {
  const type = v.type?.tensorType;
  if (!type || type.elemType !== onnx.TensorProto.DataType.FLOAT) throw unsupported(`graph input or output "${v.name}" is not a float32 tensor`);
  if (!type.shape) throw unsupported(`graph input or output "${v.name}" has no shape`);
  // `value` is the set member of the oneof (decoded messages answer defaults for the other)
  const shape = (type.shape.dim ?? []).map((d): GraphDim => {
    const set = (d as onnxProto.onnx.TensorShapeProto.Dimension).value;
    if (set === 'dimParam') return d.dimParam ?? '';
    if (set === 'dimValue') return int(d.dimValue, `a dimension of "${v.name}"`);
    throw unsupported(`"${v.name}" has a dimension with neither a size nor a name`);
  });
  return { name: v.name ?? '', shape, description: v.docString ?? '' };
}

function node(n: onnxProto.onnx.INodeProto): GraphNode {
  if (n.domain && n.domain !== 'ai.onnx') throw unsupported(`node ${n.name} is an operator of domain "${n.domain}"`);
  const entries = (n.attribute ?? []).map((a) => [a.name ?? '', attribute(a, `attribute "${a.name}" of node ${n.name}`)] as const);
  return { op: n.opType ?? '', inputs: n.input ?? [], outputs: n.output ?? [], ...(entries.length > 0 ? { attributes: Object.fromEntries(entries) } : {}) };
}

function attribute(a: onnxProto.onnx.IAttributeProto, where: string): GraphAttribute {
  const { AttributeType } = onnx.AttributeProto;
  switch (a.type) {
    case AttributeType.INT:
      return { kind: 'int', value: int(a.i, where) };
    case AttributeType.INTS:
      return { kind: 'ints', value: (a.ints ?? []).map((v) => int(v, where)) };
    case AttributeType.FLOAT:
      return { kind: 'float', value: a.f ?? 0 };
    case AttributeType.STRING:
      return { kind: 'string', value: new TextDecoder().decode(a.s ?? new Uint8Array()) };
    default:
      throw unsupported(`${where} is of type ${AttributeType[a.type ?? 0] ?? a.type}`);
  }
}

/** An initializer from `raw_data` (little-endian) or from the typed `float_data` / `int64_data` fields. */
function constant(t: onnxProto.onnx.ITensorProto): GraphConstant {
  const name = t.name ?? '';
  const shape = (t.dims ?? []).map((d) => int(d, `a dimension of constant "${name}"`));
  const size = shape.reduce((a, b) => a * b, 1);
  const raw = t.rawData && t.rawData.length > 0 ? new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength) : undefined;
  const { DataType } = onnx.TensorProto;
  if (t.dataType === DataType.FLOAT) {
    const data = raw ? Float32Array.from({ length: raw.byteLength / 4 }, (_, i) => raw.getFloat32(4 * i, true)) : Float32Array.from(t.floatData ?? []);
    return sized({ name, shape, data }, size);
  }
  if (t.dataType === DataType.INT64) {
    const data = raw
      ? BigInt64Array.from({ length: raw.byteLength / 8 }, (_, i) => raw.getBigInt64(8 * i, true))
      : BigInt64Array.from(t.int64Data ?? [], (v: Int64) => BigInt(String(v)));
    return sized({ name, shape, data }, size);
  }
  throw unsupported(`constant "${name}" is of type ${DataType[t.dataType ?? 0] ?? t.dataType}, not FLOAT or INT64`);
}

function sized(c: GraphConstant, size: number): GraphConstant {
  if (c.data.length !== size) throw onnxError('ParseError', `constant "${c.name}" has shape [${c.shape.join(', ')}] but holds ${c.data.length} values`);
  return c;
}
