import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HepuqError, Registries } from '@hepuq/core';
import { formatForPath, resolveDataSource } from './format-for-path.js';
import { splitItemPath } from './common/item-path.js';
import { io } from './io.plugin.js';
import { readDataSource, readDataSourceChunks } from './data-source.js';

async function registries(): Promise<Registries> {
  const r = new Registries();
  const plugin = io();
  await plugin.register({ formats: { add: (k: string, v: never) => r.formats.add(k, v, { owner: plugin.meta.name }) } } as never);
  return r;
}

describe('splitItemPath', () => {
  it.each([
    ['data/hzz.root:events', { path: 'data/hzz.root', item: 'events' }],
    ['calo.h5:/group/showers', { path: 'calo.h5', item: '/group/showers' }],
    ['a:b/file.root:Events', { path: 'a:b/file.root', item: 'Events' }],
    ['C:\\data\\x.root', { path: 'C:\\data\\x.root' }],
    ['C:\\data\\x.root:tree', { path: 'C:\\data\\x.root', item: 'tree' }],
    ['runs/10:30/x.csv', { path: 'runs/10:30/x.csv' }],
    ['plain.csv', { path: 'plain.csv' }],
    ['x.root:', { path: 'x.root:' }],
  ])('%s', (spec, want) => {
    expect(splitItemPath(spec)).toEqual(want);
  });
});

describe('formatForPath', () => {
  it('picks by extension, case-insensitively, ignoring the item', async () => {
    const r = await registries();
    expect(formatForPath(r, 'a/b/TRAIN.CSV').key).toBe('csv');
    expect(formatForPath(r, 'x.npy').key).toBe('npy');
    expect(resolveDataSource(r, 'x.npy:thing')).toMatchObject({ path: 'x.npy', item: 'thing' });
  });

  it('honours an explicit key and fails with UnsupportedFormat otherwise', async () => {
    const r = await registries();
    expect(formatForPath(r, 'data.txt', 'csv').key).toBe('csv');
    for (const call of [() => formatForPath(r, 'data.txt'), () => formatForPath(r, 'x.csv', 'excel')]) {
      let err: unknown;
      try {
        call();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(HepuqError);
      expect((err as HepuqError).code).toBe('UnsupportedFormat');
    }
  });
});

describe('io plugin', () => {
  it('registers its formats under their keys, named @hepuq/io', async () => {
    const r = await registries();
    expect(r.formats.keys()).toEqual(['csv', 'hdf5', 'npy', 'parquet', 'root']);
    expect(r.formats.entries().every((e) => e.owner === '@hepuq/io')).toBe(true);
    expect(io().meta).toMatchObject({ name: '@hepuq/io', core: '^0.1.0' });
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
