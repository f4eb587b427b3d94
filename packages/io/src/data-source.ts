import { resolveDataSource, type ColumnSelection, type Dataset, type ReadOptions, type Registries } from '@hepuq/core';

/** Where events come from: a path (optionally `file.ext:item`), an explicit format key, and read options. */
export interface DataSourceSpec extends ReadOptions {
  path: string;
  format?: string;
}

/**
 * Read a data source through the registered formats: the format from `format` or the extension,
 * the item from `file.ext:item` or `item`.
 * @example const ds = await readDataSource(app.registries, { path: 'hzz.root:events', options: { jagged: 'count' } }, { features: ['NMuon'] })
 */
export async function readDataSource(registries: Pick<Registries, 'formats'>, spec: DataSourceSpec, selection: ColumnSelection): Promise<Dataset> {
  const { format, path, item } = resolveDataSource(registries, spec.path, spec.format, spec.item);
  const { format: _f, path: _p, ...options } = spec;
  return format.read(path, selection, { ...options, item });
}

/**
 * Stream a data source in chunks of at most `chunkSize` events (see the README for each format's
 * memory bound). Formats without `readChunks` are read whole and sliced.
 * @example for await (const chunk of readDataSourceChunks(registries, { path: 'big.h5' }, sel, 100_000)) use(chunk)
 */
export async function* readDataSourceChunks(
  registries: Pick<Registries, 'formats'>,
  spec: DataSourceSpec,
  selection: ColumnSelection,
  chunkSize: number,
): AsyncIterable<Dataset> {
  const { format: fmt, path, item } = resolveDataSource(registries, spec.path, spec.format, spec.item);
  const { format: _f, path: _p, ...options } = spec;
  if (fmt.readChunks) {
    yield* fmt.readChunks(path, selection, chunkSize, { ...options, item });
    return;
  }
  const all = await fmt.read(path, selection, { ...options, item });
  for (let lo = 0; lo < all.n; lo += chunkSize) {
    yield all.subset(Int32Array.from({ length: Math.min(chunkSize, all.n - lo) }, (_, i) => lo + i));
  }
}
