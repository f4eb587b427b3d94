import { CORE_VERSION, type GraphAttribute, type GraphConstant, type GraphDim, type GraphTensor, type ModelGraph } from '@hepuq/core';
import onnxProto from 'onnx-proto';
import { irVersionFor } from './ir-version.js';
import { metadataWithFeatures } from './tensor-features.js';
import { nodeName, validateGraph } from './validate-graph.js';

// onnx-proto is CommonJS assigning module.exports at run time: Node sees only a default export.
const { onnx } = onnxProto;

/** `ModelProto.producer_name` of every model hepuq writes (`producer_version` is @hepuq/core's version). */
export const ONNX_PRODUCER = 'hepuq';

/**
 * `graph` as the bytes of an ONNX ModelProto (a `.onnx` file), after `validateGraph`: IR version the
 * lowest that carries `graph.opset` (opset 13 -> IR 7), default-domain opset `graph.opset`,
 * float32 inputs and outputs whose string dimensions become `dim_param`s, constants as initializers
 * in `raw_data` (little-endian), `graph.metadata` as `metadata_props` (with the tensors' `features`
 * under `input_features`/`output_features`), descriptions as doc strings. `decodeOnnx` reads it back.
 * @example const session = await InferenceSession.create(encodeOnnx(model.graph()))
 */
export function encodeOnnx(graph: ModelGraph): Uint8Array {
  validateGraph(graph);
  const model: onnxProto.onnx.IModelProto = {
    irVersion: irVersionFor(graph.opset),
    opsetImport: [{ domain: '', version: graph.opset }],
    producerName: ONNX_PRODUCER,
    producerVersion: CORE_VERSION,
    docString: graph.description,
    graph: graphProto(graph),
    metadataProps: Object.entries(metadataWithFeatures(graph)).map(([key, value]) => ({ key, value })),
  };
  return onnx.ModelProto.encode(model).finish();
}

function graphProto(graph: ModelGraph): onnxProto.onnx.IGraphProto {
  return {
    name: graph.name,
    docString: graph.description,
    node: graph.nodes.map((node, index) => ({
      name: nodeName(node, index),
      opType: node.op,
      domain: '',
      input: node.inputs,
      output: node.outputs,
      attribute: Object.entries(node.attributes ?? {}).map(([name, a]) => attributeProto(name, a)),
    })),
    initializer: graph.constants.map(tensorProto),
    input: graph.inputs.map(valueInfo),
    output: graph.outputs.map(valueInfo),
  };
}

const { AttributeType } = onnx.AttributeProto;

function attributeProto(name: string, a: GraphAttribute): onnxProto.onnx.IAttributeProto {
  switch (a.kind) {
    case 'int':
      return { name, type: AttributeType.INT, i: a.value };
    case 'ints':
      return { name, type: AttributeType.INTS, ints: a.value };
    case 'float':
      return { name, type: AttributeType.FLOAT, f: a.value };
    case 'string':
      return { name, type: AttributeType.STRING, s: new TextEncoder().encode(a.value) };
  }
}

/** An initializer; `raw_data` is little-endian whatever the host's byte order (ONNX IR.md). */
function tensorProto({ name, shape, data }: GraphConstant): onnxProto.onnx.ITensorProto {
  const bytes = new Uint8Array(data.length * data.BYTES_PER_ELEMENT);
  const view = new DataView(bytes.buffer);
  if (data instanceof Float32Array) data.forEach((v, i) => view.setFloat32(4 * i, v, true));
  else data.forEach((v, i) => view.setBigInt64(8 * i, v, true));
  const dataType = data instanceof Float32Array ? onnx.TensorProto.DataType.FLOAT : onnx.TensorProto.DataType.INT64;
  return { name, dims: shape, dataType, rawData: bytes };
}

const dimProto = (d: GraphDim): onnxProto.onnx.TensorShapeProto.IDimension => (typeof d === 'number' ? { dimValue: d } : { dimParam: d });

function valueInfo(t: GraphTensor): onnxProto.onnx.IValueInfoProto {
  return {
    name: t.name,
    docString: t.description,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: t.shape.map(dimProto) } } },
  };
}
