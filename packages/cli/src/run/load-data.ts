import { Dataset, HepuqError, type HepuqApp, type Rng } from '@hepuq/core';
import type { DataSource } from './run-config.js';

/**
 * Load a data source: a toy from the toys registry (its truth in `extras`), or a file through the
 * formats registry, chosen by `format` or the file extension. Toy options are validated by the toy.
 */
export async function loadData(app: HepuqApp, source: DataSource, rng: Rng): Promise<Dataset> {
  if ('toy' in source) {
    const toy = app.registries.toys.get(source.toy);
    const parsed = toy.options.safeParse(source.options);
    if (!parsed.success) {
      throw new HepuqError('InvalidConfig', `toy "${source.toy}" options: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    }
    return toy.generate(source.n, parsed.data, rng);
  }
  const { file, item } = splitItem(source.path);
  const format = source.format
    ? app.registries.formats.get(source.format)
    : app.registries.formats.entries().map((e) => e.value).find((f) => f.extensions.some((ext) => file.toLowerCase().endsWith(ext)));
  if (!format) {
    throw new HepuqError('UnsupportedFormat', `no data format reads "${file}"; known: ${app.registries.formats.keys().join(', ')}`);
  }
  const { path: _path, format: _format, options, ...columns } = source;
  return format.read(file, columns, { item, options });
}

/** `file.root:Events` -> { file: 'file.root', item: 'Events' } (a Windows drive letter is not an item). */
export function splitItem(path: string): { file: string; item?: string } {
  const i = path.lastIndexOf(':');
  if (i <= 1) return { file: path };
  return { file: path.slice(0, i), item: path.slice(i + 1) };
}

/** Train and test sets: both from sources (seeds forked per role), or a seeded split of `train`. */
export async function loadTrainTest(
  app: HepuqApp,
  data: { train: DataSource; test?: DataSource; testFraction: number },
): Promise<{ train: Dataset; test: Dataset }> {
  const train = await loadData(app, data.train, app.rng.fork('data:train'));
  if (data.test) return { train, test: await loadData(app, data.test, app.rng.fork('data:test')) };
  const split = train.split(app.rng.fork('data:split').nextSeed(), 1 - data.testFraction);
  return { train: split.train, test: split.test };
}
