import { Rng } from '@hepuq/core';
import { pivot2dToy } from '@hepuq/datasets';
import { describePluginConformance, describeUqMethodConformance } from '@hepuq/testing';
import { createRequire } from 'node:module';
import { PIVOT } from './methods/pivot.options.js';
import { pivotAdversary, PIVOT_ADVERSARY_METHODS } from './pivot-adversary.plugin.js';

const packageJson = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

// plumbing, not physics: tiny networks, two epochs
const QUICK = { hidden: [8], epochs: 2, batchSize: 64 };
const PIVOT_QUICK = { ...QUICK, pretrainEpochs: 1, adversaryPretrainEpochs: 1, adversarySteps: 1, adversaryHidden: [8] };

for (const method of PIVOT_ADVERSARY_METHODS) {
  describeUqMethodConformance({
    method,
    options: method.key === PIVOT ? PIVOT_QUICK : QUICK,
    train: () => pivot2dToy.generate(200, {}, new Rng(1)),
    test: () => pivot2dToy.generate(100, {}, new Rng(2)),
  });
}

describePluginConformance({
  factory: (options) => pivotAdversary(options as Parameters<typeof pivotAdversary>[0]),
  packageJson,
  invalidOptions: [
    { options: { methods: ['bnn'] }, field: 'methods' },
    { options: { lambda: 10 }, field: '(root)' },
  ],
});
