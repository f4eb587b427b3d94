import type { FileHandle } from 'node:fs/promises';
import { ioError } from '../common/io-error.js';
import { openForRead, readExactly } from '../common/open-file.js';
import { decodeStrided } from './npy-dtype.js';
import { NPY_PREAMBLE_BYTES, npyHeaderSpan, parseNpyHeader, type NpyField, type NpyLayout } from './npy-header.js';

/** An open .npy file with its parsed layout. Close it with `handle.close()`. */
export interface NpyFile {
  path: string;
  handle: FileHandle;
  layout: NpyLayout;
}

/** Open a .npy file, parse its header and check that the file holds all the data the header promises. */
export async function openNpy(path: string, names?: readonly string[]): Promise<NpyFile> {
  const handle = await openForRead(path);
  try {
    const size = (await handle.stat()).size;
    if (size < 10) throw ioError('FileUnreadable', `${path} is truncated: ${size} bytes is shorter than a .npy header`);
    const pre = await readExactly(handle, path, 0, Math.min(NPY_PREAMBLE_BYTES, size));
    const span = npyHeaderSpan(path, pre);
    // a damaged length field must not become a multi-gigabyte allocation
    if (span.headerStart + span.headerLen > size) {
      throw ioError('FileUnreadable', `${path} is truncated: its header length says ${span.headerStart + span.headerLen} bytes, the file has ${size}`);
    }
    const headerBytes = await readExactly(handle, path, span.headerStart, span.headerLen);
    const text = headerBytes.toString(span.version === 3 ? 'utf8' : 'latin1');
    const layout = parseNpyHeader(path, text, span.version, span.headerStart + span.headerLen, size, names);
    return { path, handle, layout };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/** Read rows [start, end) of the given fields as float32 columns (one contiguous read per block or column). */
export async function readNpyRows(file: NpyFile, fields: readonly NpyField[], start: number, end: number): Promise<Float32Array[]> {
  const { layout, handle, path } = file;
  const count = end - start;
  const out = fields.map(() => new Float32Array(count));
  if (count === 0) return out;
  if (!layout.fortran) {
    const bytes = await readExactly(handle, path, layout.dataOffset + start * layout.rowBytes, count * layout.rowBytes);
    fields.forEach((f, j) => decodeStrided(bytes, f.dtype, f.offset, layout.rowBytes, count, out[j]));
    return out;
  }
  for (let j = 0; j < fields.length; j++) {
    const f = fields[j];
    const at = layout.dataOffset + (f.offset * layout.rows + start) * f.dtype.size;
    const bytes = await readExactly(handle, path, at, count * f.dtype.size);
    decodeStrided(bytes, f.dtype, 0, f.dtype.size, count, out[j]);
  }
  return out;
}
