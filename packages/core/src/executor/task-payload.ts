import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Deserializer, Serializer } from 'node:v8';
import { z } from 'zod';
import { HepuqError } from '../errors/hepuq-error.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { fileSystemError } from '../io/fs-error.js';

/**
 * A task input or result as a distributed executor carries it (in a queue job, say): its structured
 * clone in V8's format (what worker threads exchange, so typed arrays come back bit for bit, each on
 * its own buffer) inline as base64, or, above the inline limit, the path of a file in the shared
 * store (relative to the store root, so machines may mount it elsewhere).
 */
export const TaskPayload = z.union([
  z.object({ inline: z.string() }).strict(),
  z.object({ file: z.string().min(1), bytes: z.number().int().nonnegative() }).strict(),
]);
export type TaskPayload = z.infer<typeof TaskPayload>;

/** Where and how large payloads may be written. */
export interface PayloadTarget {
  /** The shared store's root on this machine. */
  store: string;
  /** The file's path under the root, used when the value is larger than `inlineBytes`. */
  file: string;
  inlineBytes: number;
}

/**
 * The bytes of a structured-cloneable value, as worker threads would copy it (V8's own serializer,
 * not `v8.serialize`, whose typed arrays come back as views into one shared buffer).
 * @example const bytes = valueBytes({ params: [new Float32Array(3)] })
 */
export function valueBytes(value: unknown): Uint8Array {
  const s = new Serializer();
  s.writeHeader();
  s.writeValue(value);
  return s.releaseBuffer();
}

/**
 * The value of `valueBytes`' bytes.
 * @example valueFromBytes(valueBytes(new Float32Array([1, 2]))) // Float32Array [1, 2]
 */
export function valueFromBytes(bytes: Uint8Array): unknown {
  const d = new Deserializer(bytes);
  d.readHeader();
  return d.readValue();
}

/**
 * `bytes` as a payload: inline, or written atomically (temp file + rename) to the store.
 * @example const p = await toPayload(valueBytes(result), { store: '/shared/hepuq', file: 'q/run/result-3.v8', inlineBytes: 65536 })
 */
export async function toPayload(bytes: Uint8Array, target: PayloadTarget): Promise<TaskPayload> {
  if (bytes.byteLength <= target.inlineBytes) return { inline: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
  await writeFileAtomic(join(target.store, target.file), bytes);
  return { file: target.file, bytes: bytes.byteLength };
}

/**
 * The value a payload holds, read from the store root `store` when it is a file; a missing or
 * truncated file is a `FileUnreadable` error naming it.
 * @example const result = await fromPayload(job.returnvalue, '/shared/hepuq')
 */
export async function fromPayload(payload: TaskPayload, store: string): Promise<unknown> {
  if ('inline' in payload) return valueFromBytes(Buffer.from(payload.inline, 'base64'));
  const path = join(store, payload.file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw fileSystemError(e, 'read', path, 'FileUnreadable');
  }
  if (bytes.byteLength !== payload.bytes) {
    throw new HepuqError('FileUnreadable', `${path} holds ${bytes.byteLength} bytes, ${payload.bytes} were written`);
  }
  return valueFromBytes(bytes);
}

/**
 * The value held by a file of `valueBytes` (a task input or result in a shared store); a missing,
 * empty or unreadable file is a `FileUnreadable` error naming it.
 * @example const input = await readValueFile('/shared/hepuq/slurm/5e0c/input-3.v8')
 */
export async function readValueFile(path: string): Promise<unknown> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw fileSystemError(e, 'read', path, 'FileUnreadable');
  }
  try {
    return valueFromBytes(bytes);
  } catch (e) {
    throw new HepuqError('FileUnreadable', `${path} (${bytes.byteLength} bytes) does not hold a serialized value: ${(e as Error).message}`, { cause: e });
  }
}
