import { floatAttr, intAttr, intsAttr, type ModelGraph } from '@hepuq/core';
import { caught, expectCatalogError } from '@hepuq/testing';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { decodeOnnx } from './decode-onnx.js';
import { encodeOnnx } from './onnx-model.js';
import { FEATURES_KEY } from './tensor-features.js';

const { onnx } = onnxProto;

/** Every kind of dim, constant and attribute encodeOnnx writes, with named features on both sides (`big`: int64 beyond 32 bits, unused). */
const graph: ModelGraph = {
  name: 'pfn',
  description: 'a set body',
  opset: 13,
  inputs: [
    { name: 'particles', shape: ['events', 'particles', 3], description: 'pt, eta, phi', features: ['pt', 'eta', 'phi'] },
    { name: 'particles_mask', shape: ['events', 'particles'], description: '1 for a real particle' },
  ],
  outputs: [{ name: 'y', shape: ['events', 2], description: 'mean, sigma', features: ['mean', 'sigma'] }],
  constants: [
    { name: 'w', shape: [3, 2], data: Float32Array.from([1, -2, 3.5, 0.25, -1e-3, 7]) },
    { name: 'axes', shape: [1], data: BigInt64Array.from([1n]) },
    { name: 'last', shape: [1], data: BigInt64Array.from([-1n]) },
    { name: 'big', shape: [2], data: BigInt64Array.from([-(2n ** 40n), 2n ** 40n]) },
    { name: 'scalar', shape: [], data: Float32Array.from([0.5]) },
  ],
  nodes: [
    { op: 'MatMul', inputs: ['particles', 'w'], outputs: ['phi'] },
    { op: 'Unsqueeze', inputs: ['particles_mask', 'last'], outputs: ['m'] },
    { op: 'Mul', inputs: ['phi', 'm'], outputs: ['pm'] },
    { op: 'ReduceSum', inputs: ['pm', 'axes'], outputs: ['s'], attributes: { keepdims: intAttr(0) } },
    { op: 'Transpose', inputs: ['s'], outputs: ['t'], attributes: { perm: intsAttr([1, 0]) } },
    { op: 'Elu', inputs: ['t'], outputs: ['e'], attributes: { alpha: floatAttr(0.5), note: { kind: 'string', value: 'ünïcode' } } },
    { op: 'Mul', inputs: ['e', 'scalar'], outputs: ['y'] },
  ],
  metadata: { method: 'bnn' },
};

describe('decodeOnnx', () => {
  it('gives back the graph encodeOnnx wrote, features included', () => {
    const bytes = encodeOnnx(graph);
    const back = decodeOnnx(bytes);
    expect(back).toEqual(graph);
    expect(back.inputs[0].features).toEqual(['pt', 'eta', 'phi']);
    expect(back.inputs[1].features).toBeUndefined();
    // in the file the features are metadata (ONNX IR 7 has no per-tensor metadata)
    const stored = Object.fromEntries(onnx.ModelProto.decode(bytes).metadataProps.map((p) => [p.key, p.value]));
    expect(JSON.parse(stored[FEATURES_KEY.inputs]!)).toEqual({ particles: ['pt', 'eta', 'phi'] });
  });

  it('refuses the reserved feature keys in the metadata, and features that do not fit the last axis', async () => {
    const stale = { ...graph, metadata: { [FEATURES_KEY.inputs]: JSON.stringify({ particles: ['pt', 'eta'] }) } };
    expectCatalogError(await caught(() => encodeOnnx(stale)), 'reserved metadata', { code: 'InvalidArgument', mentions: ['input_features', 'reserved'] });
    const short = { ...graph, inputs: [{ ...graph.inputs[0], features: ['pt'] }, graph.inputs[1]], metadata: {} };
    expectCatalogError(await caught(() => encodeOnnx(short)), 'short features', { code: 'InvalidArgument', mentions: ['"particles"', '1 features', '3'] });
  });

  it('reads initializers that use the typed fields instead of raw_data, and inputs repeating initializers (IR < 4)', () => {
    const model = onnx.ModelProto.decode(encodeOnnx(graph));
    const g = model.graph!;
    g.initializer = [
      { name: 'w', dims: [3, 2], dataType: onnx.TensorProto.DataType.FLOAT, floatData: [1, -2, 3.5, 0.25, -1e-3, 7] },
      { name: 'axes', dims: [1], dataType: onnx.TensorProto.DataType.INT64, int64Data: [1] },
      ...g.initializer!.slice(2),
    ];
    g.input = [...g.input!, { name: 'w', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 3 }, { dimValue: 2 }] } } } }];
    const back = decodeOnnx(onnx.ModelProto.encode(model).finish());
    expect(back.constants.slice(0, 2)).toEqual(graph.constants.slice(0, 2));
    expect(back.inputs.map((i) => i.name)).toEqual(['particles', 'particles_mask']);
  });

  it('ParseError for bytes that are not a model; UnsupportedFormat for what a ModelGraph cannot hold', async () => {
    expectCatalogError(await caught(() => decodeOnnx(new TextEncoder().encode('not a model at all'))), 'text', { code: 'ParseError' });
    const model = onnx.ModelProto.decode(encodeOnnx(graph));
    model.graph!.input![1].type!.tensorType!.elemType = onnx.TensorProto.DataType.INT32;
    const err = await caught(() => decodeOnnx(onnx.ModelProto.encode(model).finish()));
    expectCatalogError(err, 'int32 input', { code: 'UnsupportedFormat', mentions: ['"particles_mask"', 'float32'] });
    expect(err.plugin).toBe('@hepuq/onnx');
  });
});
