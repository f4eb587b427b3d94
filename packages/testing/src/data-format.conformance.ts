import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng, type DataFormat, type Dataset } from '@hepuq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught, expectCatalogError } from './conformance-helpers.js';

/** A file the format can read, for formats without `write` (and to check reading real files). */
export interface DataFormatFixture {
  /** Path, `path:item` where the format has items. */
  path: string;
  /** At least one column the file holds. */
  columns: readonly string[];
  /** Its number of rows, where known. */
  rows?: number;
}

/** Checks a format is known to fail, each with the reason or issue that says so. */
export interface DataFormatKnownIssues {
  /** `write` does not keep column names (read back as f0, f1, ...): values are then checked by position. */
  namedRoundTrip?: string;
  /** A directory path is not reported as `FileUnreadable`. */
  directory?: string;
}

export interface DataFormatConformanceOptions {
  format: DataFormat;
  /** A real file to read as well; required when the format has no `write`. */
  fixture?: DataFormatFixture;
  /**
   * Known contract violations: their checks run as `it.fails`, so the suite stays green while they are
   * open and turns red the day they are fixed (then drop the entry).
   */
  knownIssues?: DataFormatKnownIssues;
}

/** Float32 values that trip up text and binary writers: signs, zero, tiny and huge magnitudes, long mantissas. */
function trickyColumns(rows: number): Record<string, Float32Array> {
  const rng = new Rng(21);
  const special = [0, -0, 1, -1, 1e-38, -3.4e38, 3.4e38, 1.1754944e-38, Math.PI, -Math.E, 0.1, 16777217, 123456.789];
  const col = (shift: number, scale: number) =>
    Float32Array.from({ length: rows }, (_, i) => (i < special.length ? special[(i + shift) % special.length] : rng.normal(0, scale)));
  return { a: col(0, 1), b_col: col(5, 1e3), c: col(9, 1e-3) };
}

/** Every column of a dataset as plain arrays (bit-exact for float32, -0 kept). */
function valuesOf(ds: Dataset): Record<string, number[]> {
  return Object.fromEntries([...ds.allColumns()].filter(([n]) => n !== 'weight').map(([n, c]) => [n, Array.from(c)]));
}

/**
 * The contract every data format must meet: declared lowercase extensions; a `write` then `read` of
 * float32 columns (zero, signed zero, denormal-adjacent, largest and long-mantissa values) gives
 * back the exact values, also through `readChunks` and `columns` where they exist; a missing column
 * fails with `MissingColumn` naming it; a missing file and a directory fail with `FileUnreadable`
 * naming the path. Formats without `write` pass a `fixture` file to read instead; `knownIssues` runs
 * the checks of documented violations as `it.fails`.
 * @example describeDataFormatConformance({ format: csvFormat() })
 * @example describeDataFormatConformance({ format: rootFormat(), fixture: { path: 'fixtures/small.root:tree', columns: ['x'] } })
 */
