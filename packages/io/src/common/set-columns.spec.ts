import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvFormat } from '../csv/csv.format.js';
import { caught } from '../spec-helpers.js';
import { planSelection } from './set-columns.js';

const fmt = csvFormat();
let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hepuq-io-setcols-'));
  file = join(dir, 'jets.csv');
  // three slots per family; row 2 has an empty slot in the middle, row 3 a particle in every slot, row 4 none
  await writeFile(file, ['A_0,A_1,A_2,B_0,B_1,B_2,y', '1,2,0,10,20,0,0', '3,0,4,30,0,40,1', '5,6,7,50,60,70,0', '0,0,0,0,0,0,1'].join('\n'));
});

describe('indexed column families in a flat format (CSV)', () => {
  it('plans the members for i < size and one occupancy column per slot beyond', () => {
    const plan = planSelection('f.csv', { features: [], label: 'y', sets: { s: { columns: { a: 'A_{i}', b: 'B_{i}' }, size: 2 } } }, ['A_0', 'A_1', 'A_2', 'B_0', 'B_1', 'B_2', 'y'], { format: 'csv', lists: false });
    expect(plan.flat).toEqual(['y', 'A_0', 'A_1', 'B_0', 'B_1', 'A_2']);
    expect(plan.lists).toEqual([]);
  });

  it('drops empty slots wherever they are, pads, and counts the particles beyond size as dropped', async () => {
    const ds = await fmt.read(file, { features: [], label: 'y', sets: { s: { columns: { a: 'A_{i}', b: 'B_{i}' }, size: 2 } } });
    const s = ds.sets.s;
    // slots i < size are read: row 2 has one particle there (slot 1 is empty), its slot-2 particle is not read
    expect([...s.counts()]).toEqual([2, 1, 2, 0]);
    expect([...s.feature('b')]).toEqual([10, 20, 30, 0, 50, 60, 0, 0]);
    // rows 2 and 3 each have a particle beyond size: counted as dropped, never silently
    expect([s.truncatedEvents, s.droppedParticles]).toEqual([2, 2]);
    const all = (await fmt.read(file, { features: [], label: 'y', sets: { s: { columns: { a: 'A_{i}', b: 'B_{i}' }, size: 5 } } })).sets.s;
    expect([...all.counts()]).toEqual([2, 2, 3, 0]);
    expect([all.truncatedEvents, all.droppedParticles]).toEqual([0, 0]);
  });

  it('uses a padding feature and value, and chunks carry sets with file-wide rows', async () => {
    const sets = { s: { columns: { a: 'A_{i}', b: 'B_{i}' }, size: 3, padding: { feature: 'b', value: 20 } } };
    const ds = await fmt.read(file, { features: [], label: 'y', sets });
    expect([...ds.sets.s.counts()]).toEqual([2, 3, 3, 3]);
    const chunks: number[] = [];
    for await (const c of fmt.readChunks!(file, { features: [], label: 'y', sets }, 3)) chunks.push(...c.sets.s.counts());
    expect(chunks).toEqual([2, 3, 3, 3]);
  });

  it('refuses list columns, no feature and no set, and families of different lengths', async () => {
    expect((await caught(fmt.read(file, { features: [], sets: { s: { columns: { a: 'A_0' }, size: 2 } } }))).code).toBe('UnsupportedFormat');
    const none = await caught(fmt.read(file, { features: [] }));
    expect(none.code).toBe('InvalidArgument');
    expect(none.message).toBe(`${file}: select at least one feature column or a particle set`);
    const odd = await caught(fmt.read(file, { features: ['y'], sets: { s: { columns: { a: 'A_{i}', y: 'y{i}' }, size: 2 } } }));
    expect(odd.code).toBe('MissingColumn');
    expect(odd.message).toContain('family "y{i}": column "y0" not found');
  });
});
