import type { File as H5File, Metadata, Dataset as H5Dataset, Group as H5Group } from 'h5wasm/node';
import { ioError } from '../common/io-error.js';
import type { NpyDtype } from '../npy/npy-dtype.js';
import type { H5Wasm } from './h5-module.js';
import { pickledStringList } from './pickle0.js';

const H5T_INTEGER = 0;
const H5T_FLOAT = 1;
const H5T_COMPOUND = 6;
const H5T_ENUM = 8;
const H5T_ARRAY = 10;

/** One readable column: where it lives (dataset, byte offset inside a row record) and its type. */
export interface H5Column {
  name: string;
  dataset: string;
  rows: number;
  /** Shape of the dataset (rows first), for hyperslab reads. */
  shape: number[];
  rowBytes: number;
  offset: number;
  /** Null when the column is not numeric (strings, references, float16): selecting it is an error. */
  dtype: NpyDtype | null;
  typeText: string;
}

/** What an item of an HDF5 file offers as columns, and how the adapter understood it. */
export interface H5Layout {
  item: string;
  kind: 'dataset' | 'compound' | 'pandas-table' | 'pandas-fixed' | 'group';
  columns: H5Column[];
}

/** Map HDF5 type metadata to a numeric dtype (enums read as their integer base), or null. */
function toDtype(meta: Metadata, littleEndian: boolean): NpyDtype | null {
  let type = meta.type;
  if (type === H5T_ENUM) type = meta.enum_type?.type ?? -1;
  const kind = type === H5T_FLOAT ? 'f' : type === H5T_INTEGER ? (meta.signed ? 'i' : 'u') : null;
  if (kind === null) return null;
  if (kind === 'f' ? meta.size !== 4 && meta.size !== 8 : ![1, 2, 4, 8].includes(meta.size)) return null;
  return { text: `${littleEndian ? '<' : '>'}${kind}${meta.size}`, kind, size: meta.size, littleEndian };
}

function typeName(meta: Metadata): string {
  const names: Record<number, string> = { 0: 'integer', 1: 'float', 2: 'time', 3: 'string', 4: 'bitfield', 5: 'opaque', 6: 'compound', 7: 'reference', 8: 'enum', 9: 'vlen', 10: 'array' };
  return `${names[meta.type] ?? `class ${meta.type}`}${meta.type <= 1 ? ` of ${meta.size} bytes` : ''}`;
}

function stringAttr(node: H5Dataset | H5Group, name: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(node.attrs, name)) return undefined;
  const v = node.attrs[name].value;
  return typeof v === 'string' ? v : undefined;
}

function baseName(path: string): string {
  return path.split('/').filter(Boolean).pop() ?? path;
}

/**
 * Columns one dataset may lay out. HDF5 accepts a chunked dataset whose dataspace claims more than
 * its chunks hold, so a damaged dimension would otherwise mean a billion column records.
 */
const MAX_DATASET_COLUMNS = 1 << 20;

function assertColumnCount(source: string, dataset: string, d: number): void {
  if (!Number.isSafeInteger(d) || d > MAX_DATASET_COLUMNS) {
    throw ioError('ParseError', `${source}: dataset ${dataset} has ${d} values per row, more than the ${MAX_DATASET_COLUMNS} columns hepuq lays out (damaged dataspace?)`);
  }
}

/** Columns of a numeric dataset [N, ...]: `name` for [N] and [N, 1], `name_j` (C order) otherwise. */
function plainColumns(source: string, ds: H5Dataset, names?: readonly string[]): H5Column[] {
  const meta = ds.metadata;
  const shape = meta.shape ?? [];
  if (shape.length === 0) return [];
  const d = shape.slice(1).reduce((a, b) => a * b, 1);
  assertColumnCount(source, ds.path, d);
  // h5wasm converts big-endian datasets to little-endian on read
  const dtype = toDtype(meta, true);
  const base = baseName(ds.path);
  let colNames = d === 1 ? [base] : Array.from({ length: d }, (_, j) => `${base}_${j}`);
  if (names !== undefined) {
    if (names.length !== d) throw ioError('ShapeMismatch', `${source}: options.columns names ${names.length} columns, dataset ${ds.path} has ${d}`);
    colNames = [...names];
  }
  return colNames.map((name, j) => ({
    name, dataset: ds.path, rows: shape[0], shape, rowBytes: d * meta.size, offset: j * meta.size, dtype, typeText: typeName(meta),
  }));
}