export function describeDataFormatConformance(c: DataFormatConformanceOptions): void {
  const { format } = c;
  const ext = format.extensions[0] ?? '';
  const rows = 257;
  const columns = trickyColumns(rows);
  let dir: string;
  /** The files the read checks use: the one the format wrote, and the fixture. */
  const files: DataFormatFixture[] = [];

  describe(`data format conformance: ${format.key}`, () => {
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'hepuq-format-conformance-'));
      if (format.write) {
        const path = join(dir, `round-trip${ext}`);
        await format.write(path, columns);
        const names = c.knownIssues?.namedRoundTrip ? Object.keys(columns).map((_, j) => `f${j}`) : Object.keys(columns);
        files.push({ path, columns: names, rows });
      }
      if (c.fixture) files.push(c.fixture);
      expect(files.length, `format "${format.key}" has no write: pass a fixture file`).toBeGreaterThan(0);
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('describes itself and declares lowercase extensions', () => {
      expect(format.key).toMatch(/^(?:[a-z0-9][a-z0-9-]*\/)?[a-z0-9][a-z0-9.-]*$/);
      expect(format.description.trim()).not.toBe('');
      expect(format.extensions.length, 'at least one extension').toBeGreaterThan(0);
      for (const e of format.extensions) expect(e).toMatch(/^\.[a-z0-9]+(?:\.[a-z0-9]+)*$/);
    });

    if (format.write) {
      const roundTrip = async (names: readonly string[]) => {
        const path = files[0].path;
        const [a, b, t] = names;
        const ds = await format.read(path, { features: [a, b], target: t });
        expect(ds.n).toBe(rows);
        expect(Array.from(ds.features[a])).toEqual(Array.from(columns.a));
        expect(Array.from(ds.features[b])).toEqual(Array.from(columns.b_col));
        expect(Array.from(ds.target!)).toEqual(Array.from(columns.c));
        if (format.columns) expect((await format.columns(path)).sort()).toEqual([...names].sort());
      };
      const known = c.knownIssues?.namedRoundTrip;
      (known ? it.fails : it)(`reads back exactly the float32 columns it wrote, by name${known ? ` (known issue: ${known})` : ''}`, () => roundTrip(Object.keys(columns)));
      if (known) it('reads back exactly the float32 columns it wrote, by position', () => roundTrip(['f0', 'f1', 'f2']));
      it('reads several targets in the listed order (multi-target regression)', async () => {
        const [a, b, t] = known ? ['f0', 'f1', 'f2'] : Object.keys(columns);
        const ds = await format.read(files[0].path, { features: [a], target: [t, b] });
        expect(ds.targets.map((col) => col.name)).toEqual([t, b]);
        expect(Array.from(ds.targets[0].values)).toEqual(Array.from(columns.c));
        expect(Array.from(ds.targets[1].values)).toEqual(Array.from(columns.b_col));
      });
    }

    it('reads its files, and the same rows in chunks as at once', async () => {
      for (const file of files) {
        const selection = { features: [...file.columns] };
        const whole = await format.read(file.path, selection);
        if (file.rows !== undefined) expect(whole.n, file.path).toBe(file.rows);
        if (format.columns) expect(await format.columns(file.path), file.path).toEqual(expect.arrayContaining([...file.columns]));
        if (!format.readChunks) continue;
        const chunks: Dataset[] = [];
        for await (const chunk of format.readChunks(file.path, selection, 100)) chunks.push(chunk);
        expect(chunks.every((ch) => ch.n <= 100), 'chunks hold at most chunkSize rows').toBe(true);
        const joined = Object.fromEntries(file.columns.map((name) => [name, chunks.flatMap((ch) => Array.from(ch.features[name]))]));
        expect(joined, file.path).toEqual(valuesOf(whole));
      }
    });

    it('fails on a missing column with MissingColumn naming it', async () => {
      for (const file of files) {
        const err = await caught(() => format.read(file.path, { features: [file.columns[0], 'no_such_column'] }));
        expectCatalogError(err, `missing column in ${file.path}`, { code: 'MissingColumn', mentions: ['no_such_column'] });
      }
    });

    it('fails on a missing file with FileUnreadable naming the path', async () => {
      const missing = join(dir, `does-not-exist${ext}`);
      expectCatalogError(await caught(() => format.read(missing, { features: ['a'] })), 'missing file', { code: 'FileUnreadable', mentions: [missing] });
    });

    const knownDirectory = c.knownIssues?.directory;
    (knownDirectory ? it.fails : it)(`fails on a directory with FileUnreadable naming the path${knownDirectory ? ` (known issue: ${knownDirectory})` : ''}`, async () => {
      const folder = join(dir, `folder${ext}`);
      await mkdir(folder, { recursive: true });
      expectCatalogError(await caught(() => format.read(folder, { features: ['a'] })), 'directory', { code: 'FileUnreadable', mentions: [folder] });
    });
  });
}
