import { open, type FileHandle } from 'node:fs/promises';
import { ioError } from './io-error.js';

/** Open a file for reading, turning a missing or unreadable file into `FileUnreadable` naming it. */
export async function openForRead(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'does not exist' : err.code === 'EISDIR' ? 'is a directory' : `cannot be opened (${err.code ?? err.message})`;
    throw ioError('FileUnreadable', `${path} ${why}`, { cause: e });
  }
}

/** Read exactly `length` bytes at `position`, or fail with `FileUnreadable` (truncated file). */
export async function readExactly(handle: FileHandle, source: string, position: number, length: number): Promise<Buffer> {
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
