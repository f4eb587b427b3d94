import { HepuqError, resolveDataSource, type Registries } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { sampleFromDataset, type FeatureSample } from '../sample/feature-sample.js';

export interface SampleFiles {
  reference: string;
  generated: string;
  /** Feature columns; default: every column of the reference file except the weight column. */
  features?: string[];
  /** Event-weight column present in both files. */
  weight?: string;
}

/**
 * Read one file through the formats registry (format by extension; `file.h5:/item` reads an item
 * inside the file, as in `hepuq run`): the feature columns (default: every column but the weight
 * column) and the optional weight column.
 * @example const gen = await readSample(app.registries, 'gen.h5:/showers', ['e0', 'e1']);
 */
export async function readSample(registries: Pick<Registries, 'formats'>, source: string, features?: readonly string[], weight?: string): Promise<FeatureSample> {
  const { format, path, item } = resolveDataSource(registries, source);
  let names = features ? [...features] : undefined;
  if (!names || names.length === 0) {
    if (!format.columns) {
      throw new HepuqError('InvalidArgument', `${source}: the ${format.key} format cannot list its columns; pass --features a,b,c`, { plugin: PLUGIN_NAME });
    }
    names = (await format.columns(path, { item })).filter((c) => c !== weight);
  }
  const ds = await format.read(path, { features: names, ...(weight ? { weight } : {}) }, { item });
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

/** The files of an amplification study (flags `--truth`, `--train`, `--fit`; `--weight` applies to all). */
export interface AmplificationFiles {
  truth?: string;
  train?: string;
  fit?: string;
  weight?: string;
}

/**
 * Read the truth, training and (optional) fit files with the reference's feature columns, reusing the
 * reference when the truth is the same file; a missing --truth or --train is an error naming the flag.
 * @example const samples = await readAmplificationSamples(app.registries, { truth: 't.csv', train: 'tr.csv' }, reference, 'ref.csv');
 */
export async function readAmplificationSamples(registries: Pick<Registries, 'formats'>, files: AmplificationFiles, reference: FeatureSample, referenceFile: string): Promise<{ truth: FeatureSample; train: FeatureSample; fit?: FeatureSample }> {
  const missing = (['truth', 'train'] as const).filter((k) => !files[k]);
  if (missing.length) {
    throw new HepuqError('InvalidArgument', `gen-eval: --metrics amplification needs ${missing.map((k) => `--${k} <file>`).join(' and ')}`, {
      plugin: PLUGIN_NAME,
      hint: 'Pass --truth <a large sample of the true distribution> and --train <the events the generator was trained on>, or drop amplification from --metrics.',
    });
  }
  const read = (source: string) => readSample(registries, source, reference.names, files.weight);
  const truth = files.truth === referenceFile ? reference : await read(files.truth!);
  return { truth, train: await read(files.train!), ...(files.fit ? { fit: await read(files.fit) } : {}) };
}
