import { loadDataSource, type DataSource, type Dataset, type HepuqApp } from '@hepuq/core';

/** Train and test sets: both from sources (seeds forked per role), or a seeded split of `train`. */
export async function loadTrainTest(
  app: HepuqApp,
  data: { train: DataSource; test?: DataSource; testFraction: number },
): Promise<{ train: Dataset; test: Dataset }> {
  const train = await loadDataSource(app.registries, data.train, app.rng.fork('data:train'));
  if (data.test) return { train, test: await loadDataSource(app.registries, data.test, app.rng.fork('data:test')) };
  const split = train.split(app.rng.fork('data:split').nextSeed(), 1 - data.testFraction);
  return { train: split.train, test: split.test };
}
