import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectBumpFitError, thrownBy } from './fixtures/expect-bump-fit-error.js';
import { readCountsCsv } from './read-counts-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'hepuq-counts-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readCountsCsv', () => {
  it('reads low, high and count by name, in file order, ignoring other columns, comments and blank lines', async () => {
    const path = write('ok.csv', '\uFEFF# dijet spectrum\r\nlabel,count,high,low\r\nb,12,2200.125,2100\r\n\r\na,"30",2100,2000\r\n');
    const bins = await readCountsCsv(path);
    expect(Array.from(bins.low)).toEqual([2100, 2000]);
    expect(Array.from(bins.high)).toEqual([2200.125, 2100]);
    expect(Array.from(bins.counts)).toEqual([12, 30]);
  });

  it('keeps every digit of the edges (float64)', async () => {
    const bins = await readCountsCsv(write('digits.csv', 'low,high,count\n2166.6666666666665,2333.3333333333335,1e3\n'));
    expect(bins.low[0]).toBe(2166.6666666666665);
    expect(bins.counts[0]).toBe(1000);
  });

  it('names the file, and the line or row, in its errors', async () => {
    const cases: [string, string, Parameters<typeof expectBumpFitError>[1], string[]][] = [
      ['empty.csv', '\n# nothing\n', 'EmptyDataset', ['no header row']],
      ['header-only.csv', 'low,high,count\n', 'EmptyDataset', ['no bins']],
      ['no-count.csv', 'low,high,n\n2000,2100,3\n', 'MissingColumn', ['"count"', '"n"']],
      ['bad-number.csv', 'low,high,count\n2000,2100,3\n2100,2200,many\n', 'ParseError', ['line 3', '"count"', 'many']],
      ['short-row.csv', 'low,high,count\n2000,2100\n', 'ParseError', ['line 2 has 2 fields']],
      ['nan.csv', 'low,high,count\n2000,2100,3\n2100,2200,nan\n', 'NonFiniteValue', ['count of row 2 is NaN']],
      ['negative.csv', 'low,high,count\n2000,2100,-3\n', 'InvalidArgument', ['count of row 1 is -3']],
    ];
    for (const [name, text, code, mentions] of cases) expectBumpFitError(await thrownBy(() => readCountsCsv(write(name, text))), code, [name, ...mentions]);
    expectBumpFitError(await thrownBy(() => readCountsCsv(join(dir, 'nope.csv'))), 'FileUnreadable', ['nope.csv', 'ENOENT']);
  });
});
