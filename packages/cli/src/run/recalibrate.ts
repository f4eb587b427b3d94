import { describeZodError, HepuqError, type Dataset, type FittedModel, type HepuqApp, type Prediction } from '@hepuq/core';
import { metricInput } from './compute-metrics.js';
import type { RunConfig } from './run-config.js';

export interface RecalibrationResult {
  prediction: Prediction;
  artifact: { method: string; parameters: Record<string, unknown>; calibrationEvents: number };
}

/**
 * Fit the configured recalibration on the held-out calibration set (never the training or test
 * events) and apply it to the test prediction.
 */
export async function recalibrate(
  app: HepuqApp,
  config: NonNullable<RunConfig['recalibration']>,
  model: FittedModel,
  calibration: Dataset,
  prediction: Prediction,
): Promise<RecalibrationResult> {
  const method = app.registries.recalibrations.get(config.use);
  if (method.task !== prediction.kind) {
    throw new HepuqError('InvalidConfig', `recalibration "${config.use}" is for ${method.task}, but the method predicts ${prediction.kind}`);
  }
  const parsed = method.options.safeParse(config.options);
  if (!parsed.success) throw new HepuqError('InvalidConfig', `recalibration "${config.use}": ${describeZodError(parsed.error, 'recalibration.options')}`);
  const input = metricInput(await model.predict(calibration), calibration);
  if (!input) throw new HepuqError('InvalidConfig', 'recalibration needs the target or label column in the calibration data');
  const fitted = method.fit({ prediction: input.prediction, truth: input.truth, weights: input.weights }, parsed.data);
  return {
    prediction: fitted.apply(prediction),
    artifact: { method: config.use, parameters: fitted.parameters, calibrationEvents: calibration.n },
  };
}
