import { describe, expect, it } from 'vitest';
import { createHepuq, Dataset, HepuqError, regressionPrediction, Rng } from '@hepuq/core';
import { statsPlugin } from '@hepuq/stats';
import { computeRunMetrics } from './compute-metrics.js';
import { configuredMetrics, metricKey } from './run-metrics.js';

function thrown(fn: () => unknown): HepuqError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HepuqError) return e;
    throw e;
  }
  throw new Error('expected a HepuqError');
}

describe('metrics: entries with options', () => {
  it('configures a metric that takes options, keeps plain keys, and puts the tables beside the values', async () => {
    const app = await createHepuq({ plugins: [statsPlugin()] });
    try {
      const metrics = configuredMetrics(app, ['pulls', { use: 'closure', options: { bins: 3 } }])!;
      expect(metrics.map((m) => m.key)).toEqual(['pulls', 'closure']);
      expect(metricKey({ use: 'closure', options: {} })).toBe('closure');
      const rng = new Rng(1);
      const y = Float32Array.from({ length: 600 }, () => 20 + 180 * rng.uniform());
      const test = new Dataset({ features: { x: y }, target: y, source: 'toy' });
      const mean = Float32Array.from(y, (v) => v * (1 + 0.05 * rng.normal()));
      const out = computeRunMetrics(app, metrics, regressionPrediction(mean, new Float32Array(600), new Float32Array(600).fill(5)), test);
      expect(Object.keys(out.values)).toEqual(expect.arrayContaining(['pull_std', 'closure_median']));
      expect(out.tables.closure).toHaveLength(3);
      expect(configuredMetrics(app, undefined)).toBeUndefined();
    } finally {
      app.dispose();
    }
  });

  it('refuses options for a metric without any, and bad options by the metric\'s schema', async () => {
    const app = await createHepuq({ plugins: [statsPlugin()] });
    try {
      const none = thrown(() => configuredMetrics(app, ['rmse', { use: 'pulls', options: { levels: [0.5] } }]));
      expect([none.code, none.message]).toEqual(['InvalidConfig', 'metrics[1]: metric "pulls" takes no options, got levels']);
      expect(thrown(() => configuredMetrics(app, [{ use: 'closure', options: { binning: 'log' } }])).message).toMatch(/metric "closure": options\.binning/);
      expect(thrown(() => configuredMetrics(app, [{ use: 'closur', options: {} }])).code).toBe('UnknownKey');
    } finally {
      app.dispose();
    }
  });
});
