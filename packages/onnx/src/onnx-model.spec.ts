import { CORE_VERSION, floatAttr, intAttr, intsAttr, Rng, type GraphConstant, type ModelGraph } from '@hepuq/core';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { encodeOnnx } from './onnx-model.js';
import { array32, expectClose, runGraph } from './spec-helpers.js';

const { onnx } = onnxProto;

const f32 = (name: string, shape: number[], data: ArrayLike<number>): GraphConstant => ({ name, shape, data: Float32Array.from(data) });
const i64 = (name: string, values: number[]): GraphConstant => ({ name, shape: [values.length], data: BigInt64Array.from(values, BigInt) });

/** Row-major [rows, inner] x [inner, cols] in float64 (the reference ONNX Runtime is checked against). */
function matmul(a: ArrayLike<number>, b: ArrayLike<number>, rows: number, inner: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) for (let k = 0; k < inner; k++) out[i * cols + j] += a[i * inner + k] * b[k * cols + j];
  return out;
}

const addRowVector = (m: Float64Array, v: ArrayLike<number>): Float64Array => m.map((x, i) => x + v[i % v.length]);

/** x[events,3] -> MatMul/Add/Relu -> MatMul/Add -> y[events,2], the shape of every dense export. */
function denseNet(rng: Rng): { graph: ModelGraph; w1: Float32Array; b1: Float32Array; w2: Float32Array; b2: Float32Array } {
  const [w1, b1, w2, b2] = [12, 4, 8, 2].map((n) => rng.normalArray(n));
  const graph: ModelGraph = {
    name: 'dense',
    description: 'two dense layers',
    opset: 13,
    inputs: [{ name: 'x', shape: ['events', 3], description: 'features a, b, c' }],
    outputs: [{ name: 'y', shape: ['events', 2], description: 'mean, log sigma' }],
    constants: [f32('w1', [3, 4], w1), f32('b1', [4], b1), f32('w2', [4, 2], w2), f32('b2', [2], b2)],
    nodes: [
      { op: 'MatMul', inputs: ['x', 'w1'], outputs: ['h0'] },
      { op: 'Add', inputs: ['h0', 'b1'], outputs: ['h1'] },
      { op: 'Relu', inputs: ['h1'], outputs: ['h2'] },
      { op: 'MatMul', inputs: ['h2', 'w2'], outputs: ['h3'] },
      { op: 'Add', inputs: ['h3', 'b2'], outputs: ['y'] },
    ],
    metadata: { method: 'mlp', features: JSON.stringify(['a', 'b', 'c']) },
  };
  return { graph, w1, b1, w2, b2 };
}

