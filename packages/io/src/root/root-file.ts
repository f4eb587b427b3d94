import type { FileHandle } from 'node:fs/promises';
import { ioError } from '../common/io-error.js';
import { openForRead, readExactly } from '../common/open-file.js';

/** What jsroot needs of a file (its `FileProxy` interface); `closeFile` releases the descriptor. */
export interface RootFileAccess {
  openFile(): Promise<boolean>;
  getFileName(): string;
  getFileSize(): number;
  readBuffer(pos: number, length: number): Promise<DataView>;
  closeFile(): void;
}

type BoundedFileClass = new (path: string, handle: FileHandle, size: number) => RootFileAccess;
let boundedFile: BoundedFileClass | undefined;

/** jsroot accepts only subclasses of its own FileProxy, and jsroot is loaded on first use. */
async function boundedFileClass(): Promise<BoundedFileClass> {
  if (boundedFile) return boundedFile;
  const { FileProxy } = await import('jsroot/io');
  boundedFile = class BoundedRootFile extends FileProxy implements RootFileAccess {
    #closed = false;
    constructor(
      private readonly path: string,
      private readonly handle: FileHandle,
      private readonly size: number,
    ) {
      super();
    }
    override async openFile(): Promise<boolean> {
      return true;
    }
    override getFileName(): string {
      return this.path;
    }
    override getFileSize(): number {
      return this.size;
    }
    override async readBuffer(pos: number, length: number): Promise<DataView> {
      if (!Number.isSafeInteger(pos) || !Number.isSafeInteger(length) || pos < 0 || length < 0 || pos > this.size || length > this.size) {
        throw ioError('FileUnreadable', `${this.path} is damaged: a record claims ${length} bytes at offset ${pos}, the file has ${this.size}`);
      }
      const bytes = Buffer.alloc(length);
      const have = Math.min(length, this.size - pos);
      if (have > 0) (await readExactly(this.handle, this.path, pos, have)).copy(bytes);
      return new DataView(bytes.buffer, bytes.byteOffset, length);
    }
    override closeFile(): void {
      if (this.#closed) return;
      this.#closed = true;
      void this.handle.close().catch(() => undefined);
    }
  };
  return boundedFile;
}

/**
 * Open `path` for jsroot through a bounded `FileProxy`. jsroot's own Node reader calls `fs.read`
 * inside callbacks, so a damaged seek or length field (negative, or past 2 GiB) aborts the process or
 * throws where no promise can catch it, and it never closes the descriptor. Here each request is
 * checked first: offset and length must be non-negative and within the file's size, or the read
 * rejects with `FileUnreadable` naming the file. Bytes past the end read as zeros, as in jsroot's
 * reader (its first request is a fixed 400-byte block). Call `closeFile()` when done.
 * @example const proxy = await openRootFile('hzz.root'); const file = await openFile(proxy)
 */
export async function openRootFile(path: string): Promise<RootFileAccess> {
  const Bounded = await boundedFileClass();
  const handle = await openForRead(path);
  try {
    return new Bounded(path, handle, (await handle.stat()).size);
  } catch (e) {
    await handle.close();
    throw ioError('FileUnreadable', `${path} cannot be read: ${(e as Error).message}`, { cause: e });
  }
}
