import { mkdtempSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { fromPayload, readValueFile, toPayload, valueBytes } from './task-payload.js';

const store = mkdtempSync(join(tmpdir(), 'hepuq-payload-'));
afterAll(() => rmSync(store, { recursive: true, force: true }));

const value = { params: [Float32Array.from([0.1, -2.5e-8, Math.PI]), new Int32Array([3, -1])], loss: 0.25, name: 'm0', nested: new Map([['a', 1]]) };

describe('payload', () => {
  it('keeps a small value inline and gives it back bit for bit', async () => {
    const p = await toPayload(valueBytes(value), { store, file: 'q/r/result-0.v8', inlineBytes: 1 << 16 });
    expect(Object.keys(p)).toEqual(['inline']);
    const back = (await fromPayload(p, store)) as typeof value;
    expect(back).toEqual(value);
    expect(back.params[0]).toBeInstanceOf(Float32Array);
    // as worker threads hand results over: each typed array on a buffer of its own, the same bytes
    expect(back.params[0].buffer.byteLength).toBe(back.params[0].byteLength);
    expect(Buffer.from(back.params[0].buffer).equals(Buffer.from(value.params[0].buffer))).toBe(true);
    expect(readdirSync(store)).toEqual([]);
  });

  it('writes a value above the inline limit to the store, under a path relative to its root', async () => {
    const bytes = valueBytes(value);
    const p = await toPayload(bytes, { store, file: 'q/r/result-1.v8', inlineBytes: 8 });
    expect(p).toEqual({ file: 'q/r/result-1.v8', bytes: bytes.byteLength });
    expect(readdirSync(join(store, 'q', 'r'))).toEqual(['result-1.v8']);
    expect(await fromPayload(p, store)).toEqual(value);
  });

  it('refuses a truncated or missing file with FileUnreadable naming it', async () => {
    const p = await toPayload(valueBytes(value), { store, file: 'q/r/result-2.v8', inlineBytes: 0 });
    truncateSync(join(store, 'q/r/result-2.v8'), 5);
    await expect(fromPayload(p, store)).rejects.toMatchObject({ code: 'FileUnreadable', message: expect.stringMatching(/result-2\.v8.*5 bytes/) });
    await expect(fromPayload({ file: 'q/r/none.v8', bytes: 3 }, store)).rejects.toMatchObject({ code: 'FileUnreadable', message: expect.stringContaining('none.v8') });
  });

  it('reads a value file back bit for bit, and names a missing or foreign one', async () => {
    const file = join(store, 'value.v8');
    writeFileSync(file, valueBytes(value));
    expect(await readValueFile(file)).toEqual(value);
    writeFileSync(file, 'not a value');
    await expect(readValueFile(file)).rejects.toMatchObject({ code: 'FileUnreadable', message: expect.stringContaining('value.v8') });
    await expect(readValueFile(join(store, 'gone.v8'))).rejects.toMatchObject({ code: 'FileUnreadable', message: expect.stringContaining('gone.v8') });
  });
});
