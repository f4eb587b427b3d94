import { Dataset, Registries, type DataFormat } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { readSamples } from './read-samples.js';

/** An in-memory '.h5' format recording the path and item of every call. */
function memoryH5(calls: string[]): DataFormat {
  const columns: Record<string, Float32Array> = { e0: Float32Array.of(1, 2, 3), e1: Float32Array.of(4, 5, 6), w: Float32Array.of(1, 1, 2) };
  return {
    key: 'memory-h5',
    extensions: ['.h5'],
    description: 'test',
    columns: async (path, options) => {
      calls.push(`columns ${path} ${options?.item}`);
      return Object.keys(columns);
    },
    read: async (path, selection, options) => {
      calls.push(`read ${path} ${options?.item}`);
      return new Dataset({ features: Object.fromEntries(selection.features.map((f) => [f, columns[f]])), weights: selection.weight ? columns[selection.weight] : undefined, source: path });
    },
  };
}

describe('readSamples', () => {
  it('reads items inside files (file.h5:/item) through the format registry, as `hepuq run` does', async () => {
    const calls: string[] = [];
    const registries = new Registries();
    registries.formats.add('memory-h5', memoryH5(calls));
    const { reference, generated } = await readSamples(registries, { reference: 'ref.h5:/showers', generated: 'gen.h5', weight: 'w' });
    expect(reference.names).toEqual(['e0', 'e1']);
    expect(generated.n).toBe(3);
    expect(calls).toEqual(['columns ref.h5 /showers', 'read ref.h5 /showers', 'read gen.h5 undefined']);
  });

  it('names an unknown extension', async () => {
    await expect(readSamples(new Registries(), { reference: 'ref.parquet', generated: 'gen.parquet' })).rejects.toMatchObject({ code: 'UnsupportedFormat' });
  });
});
