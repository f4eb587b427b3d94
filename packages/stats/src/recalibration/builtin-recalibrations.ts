import type { RecalibrationMethod } from '@hepuq/core';
import { isotonicCoverage } from './isotonic-coverage.recalibrator.js';
import { isotonicProbability } from './isotonic-probability.recalibrator.js';
import { splitConformal } from './split-conformal.recalibrator.js';
import { temperatureScaling } from './temperature-scaling.recalibrator.js';
import { varianceScaling } from './variance-scaling.recalibrator.js';

/** Core's recalibration methods, for a `recalibrations` registry (keys are their `key`). */
export function builtinRecalibrations(): RecalibrationMethod[] {
  return [temperatureScaling, varianceScaling, isotonicCoverage, isotonicProbability, splitConformal] as unknown as RecalibrationMethod[];
}