/** Columns of a compound dataset: one per scalar member, `k` per array member (pandas names them in `<member>_kind`). */
function compoundColumns(source: string, ds: H5Dataset): H5Column[] {
  const meta = ds.metadata;
  const shape = meta.shape ?? [];
  if (shape.length !== 1) throw ioError('ShapeMismatch', `${source}: compound dataset ${ds.path} must be 1-D, has shape (${shape.join(', ')})`);
  const out: H5Column[] = [];
  for (const m of meta.compound_type?.members ?? []) {
    const isArray = m.type === H5T_ARRAY && m.array_type;
    const elem = isArray ? (m.array_type as Metadata) : m;
    const k = isArray ? (elem.shape ?? [1]).reduce((a, b) => a * b, 1) : 1;
    assertColumnCount(source, ds.path, out.length + k);
    const kindAttr = stringAttr(ds, `${m.name}_kind`);
    const pandasNames = kindAttr === undefined ? null : pickledStringList(kindAttr);
    const names = pandasNames && pandasNames.length === k ? pandasNames : k === 1 ? [m.name] : Array.from({ length: k }, (_, j) => `${m.name}_${j}`);
    const dtype = toDtype(elem, elem.littleEndian);
    names.forEach((name, j) => {
      out.push({ name, dataset: ds.path, rows: shape[0], shape, rowBytes: meta.size, offset: m.offset + j * elem.size, dtype, typeText: typeName(elem) });
    });
  }
  return out;
}

function datasetColumns(source: string, ds: H5Dataset, names?: readonly string[]): H5Column[] {
  return ds.metadata.type === H5T_COMPOUND ? compoundColumns(source, ds) : plainColumns(source, ds, names);
}

type Node = H5Dataset | H5Group;

function child(h5: H5Wasm, file: H5File, path: string): Node | null {
  const e = file.get(path);
  return e instanceof h5.Dataset || e instanceof h5.Group ? e : null;
}

function join(group: string, name: string): string {
  return `${group.replace(/\/$/, '')}/${name}`;
}

function pandasFixed(h5: H5Wasm, source: string, file: H5File, g: H5Group): H5Column[] {
  const nblocks = Number(g.attrs.nblocks?.value ?? 0);
  const out: H5Column[] = [];
  for (let b = 0; b < nblocks; b++) {
    const items = child(h5, file, join(g.path, `block${b}_items`)) as H5Dataset | null;
    const values = child(h5, file, join(g.path, `block${b}_values`)) as H5Dataset | null;
    if (!items || !values) throw ioError('ParseError', `${source}: pandas fixed frame ${g.path} lacks block${b}_items/values`);
    const names = items.value as string[];
    out.push(...plainColumns(source, values, names));
  }
  return out;
}

/**
 * Work out the columns of `item` (default: the root group): a numeric dataset, a compound dataset,
 * a pandas `to_hdf` frame (format 'table' or 'fixed'), or a group whose numeric datasets become
 * columns (a group holding only one subgroup is entered, as pandas files hold one key).
 */
export function h5Layout(h5: H5Wasm, source: string, file: H5File, item: string | undefined, names?: readonly string[]): H5Layout {
  const path = item === undefined || item === '' ? '/' : item.startsWith('/') ? item : `/${item}`;
  const node: Node | null = path === '/' ? file : child(h5, file, path);
  if (!node) {
    throw ioError('MissingItem', `${source}: no dataset or group "${path}"; the file holds: ${file.paths().slice(0, 30).map((p) => `/${p.replace(/^\//, '')}`).join(', ') || '(nothing)'}`);
  }
  if (node instanceof h5.Dataset) {
    const ds = node;
    return { item: path, kind: ds.metadata.type === H5T_COMPOUND ? 'compound' : 'dataset', columns: datasetColumns(source, ds, names) };
  }
  const g = node;
  const pandasType = stringAttr(g, 'pandas_type');
  if (pandasType === 'frame_table') {
    const table = child(h5, file, join(g.path, 'table'));
    if (!(table instanceof h5.Dataset)) throw ioError('ParseError', `${source}: pandas table ${path} has no "table" dataset`);
    return { item: path, kind: 'pandas-table', columns: compoundColumns(source, table) };
  }
  if (pandasType === 'frame') return { item: path, kind: 'pandas-fixed', columns: pandasFixed(h5, source, file, g) };
  if (pandasType !== undefined) {
    throw ioError('UnsupportedFormat', `${source}: pandas object ${path} is a "${pandasType}"; hepuq reads DataFrames (format 'table' or 'fixed')`);
  }
  const kids = g.keys().map((k) => child(h5, file, join(g.path, k)));
  const datasets = kids.filter((k): k is H5Dataset => k instanceof h5.Dataset);
  const groups = kids.filter((k): k is H5Group => k instanceof h5.Group);
  if (datasets.length === 0 && groups.length === 1) return h5Layout(h5, source, file, groups[0].path, names);
  if (names !== undefined && datasets.length !== 1) {
    throw ioError('InvalidConfig', `${source}: options.columns names the columns of one dataset; ${path} is a group of ${datasets.length}`);
  }
  return { item: path, kind: 'group', columns: datasets.flatMap((ds) => datasetColumns(source, ds, names)) };
}
