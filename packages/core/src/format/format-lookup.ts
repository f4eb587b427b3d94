import type { DataFormat } from '../data/data-format.js';
import { HepuqError } from '../errors/hepuq-error.js';
import type { Registries } from '../registry/registries.js';

/** A file path with an optional item inside the file (`file.root:Events`, `file.h5:/group/dataset`). */
export interface ItemPath {
  path: string;
  item?: string;
}

/** A data source resolved to its format, file path and item inside the file. */
export interface ResolvedSource extends ItemPath {
  format: DataFormat;
}

const DRIVE = /^[A-Za-z]:[\\/]/;

/**
 * Split `file.ext:item` on the last ':' that is not a Windows drive (`C:\`). The split is taken only
 * when the part before the ':' ends in a file name with an extension, so a directory such as
 * `runs/10:30/x.csv` stays one path.
 * @example splitItemPath('data/hzz.root:events') // { path: 'data/hzz.root', item: 'events' }
 */
export function splitItemPath(spec: string): ItemPath {
  const colon = spec.lastIndexOf(':');
  if (colon < 0 || (colon === 1 && DRIVE.test(spec))) return { path: spec };
  const path = spec.slice(0, colon);
  const item = spec.slice(colon + 1);
  const base = path.split(/[\\/]/).pop() ?? '';
  if (item === '' || !/\.[A-Za-z0-9]+$/.test(base)) return { path: spec };
  return { path, item };
}

/**
 * The item to read: an explicit `item` wins over one given in the path.
 * @example resolveItem('f.h5:/a', '/b') // { path: 'f.h5', item: '/b' }
 */
export function resolveItem(spec: string, item: string | undefined): ItemPath {
  const split = splitItemPath(spec);
  return item === undefined ? split : { path: split.path, item };
}

/**
 * The format for `spec` (`file.ext` or `file.ext:item`): the registered format named by `format`,
 * else the one whose extension ends the file name (the longest match, case-insensitive;
 * `file.root:Events` is matched on `file.root`). Anything else is an `UnsupportedFormat` error
 * listing what is registered.
 * @example const fmt = formatForPath(app.registries, 'data/hzz.root:events') // the 'root' format
 */
export function formatForPath(registries: Pick<Registries, 'formats'>, spec: string, format?: string): DataFormat {
  const entries = registries.formats.entries();
  if (format !== undefined) {
    const hit = entries.find((e) => e.key === format);
    if (hit) return hit.value;
    throw new HepuqError('UnsupportedFormat', `${spec}: format "${format}" is not registered; registered: ${entries.map((e) => e.key).join(', ') || '(none)'}`, {
      hint: 'Add @hepuq/io (or the plugin that provides the format) to `plugins:`, or fix the format key.',
    });
  }
  const file = splitItemPath(spec).path.toLowerCase();
  let best: DataFormat | undefined;
  let bestLength = 0;
  for (const { value } of entries) {
    for (const ext of value.extensions) {
      if (file.endsWith(ext.toLowerCase()) && ext.length > bestLength) {
        best = value;
        bestLength = ext.length;
      }
    }
  }
  if (best) return best;
  const known = entries.flatMap((e) => e.value.extensions.map((x) => `${x} (${e.key})`)).join(', ');
  throw new HepuqError('UnsupportedFormat', `${spec}: no registered data format reads this extension; known: ${known || '(none)'}`, {
    hint: 'Add @hepuq/io (or the plugin that provides the format) to the plugins, or name the format explicitly.',
  });
}

/**
 * Resolve `spec` (`file.ext` or `file.ext:item`) to its format, file path and item; an explicit
 * `item` wins over one in the path. Read with `format.read(path, columns, { item })`.
 * @example const { format, path, item } = resolveDataSource(registries, 'showers.h5:/showers')
 */
export function resolveDataSource(registries: Pick<Registries, 'formats'>, spec: string, format?: string, item?: string): ResolvedSource {
  return { format: formatForPath(registries, spec, format), ...resolveItem(spec, item) };
}
