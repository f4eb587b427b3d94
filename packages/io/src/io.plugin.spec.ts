import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Registries } from '@hepuq/core';
import { formatForPath, resolveDataSource, splitItemPath } from './index.js';
import { io } from './io.plugin.js';
import { readDataSource, readDataSourceChunks } from './data-source.js';

async function registries(): Promise<Registries> {
  const r = new Registries();
  const plugin = io();
  await plugin.register({ formats: { add: (k: string, v: never) => r.formats.add(k, v, { owner: plugin.meta.name }) } } as never);
  return r;
}

describe('format lookup (core, re-exported here)', () => {
  it('picks the registered io format by extension, ignoring the item', async () => {
    const r = await registries();
    expect(formatForPath(r, 'a/b/TRAIN.CSV').key).toBe('csv');
    expect(formatForPath(r, 'x.root:Events').key).toBe('root');
    expect(resolveDataSource(r, 'x.h5:/thing')).toMatchObject({ format: { key: 'hdf5' }, path: 'x.h5', item: '/thing' });
    expect(splitItemPath('x.npy:thing')).toEqual({ path: 'x.npy', item: 'thing' });
  });
});

describe('io plugin', () => {
  it('registers its formats under their keys, named @hepuq/io', async () => {
    const r = await registries();
    expect(r.formats.keys()).toEqual(['csv', 'hdf5', 'npy', 'parquet', 'root']);
    expect(r.formats.entries().every((e) => e.owner === '@hepuq/io')).toBe(true);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string; peerDependencies: Record<string, string> };
    expect(io().meta).toEqual({ name: '@hepuq/io', version: pkg.version, core: pkg.peerDependencies['@hepuq/core'] });
  });

  it('registers only the formats asked for', async () => {
    const r = new Registries();
    await io({ formats: ['csv'] }).register({ formats: { add: (k: string, v: never) => r.formats.add(k, v) } } as never);
    expect(r.formats.keys()).toEqual(['csv']);
  });

  it('validates its options', () => {
    expect(() => io({ formats: ['xls'] } as never)).toThrow(/formats/);
    expect(() => io({ nope: 1 } as never)).toThrow(/InvalidPluginOptions|nope|Unrecognized/);
  });
});

describe('readDataSource', () => {
  it('reads through the registry by extension or explicit format, and streams chunks', async () => {
    const r = await registries();
    const dir = await mkdtemp(join(tmpdir(), 'hepuq-io-src-'));
    const p = join(dir, 'events.txt');
    await writeFile(p, 'a,b\n1,2\n3,4\n5,6\n');
    const ds = await readDataSource(r, { path: p, format: 'csv', start: 1 }, { features: ['b'] });
    expect([...ds.features.b]).toEqual([4, 6]);
    const sizes: number[] = [];
    for await (const c of readDataSourceChunks(r, { path: p, format: 'csv' }, { features: ['a'] }, 2)) sizes.push(c.n);
    expect(sizes).toEqual([2, 1]);
    await expect(readDataSource(r, { path: p }, { features: ['a'] })).rejects.toMatchObject({ code: 'UnsupportedFormat' });
  });
});
