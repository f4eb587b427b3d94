import { createHepuq, ofType, type MetricValue } from '@hepuq/core';
import { datasets, heteroscedastic1dToy } from '@hepuq/datasets';
import { hetMlpMethod, nnPlugin } from '@hepuq/nn';
import { computeMetrics, statsPlugin, varianceScaling } from '@hepuq/stats';

export interface AnalysisOptions {
  /** Training events; the calibration and test sets have half as many each. */
  n?: number;
  epochs?: number;
  seed?: number;
  /** Where progress lines go (default: nowhere). */
  log?: (line: string) => void;
}

export interface AnalysisResult {
  /** Test-set metrics of the network's own error bars, and after variance scaling. */
  raw: Record<string, MetricValue>;
  recalibrated: Record<string, MetricValue>;
  /** The fitted sigma scale factor. */
  scale: number;
}

const METRICS = ['pulls', 'coverage', 'gaussian-nll'];

/**
 * A calibrated regression analysis composed from the parts: one app with the nn, stats and datasets
 * plugins; a heteroscedastic MLP on the 1-D toy with known truth; variance scaling fitted on an
 * independent calibration set; pulls, coverage and NLL on the test set before and after. Progress
 * is rendered here from `events$` (no CLI involved).
 * @example const { raw, recalibrated } = await runAnalysis({ n: 8000, epochs: 10, log: console.log });
 */
export async function runAnalysis(options: AnalysisOptions = {}): Promise<AnalysisResult> {
  const { n = 20_000, epochs = 20, seed = 1, log = () => undefined } = options;
  const app = await createHepuq({ seed, plugins: [nnPlugin(), statsPlugin(), datasets()] });
  const progress = app.events.events$.pipe(ofType('fit:start', 'fit:epoch', 'fit:end')).subscribe((e) => {
    if (e.type === 'fit:start') log(`training ${e.payload.method} on ${e.payload.nTrain} events`);
    else if (e.type === 'fit:epoch' && e.payload.epoch % Math.max(1, Math.round(e.payload.epochs / 5)) === 0) log(`  epoch ${e.payload.epoch}/${e.payload.epochs}  loss ${e.payload.loss.toFixed(4)}`);
    else if (e.type === 'fit:end') log(`trained in ${e.payload.seconds.toFixed(1)} s`);
  });
  try {
    const toy = app.registries.toys.get(heteroscedastic1dToy.key);
    const toyOptions = toy.options.parse({});
    const [train, calibration, test] = [n, n / 2, n / 2].map((size, i) => toy.generate(size, toyOptions, app.rng.fork(`data:${i}`)));
    const method = app.registries.methods.get(hetMlpMethod.key);
    const model = await method.fit(train, method.options.parse({ epochs, hidden: [32, 32] }), { rng: app.rng.fork('method'), events: app.events });
    try {
      const [onCalibration, onTest] = [await model.predict(calibration), await model.predict(test)];
      if (onCalibration.kind !== 'regression' || onTest.kind !== 'regression') throw new Error('het-mlp predicts a regression');
      const recalibrator = varianceScaling.fit({ prediction: onCalibration, truth: calibration.target! });
      const metrics = (prediction: typeof onTest) => computeMetrics(app.registries.metrics, { prediction, truth: test.target! }, METRICS);
      const result = { raw: metrics(onTest), recalibrated: metrics(recalibrator.apply(onTest)), scale: recalibrator.parameters.scale as number };
      log(`sigma scale ${result.scale.toFixed(3)}: pull mean ${fmt(result.raw.pull_mean)} -> ${fmt(result.recalibrated.pull_mean)}, std ${fmt(result.raw.pull_std)} -> ${fmt(result.recalibrated.pull_std)}, 68% coverage ${fmt(result.raw.coverage_68)} -> ${fmt(result.recalibrated.coverage_68)}`);
      return result;
    } finally {
      model.dispose();
    }
  } finally {
    progress.unsubscribe();
    app.dispose();
  }
}

const fmt = (v: MetricValue): string => `${v.value.toFixed(3)} ± ${(v.error ?? 0).toFixed(3)}`;
