import { readFile } from 'node:fs/promises';
import { Dataset, HepuqError, type DataFormat } from '@hepuq/core';

/** A minimal numeric CSV reader (header row, comma-separated) standing in for @hepuq/io in tests. */
export const tinyCsvFormat: DataFormat = {
  key: 'test-csv',
  extensions: ['.csv'],
  description: 'numeric CSV (tests only)',
  async columns(path) {
    return (await readFile(path, 'utf8')).split('\n')[0].split(',').map((s) => s.trim());
  },
  async read(path, selection) {
    const [head, ...lines] = (await readFile(path, 'utf8')).trim().split('\n');
    const names = head.split(',').map((s) => s.trim());
    const rows = lines.map((l) => l.split(',').map(Number));
    const col = (name: string) => {
      const j = names.indexOf(name);
      if (j < 0) throw new HepuqError('MissingColumn', `${path}: column "${name}" not found`);
      return Float32Array.from(rows, (r) => r[j]);
    };
    return new Dataset({
      features: Object.fromEntries(selection.features.map((f) => [f, col(f)])),
      weights: selection.weight ? col(selection.weight) : undefined,
      source: path,
    });
  },
};

/** Write a FeatureSample-like matrix as CSV text. */
export function toCsv(names: readonly string[], data: Float64Array): string {
  const d = names.length;
  const lines = [names.join(',')];
  for (let i = 0; i < data.length / d; i++) lines.push(Array.from(data.subarray(i * d, i * d + d), (v) => v.toFixed(6)).join(','));
  return `${lines.join('\n')}\n`;
}