describe('encodeOnnx runs in ONNX Runtime', () => {
  it('a dense net with a symbolic events dimension, for 1 and 5 events', async () => {
    const rng = new Rng(1);
    const { graph, w1, b1, w2, b2 } = denseNet(rng);
    for (const events of [1, 5]) {
      const x = rng.normalArray(events * 3);
      const hidden = addRowVector(matmul(x, w1, events, 3, 4), b1).map((v) => Math.max(v, 0));
      const y = addRowVector(matmul(hidden, w2, events, 4, 2), b2);
      const out = await runGraph(graph, { x: array32([events, 3], x) });
      expectClose(out.y, array32([events, 2], y));
    }
  });

  it('broadcasts a batched MatMul over a replica axis: x[events,d] W[R,d,h] -> [R,events,h]', async () => {
    const [replicas, events, d, h] = [3, 4, 2, 5];
    const rng = new Rng(2);
    const w = rng.normalArray(replicas * d * h);
    const b = rng.normalArray(replicas * h);
    const x = rng.normalArray(events * d);
    const graph: ModelGraph = {
      name: 'replicas',
      description: 'one weight draw per replica',
      opset: 13,
      inputs: [{ name: 'x', shape: ['events', d], description: 'features' }],
      outputs: [{ name: 'y', shape: [replicas, 'events', h], description: 'per-replica outputs' }],
      constants: [f32('w', [replicas, d, h], w), f32('b', [replicas, 1, h], b)],
      nodes: [
        { op: 'MatMul', inputs: ['x', 'w'], outputs: ['xw'] },
        { op: 'Add', inputs: ['xw', 'b'], outputs: ['y'] },
      ],
      metadata: {},
    };
    const expected = new Float64Array(replicas * events * h);
    for (let r = 0; r < replicas; r++) {
      const yr = addRowVector(matmul(x, w.subarray(r * d * h, (r + 1) * d * h), events, d, h), b.subarray(r * h, (r + 1) * h));
      expected.set(yr, r * events * h);
    }
    const out = await runGraph(graph, { x: array32([events, d], x) });
    expectClose(out.y, array32([replicas, events, h], expected));
  });

  it('int64 constants (shapes, axes, indices) and attributes drive Reshape, Unsqueeze, ReduceSum, Transpose, Gather', async () => {
    const events = 3;
    const x = new Rng(3).normalArray(events * 6);
    const offset = [0.1, -0.2, 0.3];
    const scale = 2.5;
    const graph: ModelGraph = {
      name: 'int64-ops',
      description: 'opset-13 ops taking int64 inputs',
      opset: 13,
      inputs: [{ name: 'x', shape: ['events', 6], description: 'six features' }],
      outputs: [
        { name: 'out', shape: ['events', 5], description: '(sigmoid(column sums) - offset) / scale, then exp of features 5 and 0' },
        { name: 'unsqueezed', shape: ['events', 1, 3], description: 'column sums via ReduceSum(keepdims=0) + Unsqueeze' },
        { name: 'kept', shape: ['events', 1, 3], description: 'column sums via ReduceSum(keepdims=1)' },
      ],
      constants: [i64('shape', [-1, 2, 3]), i64('axis2', [2]), i64('axis1', [1]), i64('pick', [5, 0]), f32('offset', [3], offset), f32('scale', [], [scale])],
      nodes: [
        { op: 'Reshape', inputs: ['x', 'shape'], outputs: ['r'] },
        { op: 'Transpose', inputs: ['r'], outputs: ['t'], attributes: { perm: intsAttr([0, 2, 1]) } },
        { op: 'ReduceSum', inputs: ['t', 'axis2'], outputs: ['s'], attributes: { keepdims: intAttr(0) } },
        { op: 'Unsqueeze', inputs: ['s', 'axis1'], outputs: ['unsqueezed'] },
        { op: 'ReduceSum', inputs: ['r', 'axis1'], outputs: ['kept'], attributes: { keepdims: intAttr(1) } },
        { op: 'Sigmoid', inputs: ['s'], outputs: ['sig'] },
        { op: 'Sub', inputs: ['sig', 'offset'], outputs: ['centred'] },
        { op: 'Div', inputs: ['centred', 'scale'], outputs: ['scaled'] },
        { op: 'Gather', inputs: ['x', 'pick'], outputs: ['picked'], attributes: { axis: intAttr(-1) } },
        { op: 'Exp', inputs: ['picked'], outputs: ['e'] },
        { op: 'Concat', inputs: ['scaled', 'e'], outputs: ['out'], attributes: { axis: intAttr(1) } },
      ],
      metadata: {},
    };
    // x[e] reshaped to r[e] = [[x0 x1 x2], [x3 x4 x5]]: column j sums x_j + x_{j+3}.
    const sums = new Float64Array(events * 3).map((_, i) => x[Math.floor(i / 3) * 6 + (i % 3)] + x[Math.floor(i / 3) * 6 + (i % 3) + 3]);
    const expected = new Float64Array(events * 5);
    for (let e = 0; e < events; e++) {
      for (let j = 0; j < 3; j++) expected[e * 5 + j] = (1 / (1 + Math.exp(-sums[e * 3 + j])) - offset[j]) / scale;
      expected[e * 5 + 3] = Math.exp(x[e * 6 + 5]);
      expected[e * 5 + 4] = Math.exp(x[e * 6]);
    }
    const out = await runGraph(graph, { x: array32([events, 6], x) });
    expectClose(out.out, array32([events, 5], expected));
    expectClose(out.unsqueezed, array32([events, 1, 3], sums));
    expectClose(out.kept, array32([events, 1, 3], sums));
  });

  it('float attributes run; string attributes are stored as UTF-8 STRING', async () => {
    const graph: ModelGraph = {
      name: 'attrs',
      description: 'Elu with alpha',
      opset: 13,
      inputs: [{ name: 'x', shape: [4], description: 'values' }],
      outputs: [{ name: 'y', shape: [4], description: 'elu(x)' }],
      constants: [],
      nodes: [{ op: 'Elu', inputs: ['x'], outputs: ['y'], attributes: { alpha: floatAttr(0.5) } }],
      metadata: {},
    };
    const x = [-2, -0.5, 0, 1.5];
    const out = await runGraph(graph, { x: array32([4], x) });
    expectClose(out.y, array32([4], x.map((v) => (v < 0 ? 0.5 * (Math.exp(v) - 1) : v))));
    const decoded = onnx.ModelProto.decode(encodeOnnx({ ...graph, nodes: [{ ...graph.nodes[0], attributes: { mode: { kind: 'string', value: 'π' } } }] }));
    const [attr] = decoded.graph!.node![0].attribute!;
    expect(attr.type).toBe(onnx.AttributeProto.AttributeType.STRING);
    expect(new TextDecoder().decode(attr.s!)).toBe('π');
  });
});

