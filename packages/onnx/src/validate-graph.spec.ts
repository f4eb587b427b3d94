import { intAttr, type GraphAttribute, type ModelGraph } from '@hepuq/core';
import { caught, expectCatalogError } from '@hepuq/testing';
import { describe, expect, it } from 'vitest';
import { irVersionFor, MAX_OPSET } from './ir-version.js';
import { encodeOnnx } from './onnx-model.js';
import { validateGraph } from './validate-graph.js';

/** y = Relu(x + b): the smallest graph with an input, a constant and two nodes. */
function graph(over: Partial<ModelGraph> = {}): ModelGraph {
  return {
    name: 'g',
    description: 'relu(x + b)',
    opset: 13,
    inputs: [{ name: 'x', shape: ['events', 2], description: 'x' }],
    outputs: [{ name: 'y', shape: ['events', 2], description: 'y' }],
    constants: [{ name: 'b', shape: [2], data: new Float32Array([1, 2]) }],
    nodes: [
      { op: 'Add', inputs: ['x', 'b'], outputs: ['xb'] },
      { op: 'Relu', inputs: ['xb'], outputs: ['y'] },
    ],
    metadata: {},
    ...over,
  };
}

/** The error `encodeOnnx` throws for `g` (validation runs before any encoding). */
const encodeError = (g: ModelGraph) => caught(() => encodeOnnx(g));

describe('validateGraph', () => {
  it('accepts a well-formed graph, and an omitted optional input', () => {
    expect(() => validateGraph(graph())).not.toThrow();
    const clip = graph({ nodes: [{ op: 'Clip', inputs: ['x', '', 'b'], outputs: ['y'] }] });
    expect(() => validateGraph(clip)).not.toThrow();
  });

  it('refuses a node input that nothing defined earlier, naming tensor and node', async () => {
    const g = graph({ nodes: [{ op: 'Relu', inputs: ['xb'], outputs: ['y'] }, { op: 'Add', inputs: ['x', 'b'], outputs: ['xb'] }] });
    const err = await encodeError(g);
    expectCatalogError(err, 'node reading a later output', { code: 'InvalidArgument', mentions: ['"xb"', 'Relu_0'] });
    expect(err.plugin).toBe('@hepuq/onnx');
    expectCatalogError(await encodeError(graph({ nodes: [{ op: 'Relu', inputs: ['z'], outputs: ['y'] }] })), 'unknown input', { code: 'InvalidArgument', mentions: ['"z"'] });
  });

  it('refuses a tensor name defined twice', async () => {
    const twice = graph({ nodes: [{ op: 'Add', inputs: ['x', 'b'], outputs: ['y'] }, { op: 'Relu', inputs: ['y'], outputs: ['y'] }] });
    expectCatalogError(await encodeError(twice), 'duplicate node output', { code: 'InvalidArgument', mentions: ['"y"', 'Add_0', 'Relu_1'] });
    const shadow = graph({ constants: [{ name: 'x', shape: [2], data: new Float32Array(2) }] });
    expectCatalogError(await encodeError(shadow), 'constant named like an input', { code: 'InvalidArgument', mentions: ['"x"', 'graph input', 'constant'] });
    const listed = graph({ outputs: [graph().outputs[0], graph().outputs[0]] });
    expectCatalogError(await encodeError(listed), 'output listed twice', { code: 'InvalidArgument', mentions: ['"y"', 'twice'] });
  });

  it('refuses a graph output that no node produces, and a graph without outputs', async () => {
    const g = graph({ outputs: [...graph().outputs, { name: 'sigma', shape: ['events'], description: 's' }] });
    expectCatalogError(await encodeError(g), 'unproduced output', { code: 'InvalidArgument', mentions: ['"sigma"', 'not produced'] });
    expectCatalogError(await encodeError(graph({ outputs: [] })), 'no outputs', { code: 'InvalidArgument', mentions: ['no outputs'] });
  });

  it('refuses bad shapes, constant sizes and attribute values', async () => {
    expectCatalogError(await encodeError(graph({ inputs: [{ name: 'x', shape: [-1, 2], description: '' }] })), 'negative dim', { code: 'InvalidArgument', mentions: ['"x"', '-1'] });
    expectCatalogError(await encodeError(graph({ inputs: [{ name: 'x', shape: ['', 2], description: '' }] })), 'empty dim name', { code: 'InvalidArgument', mentions: ['"x"'] });
    const short = graph({ constants: [{ name: 'b', shape: [3], data: new Float32Array(2) }] });
    expectCatalogError(await encodeError(short), 'constant size', { code: 'InvalidArgument', mentions: ['"b"', '3 values', '2 values'] });
    const fractional = graph({ nodes: [{ op: 'Add', inputs: ['x', 'b'], outputs: ['xb'] }, { op: 'Relu', inputs: ['xb'], outputs: ['y'], attributes: { n: intAttr(1.5) } }] });
    expectCatalogError(await encodeError(fractional), 'fractional int', { code: 'InvalidArgument', mentions: ['"n"', 'Relu_1'] });
    expectCatalogError(await encodeError(graph({ name: '' })), 'no name', { code: 'InvalidArgument', mentions: ['name'] });
  });

  it('says ExportUnsupported for what ONNX could hold but this writer does not write', async () => {
    const f64 = graph({ constants: [{ name: 'b', shape: [2], data: new Float64Array(2) as never }] });
    expectCatalogError(await encodeError(f64), 'float64 constant', { code: 'ExportUnsupported', mentions: ['"b"', 'Float64Array'] });
    const tensorAttr = { kind: 'tensor', value: 0 } as unknown as GraphAttribute;
    const g = graph({ nodes: [{ op: 'Add', inputs: ['x', 'b'], outputs: ['xb'] }, { op: 'Relu', inputs: ['xb'], outputs: ['y'], attributes: { t: tensorAttr } }] });
    expectCatalogError(await encodeError(g), 'tensor attribute', { code: 'ExportUnsupported', mentions: ['"t"', 'Relu_1', 'tensor'] });
    expectCatalogError(await encodeError(graph({ opset: MAX_OPSET + 1 })), 'future opset', { code: 'ExportUnsupported', mentions: [`opset ${MAX_OPSET + 1}`] });
    expectCatalogError(await encodeError(graph({ opset: 0 })), 'opset 0', { code: 'InvalidArgument', mentions: ['opset 0'] });
  });
});

describe('irVersionFor', () => {
  it('gives the lowest IR version of the first ONNX release with that opset (onnx docs/Versioning.md)', () => {
    expect([7, 8, 9, 10, 11, 12, 13, 14, 15, 18].map(irVersionFor)).toEqual([3, 3, 4, 5, 6, 7, 7, 7, 8, 8]);
  });
});
