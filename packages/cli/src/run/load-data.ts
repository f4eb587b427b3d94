import { parseOrThrow, type Dataset, type HepuqApp, type Rng } from '@hepuq/core';
import { resolveDataSource } from '@hepuq/io';
import type { DataSource } from './run-config.js';

/**
 * Load a data source: a toy from the toys registry (its truth in `extras`), or a file through the
 * formats registry, chosen by `format` or the file extension. Toy options are validated by the toy.
 */
export async function loadData(app: HepuqApp, source: DataSource, rng: Rng): Promise<Dataset> {
  if ('toy' in source) {
    const toy = app.registries.toys.get(source.toy);
    return toy.generate(source.n, parseOrThrow(toy.options, source.options, { code: 'InvalidConfig', where: `toy "${source.toy}"`, path: 'options' }), rng);
  }
  const { format, path, item } = resolveDataSource(app.registries, source.path, source.format);
  const { path: _path, format: _format, options, ...columns } = source;
  return format.read(path, columns, { item, options });
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
