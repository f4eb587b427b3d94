import { ioError } from './io-error.js';

/** Check the columns handed to a writer: at least one, all the same length, valid names. Returns n. */
export function assertWritableColumns(path: string, columns: Record<string, Float32Array>): number {
  const names = Object.keys(columns);
  if (names.length === 0) throw ioError('InvalidArgument', `${path}: nothing to write (no columns)`);
  const n = columns[names[0]].length;
  for (const name of names) {
    if (name === '') throw ioError('InvalidArgument', `${path}: a column has an empty name`);
    if (!(columns[name] instanceof Float32Array)) throw ioError('InvalidArgument', `${path}: column "${name}" is not a Float32Array`);
    if (columns[name].length !== n) {
      throw ioError('ShapeMismatch', `${path}: column "${name}" has ${columns[name].length} rows, column "${names[0]}" has ${n}`);
    }
  }
  return n;
}
