/** A file path with an optional item inside the file (`file.root:Events`, `file.h5:/group/dataset`). */
export interface ItemPath {
  path: string;
  item?: string;
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

/** The item to read: an explicit `options.item` wins over one given in the path. */
export function resolveItem(spec: string, item: string | undefined): ItemPath {
  const split = splitItemPath(spec);
  return item === undefined ? split : { path: split.path, item };
}
