// Property tests of the CSV reader and writer (fast-check, fixed seeds so a failure reproduces).
// Each property runs 40-120 cases of at most a few kB: well under a second each on a 2-core machine.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isHepuqError, type ColumnSelection, type Dataset, type ReadOptions } from '@hepuq/core';
import { formatFloat32 } from '../common/float-text.js';
import { csvFormat } from './csv.format.js';
import { writeCsv } from './csv-write.js';

const fmt = csvFormat();
let dir: string;
let fileNo = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hepuq-io-csv-prop-'));
});

async function file(content: string | Uint8Array, ext = '.csv'): Promise<string> {
  const p = join(dir, `f${fileNo++}${ext}`);
  await writeFile(p, content);
  return p;
}

/** Float32 equality down to the sign of zero. */
function sameFloat32(a: Float32Array, b: ArrayLike<number>): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, Math.fround(b[i])));
}

/** What a read ended with: the Dataset, or the error (anything but a HepuqError fails the property). */
async function attempt(p: Promise<Dataset>): Promise<Dataset | { code: string; message: string; plugin?: string }> {
  try {
    return await p;
  } catch (e) {
    if (!isHepuqError(e)) throw e;
    return { code: e.code, message: e.message, plugin: e.plugin };
  }
}

const float32 = fc.float({ noNaN: true, noDefaultInfinity: true });
/** Any non-empty name, unicode included (the writer quotes what needs it). */
const columnName = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 });

/** A table: unique names and 1-25 rows of float32 values. */
const table = fc.uniqueArray(columnName, { minLength: 1, maxLength: 5 }).chain((names) =>
  fc.record({
    names: fc.constant(names),
    rows: fc.array(fc.array(float32, { minLength: names.length, maxLength: names.length }), { minLength: 1, maxLength: 25 }),
  }),
);

/** How a byte-level file is laid out. */
interface Style {
  eol: '\n' | '\r\n';
  trailingEol: boolean;
  bom: boolean;
  quoteAll: boolean;
  pad: boolean;
  comments: boolean;
  numbers: 'shortest' | 'double' | 'exp';
  /** An extra, unselected text column (any text, quoted) at this position. */
  text: { at: number; value: string } | null;
}

const style: fc.Arbitrary<Style> = fc.record({
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  trailingEol: fc.boolean(),
  bom: fc.boolean(),
  quoteAll: fc.boolean(),
  pad: fc.boolean(),
  comments: fc.boolean(),
  numbers: fc.constantFrom('shortest' as const, 'double' as const, 'exp' as const),
  text: fc.option(fc.record({ at: fc.nat(5), value: fc.string({ unit: 'grapheme', maxLength: 12 }) }), { nil: null }),
});

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
const needsQuotes = (s: string) => /[",\r\n]/.test(s) || s !== s.trim() || s.startsWith('#');

function numberText(v: number, s: Style): string {
  if (Object.is(v, -0)) return '-0';
  const t = s.numbers === 'shortest' ? formatFloat32(v) : s.numbers === 'double' ? String(v) : v.toExponential(9);
  return s.pad ? ` \t${t} ` : t;
}

/** Row edits for the invalid-input properties: replace one cell's text, or add/remove a field. */
interface Edit {
  row: number;
  cell?: { col: number; text: string };
  ragged?: 'add' | 'remove';
}

/** The file's text and, for each data row, the 1-based line it starts on. */
function csvText(names: readonly string[], rows: readonly number[][], s: Style, edit?: Edit): { text: string; lines: number[] } {
  const withText = <T,>(cells: T[], extra: T): T[] => {
    if (!s.text) return cells;
    const at = Math.min(s.text.at, cells.length);
    return [...cells.slice(0, at), extra, ...cells.slice(at)];
  };
  const header = withText(names.map((n) => (s.quoteAll || needsQuotes(n) ? quote(n) : n)), quote('free text'));
  let text = s.comments ? `# written by csv.property.spec${s.eol}${s.eol}` : '';
  text += header.join(',') + s.eol;
  const lines: number[] = [];
  rows.forEach((row, r) => {
    if (s.comments && r % 3 === 1) text += `#${r} is next${s.eol}${s.eol}`;
    let cells = row.map((v) => numberText(v, s));
    if (edit?.row === r && edit.cell) cells[edit.cell.col] = edit.cell.text;
    cells = cells.map((c) => (s.quoteAll ? quote(c) : c));
    cells = withText(cells, quote(s.text?.value ?? ''));
    if (edit?.row === r && edit.ragged === 'add') cells.push('1');
    if (edit?.row === r && edit.ragged === 'remove') cells.pop();
    lines.push((text.match(/\n/g)?.length ?? 0) + 1);
    text += cells.join(',') + (r < rows.length - 1 || s.trailingEol ? s.eol : '');
  });
  return { text: (s.bom ? '\ufeff' : '') + text, lines };
}

const column = (rows: readonly number[][], j: number) => rows.map((r) => r[j]);

describe('csv properties: valid files round-trip exactly (float32, sign of zero included)', () => {
  it('writeCsv then read gives back every column, names and weights (csv and tsv)', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.boolean(), fc.boolean(), async ({ names, rows }, tsv, withWeight) => {
        const cols = Object.fromEntries(names.map((n, j) => [n, Float32Array.from(column(rows, j))]));
        const p = join(dir, `w${fileNo++}${tsv ? '.tsv' : '.csv'}`);
        await writeCsv(p, cols, tsv ? '\t' : ',');
        expect(await fmt.columns!(p)).toEqual(names);
        const weight = withWeight && names.length > 1 ? names.at(-1) : undefined;
        const features = weight === undefined ? names : names.slice(0, -1);
        const ds = await fmt.read(p, { features, weight });
        expect(ds.n).toBe(rows.length);
        for (const n of features) expect(sameFloat32(ds.features[n], cols[n]), n).toBe(true);
        if (weight !== undefined) expect(sameFloat32(ds.weights, cols[weight])).toBe(true);
      }),
      { seed: 42, numRuns: 120 },
    );
  });

  it('byte-level variants (quoting, CRLF, BOM, comments, padding, text columns, trailing newline) read exactly', async () => {
    await fc.assert(
      fc.asyncProperty(table, style, async ({ names, rows }, s) => {
        const p = await file(csvText(names, rows, s).text);
        const ds = await fmt.read(p, { features: names });
        expect(ds.n).toBe(rows.length);
        names.forEach((n, j) => expect(sameFloat32(ds.features[n], column(rows, j)), n).toBe(true));
      }),
      { seed: 42, numRuns: 120 },
    );
  });
});

