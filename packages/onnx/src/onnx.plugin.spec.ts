import { createHepuq, type ModelGraph } from '@hepuq/core';
import { describePluginConformance } from '@hepuq/testing';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferenceSession } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { onnx } from './onnx.plugin.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

describePluginConformance({ factory: onnx as (options?: unknown) => ReturnType<typeof onnx>, packageJson, invalidOptions: [{ options: { opset: 15 }, field: 'opset' }] });

describe('onnx plugin', () => {
  it('registers the onnx exporter in an app, owned by @hepuq/onnx', async () => {
    const app = await createHepuq({ plugins: [onnx()] });
    try {
      const exporter = app.registries.exporters.get('onnx');
      expect(exporter).toMatchObject({ key: 'onnx', extension: '.onnx' });
      expect(app.registries.exporters.entries().find((e) => e.key === 'onnx')?.owner).toBe('@hepuq/onnx');
      const dir = await mkdtemp(join(tmpdir(), 'hepuq-onnx-app-'));
      const graph: ModelGraph = {
        name: 'identity', description: 'x', opset: 13, constants: [], metadata: {},
        inputs: [{ name: 'x', shape: [1], description: 'x' }], outputs: [{ name: 'y', shape: [1], description: 'x' }],
        nodes: [{ op: 'Identity', inputs: ['x'], outputs: ['y'] }],
      };
      await exporter.write(graph, join(dir, 'm.onnx'));
      const session = await InferenceSession.create(join(dir, 'm.onnx'));
      expect(session.outputNames).toEqual(['y']);
      await session.release();
      await rm(dir, { recursive: true });
    } finally {
      app.dispose();
    }
  });
});
