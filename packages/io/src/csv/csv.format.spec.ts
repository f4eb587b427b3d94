import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng, type Dataset } from '@hepuq/core';
import { csvFormat } from './csv.format.js';
import { caught } from '../spec-helpers.js';

const fmt = csvFormat();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hepuq-io-csv-'));
});

async function file(name: string, text: string): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, text);
  return p;
}

describe('csv format: reading', () => {
  it('maps columns to their roles and skips unselected text columns', async () => {
    const p = await file('roles.csv', '\ufeffid,x1,x2,y,w,z,truth\n# a comment\nev1,1,2,3,0.5,-1,9\n"ev,2", 4 ,"5",6,-0.25,1,8\n');
    const ds = await fmt.read(p, { features: ['x1', 'x2'], target: 'y', weight: 'w', nuisances: ['z'], extras: ['truth'] });
    expect(ds.n).toBe(2);
    expect(ds.featureNames).toEqual(['x1', 'x2']);
    expect([...ds.features.x1]).toEqual([1, 4]);
    expect([...ds.features.x2]).toEqual([2, 5]);
    expect([...ds.target!]).toEqual([3, 6]);
    expect(ds.targetName).toBe('y');
    expect([...ds.weights]).toEqual([0.5, -0.25]);
    expect([...ds.nuisances.z]).toEqual([-1, 1]);
    expect([...ds.extras.truth]).toEqual([9, 8]);
    expect(ds.source).toBe(p);
  });

  it('reads a label column and an entry range', async () => {
    const p = await file('range.csv', 'x,lab\n0,0\n1,1\n2,0\n3,1\n4,0\n');
    const ds = await fmt.read(p, { features: ['x'], label: 'lab' }, { start: 1, count: 3 });
    expect([...ds.features.x]).toEqual([1, 2, 3]);
    expect([...ds.label!]).toEqual([1, 0, 1]);
    expect(ds.labelName).toBe('lab');
  });

  it('honours a delimiter option and tsv files', async () => {
    const p = await file('semi.csv', 'a;b\n1;2\n');
    expect([...(await fmt.read(p, { features: ['b'] }, { options: { delimiter: ';' } })).features.b]).toEqual([2]);
    const t = await file('t.tsv', 'a\tb\n1\t2\n');
    expect([...(await fmt.read(t, { features: ['b'] })).features.b]).toEqual([2]);
    expect((await caught(fmt.read(p, { features: ['b'] }, { options: { sep: ';' } }))).code).toBe('InvalidConfig');
  });

  it('lists the header with columns()', async () => {
    const p = await file('cols.csv', '# hi\n"a b",c\n1,2\n');
    expect(await fmt.columns!(p)).toEqual(['a b', 'c']);
  });
});

describe('csv format: errors name the file, row and column', () => {
  it('MissingColumn lists the available columns', async () => {
    const p = await file('m.csv', 'x1,x2,y\n1,2,3\n');
    const e = await caught(fmt.read(p, { features: ['x1', 'x3'], target: 'y' }));
    expect(e.code).toBe('MissingColumn');
    expect(e.message).toContain(p);
    expect(e.message).toContain('"x3"');
    expect(e.message).toContain('available: x1, x2, y');
    expect(e.plugin).toBe('@hepuq/io');
  });

  it('ParseError for a ragged row', async () => {
    const p = await file('rag.csv', 'a,b\n1,2\n# c\n3\n');
    const e = await caught(fmt.read(p, { features: ['a'] }));
    expect(e.code).toBe('ParseError');
    expect(e.message).toBe(`${p}: row 2 (line 4) has 1 field, the header has 2 (ragged row)`);
  });

  it('ParseError for a non-numeric cell', async () => {
    const p = await file('txt.csv', 'a,b\n1,2\n3,abc\n');
    const e = await caught(fmt.read(p, { features: ['a', 'b'] }));
    expect(e.code).toBe('ParseError');
    expect(e.message).toBe(`${p}: row 2 (line 3), column "b": "abc" is not a number`);
  });

  it.each([
    ['nan', 'is "nan", not a finite float32'],
    ['-Inf', 'is "-Inf", not a finite float32'],
    ['1e39', 'is "1e39", not a finite float32'],
    ['', 'is empty (missing value)'],
  ])('NonFiniteValue for %j', async (cell, what) => {
    const p = await file('nf.csv', `a,b\n1,2\n3,4\n5,${cell}\n`);
    const e = await caught(fmt.read(p, { features: ['a', 'b'] }));
    expect(e.code).toBe('NonFiniteValue');
    expect(e.message).toBe(`${p}: row 3 (line 4), column "b" ${what}`);
  });

  it('FileUnreadable for a missing file, EmptyDataset for no rows', async () => {
    expect((await caught(fmt.read(join(dir, 'nope.csv'), { features: ['a'] }))).code).toBe('FileUnreadable');
    expect((await caught(fmt.read(await file('e.csv', ''), { features: ['a'] }))).code).toBe('EmptyDataset');
    expect((await caught(fmt.read(await file('h.csv', 'a,b\n# only\n'), { features: ['a'] }))).code).toBe('EmptyDataset');
    expect((await caught(fmt.read(await file('r.csv', 'a\n1\n'), { features: ['a'] }, { start: 5 }))).code).toBe('EmptyDataset');
  });

  it('ParseError for a quote that never closes (it used to wait for more bytes forever)', async () => {
    const p = await file('open.csv', 'a,b\n1,2\n3,"4\n5,6\n');
    const e = await caught(fmt.read(p, { features: ['a', 'b'] }));
    expect(e.code).toBe('ParseError');
    expect(e.message).toBe(`${p}: row 2 (line 3) field 2 opens a quote that never closes`);
  });

  it('ParseError for a duplicated header name', async () => {
    const e = await caught(fmt.read(await file('dup.csv', 'a,b,a\n1,2,3\n'), { features: ['a'] }));
    expect(e.code).toBe('ParseError');
    expect(e.message).toContain('names column "a" twice');
  });
});