/** A bad cell's text and what it must raise. */
const badCell = fc.oneof(
  fc.constantFrom('', ' ', '\t').map((text) => ({ text, code: 'NonFiniteValue', why: 'empty' })),
  fc.constantFrom('nan', 'NaN', '-nan', 'inf', '-inf', '+Infinity', 'INF').map((text) => ({ text, code: 'NonFiniteValue', why: 'nan/inf' })),
  fc.integer({ min: 39, max: 400 }).map((e) => ({ text: `${e % 2 ? '-' : ''}3.5e${e}`, code: 'NonFiniteValue', why: 'beyond float32' })),
  // letters that start neither "nan" nor "inf"; a digit or dot after them never makes a number
  fc.stringMatching(/^[a-hj-mo-zA-HJ-MO-Z_][a-zA-Z0-9_.]{0,6}$/).map((text) => ({ text, code: 'ParseError', why: 'not a number' })),
  fc.constantFrom('1.2.3', '--1', '0x1F', '1e', '12abc', '.').map((text) => ({ text, code: 'ParseError', why: 'not a number' })),
);

/** Read `p` as `mode` says: a whole read, a read from an entry before the bad row, or chunks. */
async function readAs(p: string, selection: ColumnSelection, mode: { kind: 'read' | 'start' | 'chunks'; k: number }, badRow: number): Promise<Dataset> {
  if (mode.kind === 'chunks') {
    let last: Dataset | undefined;
    for await (const c of fmt.readChunks!(p, selection, 1 + mode.k)) last = c;
    return last!;
  }
  const options: ReadOptions = mode.kind === 'start' ? { start: mode.k % (badRow + 1) } : {};
  return fmt.read(p, selection, options);
}

const readMode = fc.record({ kind: fc.constantFrom('read' as const, 'start' as const, 'chunks' as const), k: fc.nat(7) });

