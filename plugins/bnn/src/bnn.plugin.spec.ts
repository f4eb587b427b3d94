import { describe, expect, it } from 'vitest';
import { createHepuq, HepuqError } from '@hepuq/core';
import { describePluginConformance } from '@hepuq/testing';
import pkg from '../package.json' with { type: 'json' };
import bnnDefault, { bnn, BNN, BNN_CLASSIFIER, BNN_FLOW, BNN_PLUGIN_NAME, BnnOptions, MC_DROPOUT, MC_DROPOUT_CLASSIFIER } from './index.js';

describePluginConformance({
  factory: (o) => bnn(o as never),
  packageJson: pkg,
  invalidOptions: [{ options: { unknownKey: 1 }, field: '(root)' }],
});

describe('bnn plugin', () => {
  it('registers its five methods and two losses under bare first-party keys', async () => {
    const app = await createHepuq({ plugins: [bnn()] });
    for (const key of [BNN, BNN_CLASSIFIER, MC_DROPOUT, MC_DROPOUT_CLASSIFIER, BNN_FLOW]) {
      const entry = app.registries.methods.entries().find((e) => e.key === key);
      expect(entry?.owner).toBe(BNN_PLUGIN_NAME);
    }
    expect(app.registries.methods.get(BNN_FLOW).task).toBe('generation');
    expect(app.registries.methods.get(BNN_CLASSIFIER).task).toBe('classification');
    expect(bnnDefault).toBe(bnn);
    app.dispose();
  });

  it('validates method options strictly and names the offending key', () => {
    expect(BnnOptions.safeParse({ epoch: 3 }).success).toBe(false);
    expect(BnnOptions.safeParse({ head: 'poisson' }).success).toBe(false);
    expect(BnnOptions.safeParse({ boost: { by: 'pull', max: 0.5 } }).success).toBe(false);
    const parsed = BnnOptions.parse({});
    expect(parsed).toMatchObject({ layer: 'local', head: 'gaussian', priorSigma: 1, klWeight: 1, labelSmearing: 0 });
    let err: unknown;
    try {
      bnn({ methods: ['bnn'] } as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HepuqError);
    expect((err as HepuqError).code).toBe('InvalidPluginOptions');
  });
});