describe('csv format: writing and chunks', () => {
  const rng = new Rng(5);
  const n = 3000;
  const cols = {
    mean: Float32Array.from({ length: n }, () => rng.normal() * 10 ** Math.floor(rng.uniform() * 20 - 10)),
    sigma_tot: Float32Array.from({ length: n }, () => rng.uniform()),
    'w,1': Float32Array.from({ length: n }, (_, i) => i - 1000),
  };

  it('round-trips float32 columns exactly (shortest round-trip decimal text)', async () => {
    const p = join(dir, 'out', 'preds.csv');
    await fmt.write!(p, cols);
    const text = await readFile(p, 'utf8');
    expect(text.split('\n')[0]).toBe('mean,sigma_tot,"w,1"');
    const ds = await fmt.read(p, { features: ['mean', 'sigma_tot'], extras: ['w,1'] });
    expect(ds.features.mean).toEqual(cols.mean);
    expect(ds.features.sigma_tot).toEqual(cols.sigma_tot);
    expect(ds.extras['w,1']).toEqual(cols['w,1']);
  });

  it('quotes the names the reader would otherwise change (space around, leading #) and keeps -0', async () => {
    const p = join(dir, 'out', 'names.csv');
    const odd = { '# id': Float32Array.of(-0, 1), ' pt ': Float32Array.of(2, 3) };
    await fmt.write!(p, odd);
    expect((await readFile(p, 'utf8')).split('\n')[0]).toBe('"# id"," pt "');
    expect(await fmt.columns!(p)).toEqual(['# id', ' pt ']);
    const ds = await fmt.read(p, { features: ['# id', ' pt '] });
    expect(Object.is(ds.features['# id'][0], -0)).toBe(true);
  });

  it('streams chunks of at most chunkSize rows that concatenate to the whole file', async () => {
    const p = join(dir, 'chunks.csv');
    await fmt.write!(p, cols);
    const seen: Dataset[] = [];
    for await (const chunk of fmt.readChunks!(p, { features: ['mean'] }, 700, { start: 100 })) seen.push(chunk);
    expect(seen.map((c) => c.n)).toEqual([700, 700, 700, 700, 100]);
    const got = Float32Array.from(seen.flatMap((c) => [...c.features.mean]));
    expect(got).toEqual(cols.mean.subarray(100));
  });

  it('reports the file-wide row of a bad value in a later chunk', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => (i === 37 ? 'nan' : String(i)));
    const p = await file('late.csv', `v\n${rows.join('\n')}\n`);
    const run = async () => {
      for await (const _ of fmt.readChunks!(p, { features: ['v'] }, 10)) void _;
    };
    const e = await caught(run());
    expect(e.code).toBe('NonFiniteValue');
    expect(e.message).toContain('row 38 (line 39)');
  });

  it('refuses to write ragged columns and leaves nothing behind', async () => {
    const p = join(dir, 'bad-out.csv');
    const e = await caught(fmt.write!(p, { a: new Float32Array(2), b: new Float32Array(3) }));
    expect(e.code).toBe('ShapeMismatch');
    await expect(readFile(p)).rejects.toThrow();
  });
});
