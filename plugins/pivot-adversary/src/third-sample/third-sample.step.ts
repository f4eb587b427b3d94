import { HepuqError, loadDataSource, RegistriesToken, type Dataset, type FittedModel, type RunStep } from '@hepuq/core';
import { decorrelationCheck } from './decorrelation-check.js';
import { measureQuantity, type MeasuredQuantity } from './separation-quantity.js';
import { THIRD_SAMPLE, ThirdSampleOptions } from './third-sample.options.js';

/** The nuisance column and the values a, b of the two training samples (defaults from the train set). */
export function trainingValues(train: Dataset, options: Pick<ThirdSampleOptions, 'nuisance' | 'a' | 'b'>): { nuisance: string; a: number; b: number } {
  const nuisance = options.nuisance ?? Object.keys(train.nuisances)[0];
  if (!nuisance) throw new HepuqError('MissingColumn', `${THIRD_SAMPLE}: the train set (${train.source}) has no nuisance column to tell the two training samples apart`, { hint: 'List the sample column under `nuisances:` of the train data source, or set `nuisance`.' });
  const column = train.nuisances[nuisance];
  if (!column) throw new HepuqError('MissingColumn', `${THIRD_SAMPLE}: the train set (${train.source}) has no nuisance column "${nuisance}"; it has ${Object.keys(train.nuisances).join(', ')}`);
  if (options.a !== undefined && options.b !== undefined) return { nuisance, a: options.a, b: options.b };
  const distinct = [...new Set(column)].sort((x, y) => x - y);
  if (distinct.length !== 2) {
    throw new HepuqError('InvalidConfig', `${THIRD_SAMPLE}: the train set's "${nuisance}" column takes ${distinct.length} distinct values${distinct.length <= 5 ? ` (${distinct.join(', ')})` : ''}, not the two of a two-sample decorrelation`, {
      hint: 'Set `a` (nominal) and `b` in the step options to the two training values.',
    });
  }
  return { nuisance, a: distinct[0], b: distinct[1] };
}

/** The test events whose nuisance equals `value` (to float32 precision). */
function eventsAt(test: Dataset, nuisance: string, value: number, role: string): Dataset {
  const column = test.nuisances[nuisance];
  if (!column) throw new HepuqError('MissingColumn', `${THIRD_SAMPLE}: the test set (${test.source}) has no nuisance column "${nuisance}"`);
  const tol = 1e-6 * Math.max(1, Math.abs(value));
  const idx = Int32Array.from(Array.from(column.keys()).filter((i) => Math.abs(column[i] - value) <= tol));
  return requireBothClasses(test.subset(idx), `test events at ${nuisance} = ${value} (sample ${role})`);
}

function requireBothClasses(data: Dataset, what: string): Dataset {
  if (!data.label) throw new HepuqError('MissingColumn', `${THIRD_SAMPLE}: the ${what} (${data.source}) have no label column`);
  let sig = 0;
  for (let i = 0; i < data.n; i++) if (data.label[i] === 1) sig++;
  if (sig === 0 || sig === data.n) throw new HepuqError('EmptyDataset', `${THIRD_SAMPLE}: the ${what} (${data.source}) hold ${sig} signal and ${data.n - sig} background events; both classes are needed`);
  return data;
}

async function probabilities(model: FittedModel, data: Dataset): Promise<Float32Array> {
  const p = await model.predict(data);
  if (p.kind !== 'classification') throw new HepuqError('InvalidConfig', `${THIRD_SAMPLE}: the run's model (method "${model.method}") predicts ${p.kind}, not class probabilities`, { hint: 'Use the step after a classification run.' });
  return p.prob;
}

/**
 * The `third-sample` step: the cross-check of Ghosh & Nachman, "A cautionary tale of decorrelating
 * theory uncertainties", EPJC 82 (2022) 46. A classifier decorrelated between two samples (Z = a, b;
 * two generators) shows a small |q_a - q_b|; quoting that as the uncertainty is safe only if a
 * third sample moves q by no more. q is the AUC or the background efficiency at a fixed signal
 * efficiency (threshold from sample a), each with a Poisson-bootstrap error.
 * @example steps: [{ use: third-sample, options: { third: { path: herwig.h5, features: [pt, eta], label: y } } }]   # in a run config
 */
export const thirdSampleStep: RunStep<typeof ThirdSampleOptions> = {
  key: THIRD_SAMPLE,
  description: 'Decorrelation cross-check on a third sample: two-point uncertainty |q_a - q_b| against the shift |q_third - q_a| (AUC or background efficiency)',
  options: ThirdSampleOptions,
  tasks: ['classification'],
  async run({ options, train, test, model, services, rng }) {
    const { nuisance, a, b } = trainingValues(train, options);
    const third = requireBothClasses(await loadDataSource(services.resolve(RegistriesToken), options.third, rng.fork('third')), 'third-sample events');
    const measure = async (data: Dataset, role: string, threshold?: number): Promise<MeasuredQuantity> =>
      measureQuantity(await probabilities(model, data), data.label!, data.weights, options.quantity, {
        rng: rng.fork(role), replicas: options.bootstrap, signalEfficiency: options.signalEfficiency, threshold,
      });
    const sampleA = eventsAt(test, nuisance, a, 'a');
    const sampleB = eventsAt(test, nuisance, b, 'b');
    const qa = await measure(sampleA, 'a');
    const qb = await measure(sampleB, 'b', qa.threshold);
    const qt = await measure(third, 'third', qa.threshold);
    const row = (q: MeasuredQuantity, n: number, value?: number) => ({ ...(value === undefined ? {} : { [nuisance]: value }), value: q.value, error: q.error, events: n });
    return {
      quantity: options.quantity,
      ...(options.quantity === 'background-efficiency' ? { signalEfficiency: options.signalEfficiency, threshold: qa.threshold } : {}),
      nuisance,
      samples: { a: row(qa, sampleA.n, a), b: row(qb, sampleB.n, b), third: row(qt, third.n) },
      ...decorrelationCheck(qa, qb, qt),
    };
  },
};
