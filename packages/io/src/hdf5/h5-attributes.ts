import type { Dataset as H5Dataset, Group as H5Group } from 'h5wasm/node';
import { ioError, wrapIoError } from '../common/io-error.js';
import { resolveItem } from '@hepuq/core';
import { loadH5wasm } from './h5-module.js';
import { assertCompleteHdf5 } from './h5-superblock.js';

/** An attribute value as JSON: numbers, strings, or arrays of them. */
export type Hdf5AttributeValue = string | number | boolean | Hdf5AttributeValue[];

/**
 * The attributes of a group or dataset (default: the root group), as JSON values.
 * @example const attrs = await readHdf5Attributes('calo.h5') // { particle: 'photon' }
 */
export async function readHdf5Attributes(spec: string, item?: string): Promise<Record<string, Hdf5AttributeValue>> {
  const { path, item: inner } = resolveItem(spec, item);
  await assertCompleteHdf5(path);
  const { h5 } = await loadH5wasm();
  let file: InstanceType<typeof h5.File>;
  try {
    file = new h5.File(path, 'r');
  } catch (e) {
    throw ioError('FileUnreadable', `${path}: the HDF5 library cannot open it (damaged file?)`, { cause: e });
  }
  const where = inner ?? '/';
  try {
    const node = where === '/' ? file : file.get(where);
    if (!(node instanceof h5.Group) && !(node instanceof h5.Dataset)) {
      throw ioError('MissingItem', `${path}: no dataset or group "${where}"`);
    }
    const out: Record<string, Hdf5AttributeValue> = {};
    for (const [name, attr] of Object.entries((node as H5Group | H5Dataset).attrs)) {
      const v = attr.json_value;
      if (v !== null) out[name] = v;
    }
    return out;
  } catch (e) {
    throw wrapIoError(e, 'ParseError', `${path}:${where}`, 'attributes cannot be read');
  } finally {
    file.close();
  }
}
