import { describe, expect, it } from 'vitest';
import { multiTargetPrediction, targetAsPrediction, targetPrediction, type HepuqError } from '@hepuq/core';
import { rmseMetric } from './regression/rmse.metric.js';
import { varianceScaling } from '../recalibration/variance-scaling.recalibrator.js';

const f = (...v: number[]) => Float32Array.from(v);
const a = targetPrediction('a', f(0, 0), f(0, 0), f(1, 1));
const b = targetPrediction('b', f(5, 5), f(0, 0), f(2, 2));
const both = multiTargetPrediction([a, b]);

function thrown(fn: () => unknown): HepuqError {
  try {
    fn();
  } catch (e) {
    return e as HepuqError;
  }
  throw new Error('expected an error');
}

describe('a multi-target prediction in one-target metrics and recalibrations', () => {
  it('is refused, not read as its first target', () => {
    const e = thrown(() => rmseMetric.compute({ prediction: both, truth: f(1, -1) }));
    expect(e.code).toBe('InvalidArgument');
    expect(e.message).toContain('takes one target, got a prediction of 2 (a, b)');
    expect(e.hint).toContain('targetAsPrediction');
    expect(thrown(() => varianceScaling.fit({ prediction: both, truth: f(1, -1) })).code).toBe('InvalidArgument');
    const r = varianceScaling.fit({ prediction: targetAsPrediction(a), truth: f(1, -1) });
    expect(thrown(() => r.apply(both)).message).toMatch(/recalibration takes one target/);
  });

  it('each target on its own is an ordinary regression prediction', () => {
    expect(rmseMetric.compute({ prediction: targetAsPrediction(b), truth: f(6, 4) }).values.rmse.value).toBeCloseTo(1, 6);
  });
});
