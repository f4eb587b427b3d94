import type { ReadOptions } from '@hepuq/core';
import { ioError } from './io-error.js';

/** A half-open range of entries [start, end). */
export interface EntryRange {
  start: number;
  end: number;
}

/** Validate `start`/`count` against `total` entries (count defaults to the rest of the file). */
export function entryRange(source: string, total: number, options: ReadOptions = {}): EntryRange {
  const start = options.start ?? 0;
  if (!Number.isInteger(start) || start < 0) throw ioError('InvalidArgument', `${source}: start must be a non-negative integer, got ${start}`);
  if (options.count !== undefined && (!Number.isInteger(options.count) || options.count < 0)) {
    throw ioError('InvalidArgument', `${source}: count must be a non-negative integer, got ${options.count}`);
  }
  const end = options.count === undefined ? total : Math.min(total, start + options.count);
  if (start >= total || end <= start) {
    throw ioError('EmptyDataset', `${source}: no events in entries [${start}, ${end}) of a file with ${total}`);
  }
  return { start, end };
}

/** Validate the chunk size given to `readChunks`. */
export function assertChunkSize(source: string, chunkSize: number): void {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw ioError('InvalidArgument', `${source}: chunkSize must be a positive integer, got ${chunkSize}`);
  }
}
