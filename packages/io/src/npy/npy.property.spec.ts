// Property tests of the .npy reader and writer (fast-check, fixed seeds so a failure reproduces).
// The files are built byte by byte here (NumPy format spec: magic, version, header length, header
// dict, data), so the reader is checked against the format rather than against our own writer.
// Each property runs 60-150 cases of at most a few kB: well under a second each on a 2-core machine.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isHepuqError, type Dataset, type ReadOptions } from '@hepuq/core';
import { npyFormat } from './npy.format.js';
import { writeNpy } from './npy-write.js';

const fmt = npyFormat();
let dir: string;
let fileNo = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hepuq-io-npy-prop-'));
});

async function file(bytes: Uint8Array): Promise<string> {
  const p = join(dir, `f${fileNo++}.npy`);
  await writeFile(p, bytes);
  return p;
}

async function attempt<T>(p: Promise<T>): Promise<T | { code: string; message: string; plugin?: string }> {
  try {
    return await p;
  } catch (e) {
    if (!isHepuqError(e)) throw e;
    return { code: e.code, message: e.message, plugin: e.plugin };
  }
}

const isError = (v: unknown): v is { code: string; message: string; plugin?: string } => typeof v === 'object' && v !== null && 'code' in v;

/** Float32 equality down to the sign of zero. */
const sameFloat32 = (a: Float32Array, b: readonly number[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

type Kind = 'f4' | 'f8' | 'i1' | 'i2' | 'i4' | 'i8' | 'u1' | 'u2' | 'u4' | 'u8' | 'b1';
const SIZE: Record<Kind, number> = { f4: 4, f8: 8, i1: 1, i2: 2, i4: 4, i8: 8, u1: 1, u2: 2, u4: 4, u8: 8, b1: 1 };

/** A value of the dtype (finite as float32) and the float32 hepuq must read for it. */
function valueOf(kind: Kind): fc.Arbitrary<{ raw: number | bigint | boolean; f32: number }> {
  const num = (a: fc.Arbitrary<number>) => a.map((raw) => ({ raw, f32: Math.fround(raw) }));
  const big = (a: fc.Arbitrary<bigint>) => a.map((raw) => ({ raw, f32: Math.fround(Number(raw)) }));
  switch (kind) {
    case 'f4': return num(fc.float({ noNaN: true, noDefaultInfinity: true }));
    case 'f8': return num(fc.double({ min: -3.4e38, max: 3.4e38, noNaN: true }));
    case 'i1': return num(fc.integer({ min: -128, max: 127 }));
    case 'i2': return num(fc.integer({ min: -32768, max: 32767 }));
    case 'i4': return num(fc.integer());
    case 'u1': return num(fc.integer({ min: 0, max: 255 }));
    case 'u2': return num(fc.integer({ min: 0, max: 65535 }));
    case 'u4': return num(fc.integer({ min: 0, max: 2 ** 32 - 1 }));
    case 'i8': return big(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }));
    case 'u8': return big(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }));
    case 'b1': return fc.boolean().map((raw) => ({ raw, f32: raw ? 1 : 0 }));
  }
}

function setValue(dv: DataView, at: number, kind: Kind, raw: number | bigint | boolean, le: boolean): void {
  switch (kind) {
    case 'f4': return dv.setFloat32(at, raw as number, le);
    case 'f8': return dv.setFloat64(at, raw as number, le);
    case 'i1': return dv.setInt8(at, raw as number);
    case 'i2': return dv.setInt16(at, raw as number, le);
    case 'i4': return dv.setInt32(at, raw as number, le);
    case 'i8': return dv.setBigInt64(at, raw as bigint, le);
    case 'u1': return dv.setUint8(at, raw as number);
    case 'u2': return dv.setUint16(at, raw as number, le);
    case 'u4': return dv.setUint32(at, raw as number, le);
    case 'u8': return dv.setBigUint64(at, raw as bigint, le);
    case 'b1': return dv.setUint8(at, raw ? 1 : 0);
  }
}

/** How the header dict is written: NumPy's own layout, or the liberties a Python literal allows. */
const headerStyle = fc.record({
  version: fc.constantFrom(1, 2, 3),
  keyOrder: fc.constantFrom([0, 1, 2], [2, 1, 0], [1, 0, 2]),
  space: fc.constantFrom('', ' ', '  '),
  trailingComma: fc.boolean(),
  align: fc.constantFrom(1, 16, 64),
});
type HeaderStyle = typeof headerStyle extends fc.Arbitrary<infer T> ? T : never;

