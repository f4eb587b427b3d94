import { describe, expect, it } from 'vitest';
import type { DataFormat } from '../data/data-format.js';
import { Registries } from '../registry/registries.js';
import { formatForPath, resolveDataSource, resolveItem, splitItemPath } from './format-lookup.js';

const fake = (key: string, extensions: string[]): DataFormat => ({ key, extensions, description: key, read: () => Promise.reject(new Error('unused')) });

function registries(): Registries {
  const r = new Registries();
  r.formats.add('csv', fake('csv', ['.csv']));
  r.formats.add('hdf5', fake('hdf5', ['.h5', '.hdf5']));
  r.formats.add('root', fake('root', ['.root']));
  // a longer extension wins over a shorter one that also matches
  r.formats.add('gz-csv', fake('gz-csv', ['.csv.gz']));
  r.formats.add('gz', fake('gz', ['.gz']));
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

  it('lets an explicit item win over the one in the path', () => {
    expect(resolveItem('f.h5:/a', '/b')).toEqual({ path: 'f.h5', item: '/b' });
    expect(resolveItem('f.h5:/a', undefined)).toEqual({ path: 'f.h5', item: '/a' });
  });
});

describe('formatForPath', () => {
  it('picks by extension, case-insensitively and longest match first, ignoring the item', () => {
    const r = registries();
    expect(formatForPath(r, 'a/b/TRAIN.CSV').key).toBe('csv');
    expect(formatForPath(r, 'preds.h5:/preds').key).toBe('hdf5');
    expect(formatForPath(r, 'f.root:Events').key).toBe('root');
    expect(formatForPath(r, 'x.csv.gz').key).toBe('gz-csv');
  });

  it('honours an explicit key and fails with UnsupportedFormat naming what is registered', () => {
    const r = registries();
    expect(formatForPath(r, 'data.txt', 'csv').key).toBe('csv');
    const unsupported = (message: RegExp) => expect.objectContaining({ name: 'HepuqError', code: 'UnsupportedFormat', message: expect.stringMatching(message) });
    expect(() => formatForPath(r, 'data.txt')).toThrow(unsupported(/^data\.txt: no registered data format reads this extension; known: \.csv \(csv\)/));
    expect(() => formatForPath(r, 'x.csv', 'excel')).toThrow(unsupported(/format "excel" is not registered; registered: csv, gz, gz-csv, hdf5, root$/));
    expect(() => formatForPath(new Registries(), 'x.csv')).toThrow(unsupported(/known: \(none\)$/));
  });
});

describe('resolveDataSource', () => {
  it('returns the format, the file path and the item', () => {
    const r = registries();
    expect(resolveDataSource(r, 'preds.h5:/preds')).toMatchObject({ format: { key: 'hdf5' }, path: 'preds.h5', item: '/preds' });
    expect(resolveDataSource(r, 'plain.csv')).toEqual({ format: r.formats.get('csv'), path: 'plain.csv' });
    expect(resolveDataSource(r, 'x.txt:tree', 'root', 'Events')).toMatchObject({ format: { key: 'root' }, path: 'x.txt', item: 'Events' });
  });
});