describe('encodeOnnx model fields', () => {
  const { graph } = denseNet(new Rng(4));
  const model = onnx.ModelProto.toObject(onnx.ModelProto.decode(encodeOnnx(graph)), { longs: Number, defaults: false }) as Record<string, any>;

  it('labels the model: IR 7 for opset 13, producer hepuq at the core version, doc string', () => {
    expect(model.irVersion).toBe(7);
    expect(model.opsetImport).toEqual([{ domain: '', version: 13 }]);
    expect(model).toMatchObject({ producerName: 'hepuq', producerVersion: CORE_VERSION, docString: 'two dense layers' });
  });

  it('keeps the metadata as metadata_props', () => {
    expect(model.metadataProps).toEqual([
      { key: 'method', value: 'mlp' },
      { key: 'features', value: '["a","b","c"]' },
    ]);
  });

  it('writes float32 inputs and outputs with symbolic and fixed dims and their descriptions', () => {
    expect(model.graph).toMatchObject({ name: 'dense', docString: 'two dense layers' });
    expect(model.graph.input).toEqual([
      { name: 'x', docString: 'features a, b, c', type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'events' }, { dimValue: 3 }] } } } },
    ]);
    expect(model.graph.output[0]).toMatchObject({ name: 'y', docString: 'mean, log sigma', type: { tensorType: { elemType: 1 } } });
  });

  it('names nodes uniquely by op and position, and stores initializers as raw little-endian data', () => {
    expect(model.graph.node.map((n: { name: string }) => n.name)).toEqual(['MatMul_0', 'Add_1', 'Relu_2', 'MatMul_3', 'Add_4']);
    const w1 = model.graph.initializer[0];
    expect(w1).toMatchObject({ name: 'w1', dims: [3, 4], dataType: onnx.TensorProto.DataType.FLOAT });
    const raw = new DataView(new Uint8Array(w1.rawData).buffer);
    expect(raw.getFloat32(4, true)).toBe((graph.constants[0].data as Float32Array)[1]);
  });

  it('stores int64 constants as INT64 initializers', () => {
    const bytes = encodeOnnx({ ...graph, constants: [...graph.constants, i64('idx', [-1, 2 ** 40])] });
    const init = onnx.ModelProto.decode(bytes).graph!.initializer!.find((t) => t.name === 'idx')!;
    const data = init.rawData!;
    expect(init.dataType).toBe(onnx.TensorProto.DataType.INT64);
    const raw = new DataView(data.buffer, data.byteOffset, data.byteLength);
    expect([raw.getBigInt64(0, true), raw.getBigInt64(8, true)]).toEqual([-1n, 2n ** 40n]);
  });
});
