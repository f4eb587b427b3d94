import type { z } from 'zod';
import type { Prediction, RegressionPrediction } from '../method/prediction.js';

/** A calibration set: predictions with their truth (regression target or 0/1 label) and event weights. */
export interface CalibrationData<P extends Prediction = Prediction> {
  prediction: P;
  truth: Float32Array;
  /** Event weights (may be negative); unit weights when absent. */
  weights?: Float32Array;
}

/** A fitted recalibration: maps predictions to recalibrated predictions (new sigma or probability). */
export interface Recalibrator<P extends Prediction = Prediction> {
  readonly method: string;
  /** Fitted parameters (JSON-serialisable, for run artifacts), e.g. `{ temperature: 1.7 }`. */
  readonly parameters: Record<string, unknown>;
  apply(prediction: P): P;
}

/** A central interval per event. */
export interface PredictionInterval {
  lo: Float32Array;
  hi: Float32Array;
  level: number;
}

/** A regression recalibrator that can also give recalibrated central intervals at any level. */
export interface RegressionRecalibrator extends Recalibrator<RegressionPrediction> {
  /** Recalibrated central interval with (estimated) coverage `level`. */
  interval(prediction: RegressionPrediction, level: number): PredictionInterval;
}

/**
 * A recalibration method: fit on a calibration set disjoint from training and test data, then apply
 * to test predictions. `definition` states the exact procedure and its reference.
 */
export interface RecalibrationMethod<P extends Prediction = Prediction, S extends z.ZodType = z.ZodType> {
  readonly key: string;
  readonly task: P['kind'];
  readonly description: string;
  readonly definition: string;
  readonly options: S;
  fit(data: CalibrationData<P>, options?: z.input<S>): Recalibrator<P>;
}
