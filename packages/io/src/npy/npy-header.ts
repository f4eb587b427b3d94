import { ioError } from '../common/io-error.js';
import { parseNpyDtype, type NpyDtype } from './npy-dtype.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** One named column of a .npy file: its dtype, and where it sits (byte offset in a row, or Fortran column index). */
export interface NpyField {
  name: string;
  dtype: NpyDtype;
  /** C order: byte offset inside a row. Fortran order: index of the contiguous column. */
  offset: number;
}

/** What the header says: rows, columns, row size and where the data starts. */
export interface NpyLayout {
  version: number;
  rows: number;
  shape: number[];
  fields: NpyField[];
  /** Bytes per row in C order (sum of the field sizes). */
  rowBytes: number;
  fortran: boolean;
  dataOffset: number;
}

/** Bytes needed to read the preamble (magic, version, header length). */
export const NPY_PREAMBLE_BYTES = 12;

/** Header length and data offset from the first 12 bytes. */
export function npyHeaderSpan(source: string, pre: Uint8Array): { version: number; headerStart: number; headerLen: number } {
  if (pre.length < 10 || MAGIC.some((b, i) => pre[i] !== b)) {
    throw ioError('ParseError', `${source} is not a NumPy .npy file (bad magic bytes)`);
  }
  const version = pre[6];
  const dv = new DataView(pre.buffer, pre.byteOffset, pre.byteLength);
  if (version === 1) return { version, headerStart: 10, headerLen: dv.getUint16(8, true) };
  if ((version === 2 || version === 3) && pre.length < 12) throw ioError('FileUnreadable', `${source} is truncated: ${pre.length} bytes is shorter than a .npy ${version}.0 header`);
  if (version === 2 || version === 3) return { version, headerStart: 12, headerLen: dv.getUint32(8, true) };
  throw ioError('ParseError', `${source}: unsupported .npy format version ${version}.${pre[7]}`);
}

function parseFields(source: string, descr: string): { fields: NpyField[]; rowBytes: number } {
  const fields: NpyField[] = [];
  let offset = 0;
  const re = /\(\s*'([^']*)'\s*,\s*'([^']*)'\s*(,\s*\([^)]*\)\s*)?\)/g;
  for (let m = re.exec(descr); m; m = re.exec(descr)) {
    const dtype = parseNpyDtype(m[2]);
    if (!dtype || m[3]) {
      throw ioError('ParseError', `${source}: field "${m[1]}" has dtype '${m[2]}${m[3] ?? ''}', not a numeric scalar (float, int, uint or bool)`);
    }
    fields.push({ name: m[1], dtype, offset });
    offset += dtype.size;
  }
  if (fields.length === 0) throw ioError('ParseError', `${source}: cannot understand the structured dtype ${descr}`);
  return { fields, rowBytes: offset };
}

/** Columns an array of no rows may declare (its shape is then not bounded by the file's size). */
const MAX_EMPTY_COLUMNS = 1 << 20;

/**
 * Check that the file holds the `rows x d` elements of `size` bytes the shape promises, before any
 * per-column bookkeeping is allocated (a damaged shape could otherwise ask for billions of columns).
 */
function assertDataFits(source: string, shape: readonly number[], d: number, size: number, dataOffset: number, fileSize: number): void {
  const rows = shape[0];
  if (!Number.isSafeInteger(d) || (rows === 0 && d > MAX_EMPTY_COLUMNS)) {
    throw ioError('ParseError', `${source}: shape (${shape.join(', ')}) is not a plausible array (damaged header?)`);
  }
  const need = dataOffset + rows * d * size;
  if (!(need <= fileSize)) {
    throw ioError('FileUnreadable', `${source} is truncated: shape (${shape.join(', ')}) needs ${need} bytes, the file has ${fileSize}`);
  }
}

/**
 * Parse the header dict (`{'descr': '<f8', 'fortran_order': False, 'shape': (100, 3), }`) into a
 * column layout, checking that the `fileSize` bytes hold the data. Trailing dimensions are
 * flattened into columns `f0..f{d-1}` in C order.
 */
export function parseNpyHeader(source: string, text: string, version: number, dataOffset: number, fileSize: number, names?: readonly string[]): NpyLayout {
  const descr = /'descr'\s*:\s*('([^']*)'|\[.*\])/s.exec(text);
  const fortranM = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shapeM = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !fortranM || !shapeM) throw ioError('ParseError', `${source}: malformed .npy header ${JSON.stringify(text.trim())}`);
  const shape = shapeM[1].split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0)) throw ioError('ParseError', `${source}: bad shape (${shapeM[1]})`);
  if (shape.length === 0) throw ioError('ShapeMismatch', `${source} holds a 0-d scalar, not an array of events`);
  const fortran = fortranM[1] === 'True';
  const rows = shape[0];
  let fields: NpyField[];
  let rowBytes: number;
  if (descr[2] === undefined) {
    // structured arrays of more than one dimension are rare enough to refuse clearly
    if (fortran || shape.length > 1) {
      throw ioError('ShapeMismatch', `${source}: structured arrays must be 1-D in C order, got shape (${shape.join(', ')})`);
    }
    ({ fields, rowBytes } = parseFields(source, descr[1]));
    assertDataFits(source, shape, 1, rowBytes, dataOffset, fileSize);
  } else {
    const dtype = parseNpyDtype(descr[2]);
    if (!dtype) {
      throw ioError('ParseError', `${source}: dtype '${descr[2]}' is not numeric; hepuq reads float (f4, f8), int, uint and bool arrays`);
    }
    const d = shape.slice(1).reduce((a, b) => a * b, 1);
    assertDataFits(source, shape, d, dtype.size, dataOffset, fileSize);
    fields = Array.from({ length: d }, (_, k) => ({ name: `f${k}`, dtype, offset: fortran ? fortranColumn(shape.slice(1), k) : k * dtype.size }));
    rowBytes = d * dtype.size;
  }
  if (names !== undefined) {
    if (names.length !== fields.length) {
      throw ioError('ShapeMismatch', `${source}: options.columns names ${names.length} columns, the array has ${fields.length}`);
    }
    fields = fields.map((f, j) => ({ ...f, name: names[j] }));
  }
  return { version, rows, shape, fields, rowBytes, fortran, dataOffset };
}

/** Fortran column index of the C-order flat index `k` over trailing dimensions `dims`. */
function fortranColumn(dims: readonly number[], k: number): number {
  let c = 0;
  let stride = 1;
  const idx: number[] = [];
  for (let r = dims.length - 1; r >= 0; r--) {
    idx[r] = k % dims[r];
    k = Math.floor(k / dims[r]);
  }
  for (let r = 0; r < dims.length; r++) {
    c += idx[r] * stride;
    stride *= dims[r];
  }
  return c;
}

/** A version 1.0 header (version 2.0 if it does not fit), padded so the data starts at a multiple of 64. */
export function buildNpyHeader(descr: string, shape: readonly number[]): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const v1 = 10 + dict.length + 1 <= 65535 + 10;
  const pre = v1 ? 10 : 12;
  const total = Math.ceil((pre + dict.length + 1) / 64) * 64;
  const header = dict.padEnd(total - pre - 1, ' ') + '\n';
  const out = new Uint8Array(total);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, v1 ? 1 : 2, 0]);
  const dv = new DataView(out.buffer);
  if (v1) dv.setUint16(8, header.length, true);
  else dv.setUint32(8, header.length, true);
  out.set(Buffer.from(header, 'latin1'), pre);
  return out;
}
