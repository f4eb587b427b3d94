import type { ModelGraph } from '@hepuq/core';
import { caught, expectCatalogError } from '@hepuq/testing';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ONNX, onnxExporter } from './onnx.exporter.js';

const graph: ModelGraph = {
  name: 'tanh',
  description: 'tanh(x)',
  opset: 13,
  inputs: [{ name: 'x', shape: ['events'], description: 'x' }],
  outputs: [{ name: 'y', shape: ['events'], description: 'tanh(x)' }],
  constants: [],
  nodes: [{ op: 'Tanh', inputs: ['x'], outputs: ['y'] }],
  metadata: {},
};

describe('onnxExporter', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hepuq-onnx-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is the onnx entry writing .onnx files', () => {
    expect(onnxExporter()).toMatchObject({ key: ONNX, extension: '.onnx' });
  });

  it('writes a file ONNX Runtime loads, creating missing directories and leaving no temp file', async () => {
    const path = join(dir, 'exports', 'tanh.onnx');
    await onnxExporter().write(graph, path);
    expect(await readdir(join(dir, 'exports'))).toEqual(['tanh.onnx']);
    const session = await InferenceSession.create(path);
    const { y } = await session.run({ x: new Tensor('float32', new Float32Array([0, 1]), [2]) });
    await session.release();
    expect(Math.abs((y.data as Float32Array)[1] - Math.tanh(1))).toBeLessThan(1e-6);
  });

  it('replaces an existing file whole', async () => {
    const path = join(dir, 'tanh.onnx');
    await writeFile(path, 'old');
    await onnxExporter().write(graph, path);
    expect((await stat(path)).size).toBeGreaterThan(3);
    expect(await readdir(dir)).toEqual(['tanh.onnx']);
  });

  it('fails with OutputWriteFailed naming the path when the directory cannot be made', async () => {
    await writeFile(join(dir, 'file'), '');
    const path = join(dir, 'file', 'tanh.onnx');
    const err = await caught(() => onnxExporter().write(graph, path));
    expectCatalogError(err, 'parent is a file', { code: 'OutputWriteFailed', mentions: [join(dir, 'file')] });
    expect(err.plugin).toBe('@hepuq/onnx');
  });

  it('writes nothing for an invalid graph', async () => {
    const path = join(dir, 'bad.onnx');
    const err = await caught(() => onnxExporter().write({ ...graph, outputs: [{ name: 'z', shape: [], description: '' }] }, path));
    expectCatalogError(err, 'unproduced output', { code: 'InvalidArgument', mentions: ['"z"'] });
    expect(await readdir(dir)).toEqual([]);
  });
});
