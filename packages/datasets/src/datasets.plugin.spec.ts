import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHepuq, HepuqError, Rng, type ToyGenerator } from '@hepuq/core';
import defaultExport, {
  AMPLITUDE, AWARE_2D, datasets, DATASETS_PLUGIN_NAME, GAP_1D, GAUSSIAN_RING, HETEROSCEDASTIC_1D, THREE_CLASS_2D, KICKER_RAMP, MASS_SCULPT, PIVOT_2D, TWO_CLASS_2D, UNFOLD_GAUSS, UNFOLD_MULTI, WEDGE_RAMP,
} from './index.js';

const KEYS = [HETEROSCEDASTIC_1D, GAP_1D, AMPLITUDE, TWO_CLASS_2D, THREE_CLASS_2D, WEDGE_RAMP, KICKER_RAMP, GAUSSIAN_RING, PIVOT_2D, AWARE_2D, MASS_SCULPT, UNFOLD_GAUSS, UNFOLD_MULTI];
const TRUTH: Record<ToyGenerator['task'], string[]> = {
  regression: ['true_mean', 'true_sigma'],
  classification: ['true_prob'],
  generation: ['true_density'],
};

describe('datasets plugin', () => {
  it('is a named and default export with the package name and version', () => {
    expect(defaultExport).toBe(datasets);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string; peerDependencies: Record<string, string> };
    expect(datasets().meta).toEqual({ name: pkg.name, version: pkg.version, core: pkg.peerDependencies['@hepuq/core'] });
    expect(DATASETS_PLUGIN_NAME).toBe(pkg.name);
  });

  it('registers every toy in ctx.toys; each generates finite data with its truth columns', async () => {
    const app = await createHepuq({ plugins: [datasets()] });
    try {
      for (const key of KEYS) expect(app.registries.toys.has(key)).toBe(true);
      const rng = new Rng(61);
      for (const key of KEYS) {
        const toy = app.registries.toys.get(key);
        expect(toy.key).toBe(key);
        const ds = toy.generate(200, {}, rng);
        expect(ds.n).toBe(200);
        expect(ds.source).toBe(`toy:${key}`);
        // a K-class toy carries one true_prob_<k> per class
        const truth = key === THREE_CLASS_2D ? ['true_prob_0', 'true_prob_1', 'true_prob_2'] : TRUTH[toy.task];
        for (const col of truth) expect(Object.keys(ds.extras)).toContain(col);
        expect(ds.target !== undefined).toBe(toy.task === 'regression');
        expect(ds.label !== undefined).toBe(toy.task === 'classification');
        for (const [name, col] of ds.allColumns()) expect(col.every(Number.isFinite), `${key}: ${name}`).toBe(true);
        // the stream moves on: a second draw from the same generator is new data
        const again = toy.generate(200, {}, rng);
        expect(again.features[again.featureNames[0]]).not.toEqual(ds.features[ds.featureNames[0]]);
      }
    } finally {
      app.dispose();
    }
  });

  it('rejects unknown plugin options', () => {
    let error: unknown;
    try {
      datasets({ toys: ['gap-1d'] } as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HepuqError);
    expect((error as HepuqError).code).toBe('InvalidPluginOptions');
    expect((error as HepuqError).plugin).toBe(DATASETS_PLUGIN_NAME);
  });
});
