import { Rng } from '@hepuq/core';
import { heteroscedastic1dToy, twoClass2dToy } from '@hepuq/datasets';
import { describePluginConformance, describeUqMethodConformance } from '@hepuq/testing';
import { createRequire } from 'node:module';
import { ensembles, ENSEMBLE_METHODS } from './ensembles.plugin.js';

const packageJson = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

// plumbing, not calibration: tiny members, two epochs
const QUICK = { members: 3, hidden: [8], epochs: 2, batchSize: 64 };

for (const method of ENSEMBLE_METHODS) {
  const toy = method.task === 'classification' ? twoClass2dToy : heteroscedastic1dToy;
  describeUqMethodConformance({
    method,
    options: QUICK,
    train: () => toy.generate(200, {}, new Rng(1)),
    test: () => toy.generate(100, {}, new Rng(2)),
    replicas: 3,
  });
}

describePluginConformance({
  factory: (options) => ensembles(options as Parameters<typeof ensembles>[0]),
  packageJson,
  invalidOptions: [
    { options: { methods: ['bnn'] }, field: 'methods' },
    { options: { members: 10 }, field: '(root)' },
  ],
});
