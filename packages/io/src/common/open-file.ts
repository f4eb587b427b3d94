import { open, type FileHandle } from 'node:fs/promises';
import { ioError } from './io-error.js';

/**
 * Open a file for reading, turning a missing or unreadable file, or a directory (which Linux opens
 * and fails only at the first read), into `FileUnreadable` naming it.
 */
export async function openForRead(path: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'does not exist' : err.code === 'EISDIR' ? 'is a directory' : `cannot be opened (${err.code ?? err.message})`;
    throw ioError('FileUnreadable', `${path} ${why}`, { cause: e });
  }
  if ((await handle.stat()).isDirectory()) {
    await handle.close();
    throw ioError('FileUnreadable', `${path} is a directory`, { hint: 'Give the path of a data file, not of the directory holding it.' });
  }
  return handle;
}

/** The most one read may ask for (`fs.read` takes a 32-bit length; Node aborts the process beyond it). */
const MAX_READ_BYTES = 0x7fffffff;

/**
 * Read exactly `length` bytes at `position`, or fail with `FileUnreadable` (truncated file). An
 * impossible offset or length (a damaged length field read from the file) is refused before any
 * buffer is allocated.
 */
export async function readExactly(handle: FileHandle, source: string, position: number, length: number): Promise<Buffer> {
  if (!Number.isSafeInteger(position) || position < 0 || !Number.isSafeInteger(length) || length < 0 || length > MAX_READ_BYTES) {
    throw ioError('FileUnreadable', `${source} is damaged: it asks for ${length} bytes at offset ${position} (a corrupt length or offset field)`);
  }
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(buf, got, length - got, position + got);
    if (bytesRead === 0) {
      throw ioError('FileUnreadable', `${source} is truncated: needed ${length} bytes at offset ${position}, found ${got}`);
    }
    got += bytesRead;
  }
  return buf;
}
