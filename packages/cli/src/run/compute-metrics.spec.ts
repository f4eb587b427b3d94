import { describe, expect, it } from 'vitest';
import { createHepuq, Dataset, multiTargetPrediction, regressionPrediction, Rng, targetPrediction } from '@hepuq/core';
import { statsPlugin } from '@hepuq/stats';
import { computeRunMetrics } from './compute-metrics.js';

/** n events whose mean scatters around the true function by exactly its sigma_stat scale. */
function column(n: number, rng: Rng) {
  const f = Float32Array.from({ length: n }, () => rng.uniform());
  const stat = new Float32Array(n).fill(0.1);
  const mean = Float32Array.from(f, (v) => v + 0.1 * rng.normal());
  const y = Float32Array.from(f, (v) => v + 0.5 * rng.normal());
  return { f, stat, mean, y, syst: new Float32Array(n).fill(0.5) };
}

describe('hepuq run metrics: the truth extras reach the stat-only pulls', () => {
  it('adds stat-pulls by default when the test data carries true_mean', async () => {
    const app = await createHepuq({ plugins: [statsPlugin()] });
    const c = column(2000, new Rng(1));
    const test = new Dataset({ features: { x: c.f }, target: c.y, extras: { true_mean: c.f }, source: 'toy' });
    const { values } = computeRunMetrics(app, undefined, regressionPrediction(c.mean, c.stat, c.syst), test);
    // 2000 events: std error 0.016
    expect(Math.abs(values.stat_pull_std.value - 1)).toBeLessThan(0.06);
    const noTruth = new Dataset({ features: { x: c.f }, target: c.y, source: 'file' });
    expect(computeRunMetrics(app, undefined, regressionPrediction(c.mean, c.stat, c.syst), noTruth).values).not.toHaveProperty('stat_pull_std');
    app.dispose();
  });

  it('gives every target of a multi-target run its own true_mean_<target>', async () => {
    const app = await createHepuq({ plugins: [statsPlugin()] });
    const rng = new Rng(2);
    const [a, b] = [column(2000, rng), column(2000, rng)];
    // target b claims a sigma_stat twice too large: its stat pull std is 1/2
    const prediction = multiTargetPrediction([targetPrediction('a', a.mean, a.stat, a.syst), targetPrediction('b', b.mean, Float32Array.from(b.stat, (s) => 2 * s), b.syst)]);
    const test = new Dataset({
      features: { x: a.f }, targets: [{ name: 'a', values: a.y }, { name: 'b', values: b.y }], extras: { true_mean_a: a.f, true_mean_b: b.f }, source: 'toy',
    });
    const { values } = computeRunMetrics(app, undefined, prediction, test);
    expect(Math.abs(values.stat_pull_std_a.value - 1)).toBeLessThan(0.06);
    expect(Math.abs(values.stat_pull_std_b.value - 0.5)).toBeLessThan(0.03);
    app.dispose();
  });
});