describe('csv properties: invalid files raise the catalog error that names file, row and column', () => {
  it('one bad cell: NonFiniteValue (empty, nan, inf, beyond float32) or ParseError, at its 1-based data row', async () => {
    const input = table.chain((t) =>
      fc.record({ t: fc.constant(t), s: style, row: fc.nat(t.rows.length - 1), col: fc.nat(t.names.length - 1), bad: badCell, mode: readMode }),
    );
    await fc.assert(
      fc.asyncProperty(input, async ({ t, s, row, col, bad, mode }) => {
        const { text, lines } = csvText(t.names, t.rows, { ...s, pad: false }, { row, cell: { col, text: bad.text } });
        const p = await file(text);
        const got = await attempt(readAs(p, { features: t.names }, mode, row));
        expect(got).toMatchObject({ code: bad.code, plugin: '@hepuq/io' });
        const message = (got as { message: string }).message;
        expect(message.startsWith(`${p}: row ${row + 1} (line ${lines[row]}), column "${t.names[col]}"`), message).toBe(true);
      }),
      { seed: 42, numRuns: 120 },
    );
  });

  it('a ragged row (a field added or removed) is a ParseError at its row', async () => {
    const input = table.chain((t) =>
      fc.record({ t: fc.constant(t), s: style, row: fc.nat(t.rows.length - 1), ragged: fc.constantFrom('add' as const, 'remove' as const), mode: readMode }),
    );
    await fc.assert(
      fc.asyncProperty(input, async ({ t, s, row, ragged, mode }) => {
        // a row of one field with it removed is a blank line, which CSV skips
        fc.pre(ragged === 'add' || t.names.length + (s.text ? 1 : 0) > 1);
        const { text, lines } = csvText(t.names, t.rows, s, { row, ragged });
        const p = await file(text);
        const got = await attempt(readAs(p, { features: [t.names[0]] }, mode, row));
        expect(got).toMatchObject({ code: 'ParseError', plugin: '@hepuq/io' });
        const message = (got as { message: string }).message;
        expect(message.startsWith(`${p}: row ${row + 1} (line ${lines[row]}) has `) && message.includes('(ragged row)'), message).toBe(true);
      }),
      { seed: 42, numRuns: 80 },
    );
  });

  it('a missing column is MissingColumn listing the header', async () => {
    await fc.assert(
      fc.asyncProperty(table, style, columnName, async ({ names, rows }, s, other) => {
        fc.pre(!names.includes(other));
        const p = await file(csvText(names, rows, s).text);
        const got = await attempt(fmt.read(p, { features: [names[0], other] }));
        expect(got).toMatchObject({ code: 'MissingColumn', plugin: '@hepuq/io' });
        expect((got as { message: string }).message).toContain(`"${other}" not found`);
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('damaged headers: unclosed quote, duplicate or empty name, text after a quote; no rows is EmptyDataset', async () => {
    const damage = fc.constantFrom('unclosed', 'duplicate', 'empty-name', 'after-quote', 'header-only', 'nothing');
    await fc.assert(
      fc.asyncProperty(table, damage, async ({ names, rows }, how) => {
        const body = rows.map((r) => r.map(formatFloat32).join(',')).join('\n');
        const head = names.map(quote);
        const text = {
          unclosed: `${head.join(',')},"open\n${body}\n`,
          duplicate: `${[...head, head[0]].join(',')}\n${body}\n`,
          'empty-name': `${[...head, ''].join(',')}\n${body}\n`,
          'after-quote': `${head.join(',')},"x"y\n${body}\n`,
          'header-only': `${head.join(',')}\n`,
          nothing: '# only a comment\n\n',
        }[how];
        const p = await file(text);
        const got = await attempt(fmt.read(p, { features: [names[0]] }));
        expect(got).toMatchObject({ code: how === 'header-only' || how === 'nothing' ? 'EmptyDataset' : 'ParseError', plugin: '@hepuq/io' });
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('a file cut anywhere reads its complete rows or raises a catalog error, and never hangs', async () => {
    const input = table.chain((t) => fc.record({ t: fc.constant(t), s: style, cut: fc.double({ min: 0, max: 1, noNaN: true }) }));
    await fc.assert(
      fc.asyncProperty(input, async ({ t, s, cut }) => {
        const bytes = Buffer.from(csvText(t.names, t.rows, s).text, 'utf8');
        const p = await file(bytes.subarray(0, Math.floor(cut * bytes.length)));
        const got = await attempt(fmt.read(p, { features: t.names }));
        if ('code' in got) {
          expect(['ParseError', 'NonFiniteValue', 'EmptyDataset', 'MissingColumn']).toContain(got.code);
          expect(got.plugin).toBe('@hepuq/io');
          return;
        }
        // the last row may be cut inside a number ("1.25" -> "1.2"): every row before it is intact
        expect(got.n).toBeLessThanOrEqual(t.rows.length);
        t.names.forEach((n, j) => expect(sameFloat32(got.features[n].subarray(0, got.n - 1), column(t.rows, j).slice(0, got.n - 1))).toBe(true));
      }),
      { seed: 42, numRuns: 120 },
    );
  });

  it('random bytes raise a catalog error (or, by chance, read), never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(',', ';', '\t'), async (bytes, delimiter) => {
        const p = await file(Uint8Array.from([0x61, 0x0a, ...bytes]));
        const got = await attempt(fmt.read(p, { features: ['a'] }, { options: { delimiter } }));
        if ('code' in got) expect(got.plugin).toBe('@hepuq/io');
      }),
      { seed: 42, numRuns: 120 },
    );
  });
});