/** Magic, version, header length and the padded dict (`\n`-terminated), as the NumPy format spec says. */
function header(descr: string, fortran: boolean, shape: readonly number[], s: HeaderStyle): Uint8Array {
  const sp = s.space;
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(`,${sp}`)})`;
  const entries = [`'descr':${sp}${descr}`, `'fortran_order':${sp}${fortran ? 'True' : 'False'}`, `'shape':${sp}${shapeText}`];
  const dict = `{${s.keyOrder.map((k) => entries[k]).join(`,${sp}`)}${s.trailingComma ? ',' : ''}${sp}}`;
  const pre = s.version === 1 ? 10 : 12;
  const body = Buffer.from(dict, s.version === 3 ? 'utf8' : 'latin1');
  const total = Math.ceil((pre + body.length + 1) / s.align) * s.align;
  const out = new Uint8Array(total).fill(0x20);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, s.version, 0]);
  const dv = new DataView(out.buffer);
  if (s.version === 1) dv.setUint16(8, total - pre, true);
  else dv.setUint32(8, total - pre, true);
  out.set(body, pre);
  out[total - 1] = 0x0a;
  return out;
}

/** An array of one dtype, shape (n,), (n, d) or (n, d1, d2), in C or Fortran order, with its expected columns. */
const plainArray = fc
  .record({
    kind: fc.constantFrom<Kind>('f4', 'f8', 'i4', 'i8', 'u1', 'b1', 'i1', 'i2', 'u2', 'u4', 'u8'),
    bigEndian: fc.boolean(),
    fortran: fc.boolean(),
    shape: fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 20 })),
      fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 4 })),
      fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    ),
    style: headerStyle,
  })
  .chain((a) => {
    const count = a.shape.reduce((x, y) => x * y, 1);
    return fc.record({ a: fc.constant(a), values: fc.array(valueOf(a.kind), { minLength: count, maxLength: count }) });
  })
  .map(({ a, values }) => {
    const shape: readonly number[] = a.shape;
    const n = shape[0];
    const rest = shape.slice(1);
    const dims = rest.length === 0 ? [1] : rest;
    const d = dims.reduce((x, y) => x * y, 1);
    const size = SIZE[a.kind];
    const order = size === 1 ? '|' : a.bigEndian ? '>' : '<';
    const head = header(`'${order}${a.kind}'`, a.fortran, a.shape, a.style);
    const bytes = new Uint8Array(head.length + values.length * size);
    bytes.set(head);
    const dv = new DataView(bytes.buffer, head.length);
    // values[i * d + k] is row i, column k (k the C-order index over the trailing dimensions)
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < d; k++) {
        // Fortran order is column-major over every dimension, rows first
        const at = a.fortran ? i + n * fortranIndex(dims, k) : i * d + k;
        setValue(dv, at * size, a.kind, values[i * d + k].raw, order !== '>');
      }
    }
    const names = Array.from({ length: d }, (_, k) => `f${k}`);
    const columns = names.map((_, k) => Array.from({ length: n }, (__, i) => values[i * d + k].f32));
    return { ...a, n, d, size, dataOffset: head.length, bytes, names, columns };
  });

/** A 1-D structured array: random field names and dtypes (NumPy packs the fields without padding). */
const structuredArray = fc
  .record({
    fields: fc.uniqueArray(
      fc.record({ name: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 5 }).filter((s) => !s.includes("'") && !s.includes('\\')), kind: fc.constantFrom<Kind>('f4', 'f8', 'i4', 'i8', 'u1', 'b1') }),
      { minLength: 1, maxLength: 4, selector: (f) => f.name },
    ),
    n: fc.integer({ min: 1, max: 15 }),
    bigEndian: fc.boolean(),
    style: headerStyle.map((s) => ({ ...s, version: 3 as const })),
  })
  .chain((a) => fc.record({ a: fc.constant(a), rows: fc.array(fc.tuple(...a.fields.map((f) => valueOf(f.kind))), { minLength: a.n, maxLength: a.n }) }))
  .map(({ a, rows }) => {
    const order = a.bigEndian ? '>' : '<';
    const descr = `[${a.fields.map((f) => `('${f.name}', '${SIZE[f.kind] === 1 ? '|' : order}${f.kind}')`).join(', ')}]`;
    const head = header(descr, false, [a.n], a.style);
    const rowBytes = a.fields.reduce((s, f) => s + SIZE[f.kind], 0);
    const bytes = new Uint8Array(head.length + a.n * rowBytes);
    bytes.set(head);
    const dv = new DataView(bytes.buffer, head.length);
    rows.forEach((row, i) => {
      let at = i * rowBytes;
      a.fields.forEach((f, j) => {
        setValue(dv, at, f.kind, row[j].raw, !a.bigEndian);
        at += SIZE[f.kind];
      });
    });
    return { bytes, names: a.fields.map((f) => f.name), columns: a.fields.map((_, j) => rows.map((r) => r[j].f32)) };
  });

describe('npy properties: valid files read exactly', () => {
  it('f4 f8 i1-i8 u1-u8 b1, either byte order, C or Fortran order, 1-3 dimensions, format 1.0-3.0', async () => {
    await fc.assert(
      fc.asyncProperty(plainArray, async (a) => {
        const p = await file(a.bytes);
        expect(await fmt.columns!(p)).toEqual(a.names);
        const ds = await fmt.read(p, { features: a.names });
        expect(ds.n).toBe(a.n);
        a.names.forEach((name, k) => expect(sameFloat32(ds.features[name], a.columns[k]), `${name} of ${a.kind}`).toBe(true));
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('structured arrays read by their (unicode) field names', async () => {
    await fc.assert(
      fc.asyncProperty(structuredArray, async (a) => {
        const p = await file(a.bytes);
        expect(await fmt.columns!(p)).toEqual(a.names);
        const ds = await fmt.read(p, { features: a.names });
        a.names.forEach((name, j) => expect(sameFloat32(ds.features[name], a.columns[j]), name).toBe(true));
      }),
      { seed: 42, numRuns: 80 },
    );
  });

  it('writeNpy then read with options.columns gives back every column bit for bit', async () => {
    const cols = fc.integer({ min: 1, max: 5 }).chain((d) =>
      fc.array(fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { minLength: d, maxLength: d }), { minLength: 1, maxLength: 30 }),
    );
    await fc.assert(
      fc.asyncProperty(cols, async (rows) => {
        const names = rows[0].map((_, j) => `c${j}`);
        const p = join(dir, `w${fileNo++}.npy`);
        await writeNpy(p, Object.fromEntries(names.map((n, j) => [n, Float32Array.from(rows, (r) => r[j])])));
        const ds = await fmt.read(p, { features: names }, { options: { columns: names } });
        names.forEach((n, j) => expect(sameFloat32(ds.features[n], rows.map((r) => r[j])), n).toBe(true));
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

/** How a read is made: whole, from an entry at or before the row of interest, or in chunks. */
const readMode = fc.record({ kind: fc.constantFrom('read' as const, 'start' as const, 'chunks' as const), k: fc.nat(7) });

async function readAs(p: string, names: string[], mode: { kind: string; k: number }, row: number): Promise<Dataset> {
  if (mode.kind === 'chunks') {
    let last: Dataset | undefined;
    for await (const c of fmt.readChunks!(p, { features: names }, 1 + mode.k)) last = c;
    return last!;
  }
  const options: ReadOptions = mode.kind === 'start' ? { start: mode.k % (row + 1) } : {};
  return fmt.read(p, { features: names }, options);
}

describe('npy properties: invalid files raise the catalog error naming file, row and column', () => {
  it('NaN, Inf or a float64 beyond float32 in one cell is NonFiniteValue at its 1-based row', async () => {
    const input = plainArray
      .filter((a) => a.kind === 'f4' || a.kind === 'f8')
      .chain((a) => fc.record({ a: fc.constant(a), row: fc.nat(a.n - 1), col: fc.nat(a.d - 1), bad: fc.constantFrom(NaN, Infinity, -Infinity, 1e39, -3e300), mode: readMode }));
    await fc.assert(
      fc.asyncProperty(input, async ({ a, row, col, bad, mode }) => {
        fc.pre(a.kind === 'f8' || !Number.isFinite(bad));
        const bytes = a.bytes.slice();
        const dv = new DataView(bytes.buffer, a.dataOffset);
        const at = (a.fortran ? row + a.n * fortranIndex(a.shape.slice(1), col) : row * a.d + col) * a.size;
        if (a.kind === 'f4') dv.setFloat32(at, bad, !a.bigEndian);
        else dv.setFloat64(at, bad, !a.bigEndian);
        const p = await file(bytes);
        const got = await attempt(readAs(p, a.names, mode, row));
        expect(got).toMatchObject({ code: 'NonFiniteValue', plugin: '@hepuq/io' });
        expect((got as { message: string }).message).toMatch(new RegExp(`: column "f${col}" row ${row + 1} is `));
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('a file cut anywhere is FileUnreadable ("truncated")', async () => {
    const input = plainArray.chain((a) => fc.record({ a: fc.constant(a), cut: fc.nat(a.bytes.length - 1) }));
    await fc.assert(
      fc.asyncProperty(input, async ({ a, cut }) => {
        const p = await file(a.bytes.subarray(0, cut));
        for (const got of [await attempt(fmt.read(p, { features: ['f0'] })), await attempt(fmt.columns!(p))]) {
          expect(got).toMatchObject({ code: 'FileUnreadable', plugin: '@hepuq/io' });
          expect((got as { message: string }).message).toContain('truncated');
        }
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('damaged headers are ParseError, FileUnreadable or ShapeMismatch, as the damage says', async () => {
    const damage = fc.oneof(
      fc.constantFrom("'<c8'", "'|S5'", "'|O'", "'<f2'", "'<M8[ns]'", "'<U3'").map((descr) => ({ descr, code: 'ParseError', says: 'is not numeric' })),
      fc.constantFrom('(-1, 3)', '(1.5,)', '(2, x)').map((shape) => ({ shape, code: 'ParseError', says: 'bad shape' })),
      fc.constantFrom('(1099511627776, 3)', '(3, 1099511627776)', '(9007199254740991, 9007199254740991)').map((shape) => ({ shape, code: 'FileUnreadable', says: 'truncated' })),
      fc.constantFrom('(0, 1099511627776)', '(1, 99999999999999999999)').map((shape) => ({ shape, code: 'ParseError', says: 'shape' })),
      fc.constant({ shape: '()', code: 'ShapeMismatch', says: '0-d' }),
      fc.constant({ drop: 'shape', code: 'ParseError', says: 'malformed' }),
      fc.integer({ min: 4, max: 255 }).map((version) => ({ version, code: 'ParseError', says: 'version' })),
      fc.constant({ version: 0, code: 'ParseError', says: 'version' }),
      fc.constant({ magic: true, code: 'ParseError', says: 'magic' }),
      fc.constantFrom(0xffff, 0x7fffffff, 0xffffffff).map((headerLen) => ({ headerLen, code: 'FileUnreadable', says: 'truncated' })),
    );
    await fc.assert(
      fc.asyncProperty(plainArray, damage, async (a, dmg) => {
        let bytes: Uint8Array;
        if ('descr' in dmg || 'shape' in dmg || 'drop' in dmg) {
          const descr = 'descr' in dmg ? dmg.descr : `'<f4'`;
          const shape = 'shape' in dmg ? dmg.shape : '(3,)';
          const dict = 'drop' in dmg ? `{'descr': ${descr}, 'fortran_order': False, }` : `{'descr': ${descr}, 'fortran_order': False, 'shape': ${shape}, }`;
          const head = Buffer.from(`\x93NUMPY\x01\x00${String.fromCharCode(dict.length + 1, 0)}${dict}\n`, 'latin1');
          bytes = Buffer.concat([head, Buffer.alloc(64)]);
        } else {
          bytes = a.bytes.slice();
          if ('version' in dmg) bytes[6] = dmg.version;
          if ('magic' in dmg) bytes[1] ^= 0x20;
          if ('headerLen' in dmg) {
            const dv = new DataView(bytes.buffer);
            if (bytes[6] === 1) dv.setUint16(8, Math.min(dmg.headerLen, 0xffff), true);
            else dv.setUint32(8, dmg.headerLen, true);
          }
        }
        const p = await file(bytes);
        const got = await attempt(fmt.read(p, { features: ['f0'] }));
        expect(got).toMatchObject({ code: dmg.code, plugin: '@hepuq/io' });
        expect((got as { message: string }).message).toContain(dmg.says);
      }),
      { seed: 42, numRuns: 120 },
    );
  });

  it('MissingColumn for a column past the last, ShapeMismatch when options.columns miscounts', async () => {
    await fc.assert(
      fc.asyncProperty(plainArray, async (a) => {
        const p = await file(a.bytes);
        const missing = await attempt(fmt.read(p, { features: [`f${a.d}`] }));
        expect(missing).toMatchObject({ code: 'MissingColumn', plugin: '@hepuq/io' });
        const miscount = await attempt(fmt.read(p, { features: ['x'] }, { options: { columns: Array.from({ length: a.d + 1 }, (_, j) => `x${j}`) } }));
        expect(miscount).toMatchObject({ code: 'ShapeMismatch', plugin: '@hepuq/io' });
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('random bytes after the magic raise a catalog error (or, by chance, read), never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(1, 2, 3), fc.uint8Array({ maxLength: 400 }), async (version, rest) => {
        const p = await file(Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0, ...rest]));
        for (const got of [await attempt(fmt.read(p, { features: ['f0'] })), await attempt(fmt.columns!(p))]) {
          if (isError(got)) expect(got.plugin).toBe('@hepuq/io');
        }
      }),
      { seed: 42, numRuns: 150 },
    );
  });
});

/** Fortran position of C-order column `k` over trailing dimensions `dims` (column-major). */
function fortranIndex(dims: readonly number[], k: number): number {
  const idx: number[] = [];
  for (let r = dims.length - 1; r >= 0; r--) {
    idx[r] = k % dims[r];
    k = Math.floor(k / dims[r]);
  }
  let f = 0;
  for (let r = dims.length - 1; r >= 0; r--) f = f * dims[r] + idx[r];
  return f;
}
