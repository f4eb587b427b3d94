import { mkdtemp, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeDirAtomic } from './atomic-write.js';
import { readModelDir, writeModelDir } from './model-dir.js';

let dir: string;
afterEach(async () => dir && rm(dir, { recursive: true, force: true }));

describe('atomic writes and model directories', () => {
  it('round-trips arrays and spec, and detects truncation', async () => {
    dir = await mkdtemp(join(tmpdir(), 'model-'));
    const arrays = [{ name: 'W0', shape: [2, 2], data: Float32Array.of(1, 2, 3, 4) }, { name: 'b0', shape: [2], data: Float32Array.of(5, 6) }];
    await writeModelDir(join(dir, 'm'), { method: 'toy', spec: { hidden: [2] }, arrays });
    const back = await readModelDir(join(dir, 'm'), 'toy');
    expect(back.spec).toEqual({ hidden: [2] });
    expect(back.arrays.map((a) => Array.from(a.data))).toEqual([[1, 2, 3, 4], [5, 6]]);
    await expect(readModelDir(join(dir, 'm'), 'other')).rejects.toMatchObject({ code: 'ModelLoadFailed' });
    await truncate(join(dir, 'm', 'weights.bin'), 8);
    await expect(readModelDir(join(dir, 'm'))).rejects.toThrow(/truncated/);
  });

  it('leaves an existing directory untouched and no temp files when filling fails', async () => {
    dir = await mkdtemp(join(tmpdir(), 'atomic-'));
    await writeDirAtomic(join(dir, 'out'), async (tmp) => writeFile(join(tmp, 'a.txt'), 'old'), { kind: 'test' });
    await expect(writeDirAtomic(join(dir, 'out'), async (tmp) => {
      await writeFile(join(tmp, 'a.txt'), 'new');
      throw new Error('disk full');
    }, { kind: 'test' })).rejects.toThrow('disk full');
    expect(await readdir(dir)).toEqual(['out']);
    expect((await readdir(join(dir, 'out'))).sort()).toEqual(['.hepuq', 'a.txt']);
    await writeDirAtomic(join(dir, 'out'), async (tmp) => writeFile(join(tmp, 'b.txt'), 'new'), { kind: 'test' });
    expect((await readdir(join(dir, 'out'))).sort()).toEqual(['.hepuq', 'b.txt']);
    expect(await readdir(dir)).toEqual(['out']);
  });
});
