import { describe, expect, it } from 'vitest';
import { Dataset, multiTargetPrediction, Rng, targetPrediction } from '@hepuq/core';
import { regressionSection } from './regression.section.js';

/** Two features and two targets whose names are not file names (`E (GeV)`, `e/true`). */
function run() {
  const rng = new Rng(3);
  const n = 200;
  const col = (f: () => number) => Float32Array.from({ length: n }, f);
  const [x1, x2, e, r] = [col(() => rng.normal()), col(() => rng.normal()), col(() => 50 + rng.normal()), col(() => rng.uniform())];
  const test = new Dataset({ features: { x1, x2 }, targets: [{ name: 'E (GeV)', values: e }, { name: 'e/true', values: r }], extras: { 'true_mean_e/true': col(() => 0.5) } });
  const prediction = multiTargetPrediction([
    targetPrediction('E (GeV)', col(() => 50), col(() => 0.1), col(() => 1)),
    targetPrediction('e/true', col(() => 0.5), col(() => 0.01), col(() => 0.3)),
  ]);
  return { name: 'r', metadata: {}, metrics: {}, artifacts: {}, test, prediction };
}

describe('the regression section on several targets', () => {
  it('plots every target, with file-safe unique plot names and the target in the title', () => {
    const plots = regressionSection().plots(run());
    const names = plots.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
    expect(names).toContain('pull-histogram-e_gev');
    expect(names).toContain('pull-histogram-e_true');
    expect(plots.filter((p) => p.title.endsWith('(E (GeV))')).length).toBe(plots.length / 2);
  });
});
