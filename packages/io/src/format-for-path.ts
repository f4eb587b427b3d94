import type { DataFormat, Registries } from '@hepuq/core';
import { ioError } from './common/io-error.js';
import { splitItemPath } from './common/item-path.js';

/** A data source resolved to its format, file path and item inside the file. */
export interface ResolvedSource {
  format: DataFormat;
  path: string;
  item?: string;
}

/**
 * The format for `path`: the registered format named by `format`, else the one whose extension ends
 * the file name (the longest match; `file.root:Events` is matched on `file.root`).
 * @example const fmt = formatForPath(app.registries, 'data/hzz.root:events') // the 'root' format
 */
export function formatForPath(registries: Pick<Registries, 'formats'>, path: string, format?: string): DataFormat {
  const entries = registries.formats.entries();
  if (format !== undefined) {
    const hit = entries.find((e) => e.key === format);
    if (hit) return hit.value;
    throw ioError('UnsupportedFormat', `${path}: format "${format}" is not registered; registered: ${entries.map((e) => e.key).join(', ') || '(none)'}`, {
      hint: 'Add @hepuq/io (or the plugin that provides the format) to `plugins:`, or fix `format:`.',
    });
  }
  const file = splitItemPath(path).path.toLowerCase();
  let best: DataFormat | undefined;
  let bestLen = 0;
  for (const { value } of entries) {
    for (const ext of value.extensions) {
      if (file.endsWith(ext.toLowerCase()) && ext.length > bestLen) {
        best = value;
        bestLen = ext.length;
      }
    }
  }
  if (best) return best;
  const known = entries.flatMap((e) => e.value.extensions.map((x) => `${x} (${e.key})`)).join(', ');
  throw ioError('UnsupportedFormat', `${path}: no registered format reads this extension; known: ${known || '(none)'}`);
}

/**
 * Resolve `spec` (`file.ext` or `file.ext:item`) to its format, path and item.
 * @example const { format, path, item } = resolveDataSource(registries, 'showers.h5:/showers')
 */
export function resolveDataSource(registries: Pick<Registries, 'formats'>, spec: string, format?: string): ResolvedSource {
  const { path, item } = splitItemPath(spec);
  return { format: formatForPath(registries, spec, format), path, item };
}
