import { HepuqError, type Dataset, type FittedModel, type HepuqApp, type Prediction } from '@hepuq/core';
import { metricInput } from './compute-metrics.js';
import type { RunConfig } from './run-config.js';

export interface RecalibrationResult {
  prediction: Prediction;
  artifact: { method: string; parameters: Record<string, unknown>; calibrationEvents: number };
}

/**
 * Fit the configured recalibration on the held-out calibration set (never the training or test
 * events) and apply it to the test prediction. Its key, task and `options` (parsed here) were
 * checked by `validateRunConfig` before the run started.
 */
export async function recalibrate(
  app: HepuqApp,
  config: NonNullable<RunConfig['recalibration']>,
  options: unknown,
  model: FittedModel,
  calibration: Dataset,
  prediction: Prediction,
): Promise<RecalibrationResult> {
  const method = app.registries.recalibrations.get(config.use);
  if (prediction.kind !== method.task) {
    throw new HepuqError('InvalidConfig', `recalibration "${config.use}" recalibrates ${method.task} predictions, but the model predicts ${prediction.kind}`, {
      hint: prediction.kind === 'multiclass' ? 'No recalibration method takes K-class probabilities yet: drop `recalibration:` for this run.' : undefined,
    });
  }
  const input = metricInput(await model.predict(calibration), calibration);
  if (!input) throw new HepuqError('InvalidConfig', 'recalibration needs the target or label column in the calibration data');
  const fitted = method.fit({ prediction: input.prediction, truth: input.truth, weights: input.weights }, options);
  return {
    prediction: fitted.apply(prediction),
    artifact: { method: config.use, parameters: fitted.parameters, calibrationEvents: calibration.n },
  };
}
