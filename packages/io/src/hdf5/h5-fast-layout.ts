import { fallback, uint, type H5Bytes } from './h5-bytes.js';
import { contiguousDataset, type H5ContiguousDataset } from './h5-dataset-header.js';
import { groupLinks } from './h5-groups.js';
import type { H5Column, H5Layout } from './h5-layout.js';
import { MSG, readObjectHeader, type H5Message } from './h5-object-header.js';

/** A layout found without h5wasm, with where each dataset's raw data lies. */
export interface H5FastLayout {
  layout: H5Layout;
  data: Map<string, H5ContiguousDataset>;
}

/** As `h5Layout`: a larger dataset is refused there, so it falls back here. */
const MAX_DATASET_COLUMNS = 1 << 20;

function join(group: string, name: string): string {
  return `${group.replace(/\/$/, '')}/${name}`;
}

function isGroup(messages: readonly H5Message[]): boolean {
  return messages.some((m) => m.type === MSG.symbolTable || m.type === MSG.linkInfo);
}

/** Attribute names on an object header (dense attribute storage is a fallback). */
function attributeNames(file: H5Bytes, messages: readonly H5Message[]): string[] {
  for (const m of messages.filter((x) => x.type === MSG.attributeInfo)) {
    const at = 2 + (m.body[1] & 1 ? 2 : 0);
    if (m.body[0] !== 0 || file.address(m.body, at) !== null) fallback('dense attribute storage');
  }
  return messages.filter((m) => m.type === MSG.attribute).map(({ body: b }) => {
    // version 1/2: name at 8; version 3 adds a charset byte; the name size counts its terminating NUL
    if (b[0] < 1 || b[0] > 3) fallback(`attribute message version ${b[0]}`);
    const at = b[0] === 3 ? 9 : 8;
    const size = uint(b, 2, 2);
    if (size < 1 || at + size > b.length) fallback('attribute name');
    return b.subarray(at, at + size - 1).toString('utf8');
  });
}

/** Columns of a plain dataset, as `h5Layout` names them: `name` for [N] and [N, 1], `name_j` otherwise. */
function columnsOf(path: string, ds: H5ContiguousDataset, names?: readonly string[]): H5Column[] {
  const d = ds.shape[1] ?? 1;
  if (d > MAX_DATASET_COLUMNS || (names !== undefined && names.length !== d)) fallback('column names or count');
  const base = path.split('/').filter(Boolean).pop() ?? path;
  const colNames = names !== undefined ? [...names] : d === 1 ? [base] : Array.from({ length: d }, (_, j) => `${base}_${j}`);
  const { size } = ds.dtype;
  const typeText = `${ds.dtype.kind === 'f' ? 'float' : 'integer'} of ${size} bytes`;
  return colNames.map((name, j) => ({
    name, dataset: path, rows: ds.shape[0], shape: ds.shape, rowBytes: d * size, offset: j * size, dtype: ds.dtype, typeText,
  }));
}

/** The object header at the end of `path` (`/a/b`), following hard links from the root group. */
function resolve(file: H5Bytes, root: number, path: string): H5Message[] {
  let messages = readObjectHeader(file, root);
  for (const part of path === '/' ? [] : path.split('/').slice(1)) {
    if (part === '' || part === '.') fallback(`path ${path}`);
    const link = (groupLinks(file, messages) ?? fallback(`${path} passes through a dataset`)).find((l) => l.name === part);
    messages = readObjectHeader(file, (link ?? fallback(`no ${part} in ${path}`)).address);
  }
  return messages;
}

/**
 * `h5Layout` without h5wasm, for plain numeric datasets stored contiguously: the item is such a
 * dataset, or a group of only such datasets (a group holding only one subgroup is entered).
 * Anything else — a missing item, pandas frames, compound or string datasets, chunked or filtered
 * data, links h5wasm would follow — throws `H5Fallback`, and h5wasm decides.
 * @example const { layout } = fastH5Layout(file, root, '/events') // columns x, y, w
 */
export function fastH5Layout(file: H5Bytes, root: number, item: string | undefined, names?: readonly string[]): H5FastLayout {
  const path = item === undefined || item === '' ? '/' : item.startsWith('/') ? item : `/${item}`;
  const messages = resolve(file, root, path);
  const data = new Map<string, H5ContiguousDataset>();
  if (!isGroup(messages)) {
    const ds = contiguousDataset(file, messages);
    data.set(path, ds);
    return { layout: { item: path, kind: 'dataset', columns: columnsOf(path, ds, names) }, data };
  }
  return groupLayout(file, path, messages, names, data);
}

function groupLayout(file: H5Bytes, path: string, messages: H5Message[], names: readonly string[] | undefined, data: Map<string, H5ContiguousDataset>): H5FastLayout {
  if (attributeNames(file, messages).includes('pandas_type')) fallback('pandas object');
  const groups: Array<[string, H5Message[]]> = [];
  const columns: H5Column[] = [];
  let datasets = 0;
  for (const link of groupLinks(file, messages) ?? fallback('not a group')) {
    const kid = readObjectHeader(file, link.address);
    const kidPath = join(path, link.name);
    if (isGroup(kid)) {
      groups.push([kidPath, kid]);
      continue;
    }
    const ds = contiguousDataset(file, kid);
    data.set(kidPath, ds);
    datasets += 1;
    columns.push(...columnsOf(kidPath, ds, names));
  }
  if (datasets === 0 && groups.length === 1) return groupLayout(file, groups[0][0], groups[0][1], names, data);
  if (names !== undefined && datasets !== 1) fallback('options.columns on a group');
  return { layout: { item: path, kind: 'group', columns }, data };
}
