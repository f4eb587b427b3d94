import { createHepuq } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { ensembles } from './ensembles.plugin.js';
import {
  BOOTSTRAP_ENSEMBLE, DEEP_ENSEMBLE, DeepEnsembleOptions, REPULSIVE_ENSEMBLE_CLASSIFIER, RepulsiveEnsembleOptions,
} from './methods/ensemble-options.js';

describe('ensembles() plugin', () => {
  it('registers all six methods by default, each with its task', async () => {
    const app = await createHepuq({ plugins: [ensembles()] });
    expect(app.registries.methods.get(DEEP_ENSEMBLE).task).toBe('regression');
    expect(app.registries.methods.get(REPULSIVE_ENSEMBLE_CLASSIFIER).task).toBe('classification');
    const owned = app.registries.methods.entries().filter((e) => e.owner === '@hepuq/plugin-ensembles');
    expect(owned.map((e) => e.key).sort()).toEqual([
      'bootstrap-ensemble', 'bootstrap-ensemble-classifier', 'deep-ensemble', 'deep-ensemble-classifier',
      'repulsive-ensemble', 'repulsive-ensemble-classifier',
    ]);
    app.dispose();
  });

  it('registers only the methods named in `methods`', async () => {
    const app = await createHepuq({ plugins: [ensembles({ methods: [BOOTSTRAP_ENSEMBLE] })] });
    const owned = app.registries.methods.entries().filter((e) => e.owner === '@hepuq/plugin-ensembles');
    expect(owned.map((e) => e.key)).toEqual([BOOTSTRAP_ENSEMBLE]);
    app.dispose();
  });

  it('validates method options strictly (unknown keys, ensemble size >= 2)', () => {
    expect(DeepEnsembleOptions.safeParse({ members: 1 }).success).toBe(false);
    // resampling is a bootstrap option; repulsive members always train jointly, so `stacked` is not theirs
    const unknown = DeepEnsembleOptions.safeParse({ resample: false });
    expect(unknown.success).toBe(false);
    expect(JSON.stringify(unknown.error?.issues)).toContain('resample');
    expect(RepulsiveEnsembleOptions.safeParse({ stacked: false }).success).toBe(false);
    expect(RepulsiveEnsembleOptions.parse({})).toMatchObject({ members: 10, repulsion: 1, kernel: 'weight', batchOrder: 'per-member' });
  });
});
