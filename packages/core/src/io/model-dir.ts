import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HepuqError } from '../errors/hepuq-error.js';
import { CORE_VERSION } from '../version.js';
import { writeDirAtomic } from './atomic-write.js';

export const MODEL_FORMAT = 'hepuq-model/1';

/** A named float32 array with its shape. */
export interface NamedArray {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** Everything a saved model holds: JSON metadata (method, options, architecture) plus arrays. */
export interface ModelArchive {
  method: string;
  /** Method-specific JSON: options, architecture, standardisation constants. */
  spec: Record<string, unknown>;
  arrays: NamedArray[];
}

interface ModelJson {
  format: string;
  method: string;
  coreVersion: string;
  spec: Record<string, unknown>;
  arrays: { name: string; shape: number[]; offset: number; length: number }[];
}

/**
 * Save a model to `dir` as `model.json` + `weights.bin` (little-endian float32), atomically.
 * Needs no tfjs-node: any backend can read the arrays back.
 */
export async function writeModelDir(dir: string, archive: ModelArchive): Promise<void> {
  let offset = 0;
  const arrays = archive.arrays.map((a) => {
    const entry = { name: a.name, shape: a.shape, offset, length: a.data.length };
    offset += a.data.length;
    return entry;
  });
  const weights = new Float32Array(offset);
  archive.arrays.forEach((a, i) => weights.set(a.data, arrays[i].offset));
  const json: ModelJson = { format: MODEL_FORMAT, method: archive.method, coreVersion: CORE_VERSION, spec: archive.spec, arrays };
  await writeDirAtomic(dir, async (tmp) => {
    await writeFile(join(tmp, 'model.json'), JSON.stringify(json, null, 2));
    await writeFile(join(tmp, 'weights.bin'), new Uint8Array(weights.buffer));
  }, { kind: 'model' });
}

/** Read a model saved by `writeModelDir`, checking format, method and sizes. */
export async function readModelDir(dir: string, expectedMethod?: string): Promise<ModelArchive> {
  let json: ModelJson;
  let bytes: Buffer;
  try {
    json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as ModelJson;
    bytes = await readFile(join(dir, 'weights.bin'));
  } catch (e) {
    throw new HepuqError('ModelLoadFailed', `cannot read model from ${dir}: ${(e as Error).message}`, { cause: e });
  }
  if (json.format !== MODEL_FORMAT) {
    throw new HepuqError('ModelLoadFailed', `${dir}/model.json has format "${json.format}", expected "${MODEL_FORMAT}"`);
  }
  if (expectedMethod && json.method !== expectedMethod) {
    throw new HepuqError('ModelLoadFailed', `${dir} holds a "${json.method}" model, not "${expectedMethod}"`);
  }
  const total = json.arrays.reduce((s, a) => s + a.length, 0);
  if (bytes.byteLength !== total * 4) {
    throw new HepuqError('ModelLoadFailed', `${dir}/weights.bin has ${bytes.byteLength} bytes, expected ${total * 4} (truncated?)`);
  }
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return {
    method: json.method,
    spec: json.spec,
    arrays: json.arrays.map((a) => ({ name: a.name, shape: a.shape, data: all.slice(a.offset, a.offset + a.length) })),
  };
}
