import { describe, expect, it } from 'vitest';
import { createHepuq, regressionPrediction, Rng } from '@hepuq/core';
import { computeMetrics, defaultMetricKeys, builtinMetrics, statsPlugin, STATS_PLUGIN_NAME } from './index.js';

describe('statsPlugin', () => {
  it('registers every default metric key under @hepuq/stats, and computeMetrics merges their values', async () => {
    const app = await createHepuq({ backend: 'cpu', plugins: [statsPlugin()] });
    try {
      for (const task of ['regression', 'classification'] as const) {
        for (const key of defaultMetricKeys(task)) {
          expect(app.registries.metrics.has(key)).toBe(true);
          expect(app.registries.metrics.get(key).task).toBe(task);
          expect(app.registries.metrics.entries().find((e) => e.key === key)?.owner).toBe(STATS_PLUGIN_NAME);
        }
      }
      const rng = new Rng(1);
      const n = 500;
      const truth = rng.normalArray(n);
      const prediction = regressionPrediction(new Float32Array(n), new Float32Array(n).fill(1), new Float32Array(n));
      const values = computeMetrics(app.registries.metrics, { prediction, truth }, defaultMetricKeys('regression'));
      for (const name of ['pull_mean', 'pull_std', 'coverage_68', 'coverage_95', 'nll', 'rmse', 'mae']) {
        expect(values[name].error).toBeGreaterThan(0);
      }
      // without keys: every applicable metric of the list runs, no classification metric
      const all = computeMetrics(builtinMetrics(), { prediction, truth });
      expect(all.auc).toBeUndefined();
      expect(all.pull_std.value).toBe(values.pull_std.value);
      expect(() => computeMetrics(app.registries.metrics, { prediction, truth }, ['auc'])).toThrow(/classification metric/);
    } finally {
      app.dispose();
    }
  });
});
