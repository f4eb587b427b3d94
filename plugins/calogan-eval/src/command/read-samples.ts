import { HepuqError, type DataFormat, type Registries } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-name.js';
import { sampleFromDataset, type FeatureSample } from '../sample/feature-sample.js';

/** The registered format whose extension ends `path` (longest match wins). */
export function formatFor(registries: Pick<Registries, 'formats'>, path: string): DataFormat {
  const file = path.toLowerCase();
  let best: DataFormat | undefined;
  let bestLength = 0;
  for (const { value } of registries.formats.entries()) {
    for (const ext of value.extensions) {
      if (file.endsWith(ext.toLowerCase()) && ext.length > bestLength) {
        best = value;
        bestLength = ext.length;
      }
    }
  }
  if (!best) {
    const known = registries.formats.entries().flatMap((e) => e.value.extensions.map((x) => `${x} (${e.key})`)).join(', ');
    throw new HepuqError('UnsupportedFormat', `${path}: no registered data format reads this extension; known: ${known || '(none: add @hepuq/io to plugins)'}`, { plugin: PLUGIN_NAME });
  }
  return best;
}

export interface SampleFiles {
  reference: string;
  generated: string;
  /** Feature columns; default: every column of the reference file except the weight column. */
  features?: string[];
  /** Event-weight column present in both files. */
  weight?: string;
}

/**
 * Read one file through the formats registry (format by extension): the feature columns (default:
 * every column but the weight column) and the optional weight column.
 * @example const gen = await readSample(app.registries, 'gen.csv', ['e0', 'e1']);
 */
export async function readSample(registries: Pick<Registries, 'formats'>, path: string, features?: readonly string[], weight?: string): Promise<FeatureSample> {
  const format = formatFor(registries, path);
  let names = features ? [...features] : undefined;
  if (!names || names.length === 0) {
    if (!format.columns) {
      throw new HepuqError('InvalidArgument', `${path}: the ${format.key} format cannot list its columns; pass --features a,b,c`, { plugin: PLUGIN_NAME });
    }
    names = (await format.columns(path)).filter((c) => c !== weight);
  }
  const ds = await format.read(path, { features: names, ...(weight ? { weight } : {}) });
  return sampleFromDataset(ds, names);
}

/**
 * Read the reference and generated files, the same feature columns from both (by default every
 * column of the reference file except the weight column).
 * @example const { reference, generated } = await readSamples(app.registries, { reference: 'ref.csv', generated: 'gen.csv' });
 */
export async function readSamples(registries: Pick<Registries, 'formats'>, files: SampleFiles): Promise<{ reference: FeatureSample; generated: FeatureSample }> {
  const reference = await readSample(registries, files.reference, files.features, files.weight);
  const generated = await readSample(registries, files.generated, reference.names, files.weight);
  return { reference, generated };
}
