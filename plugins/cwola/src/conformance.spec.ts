import { createRequire } from 'node:module';
import { Registry, Rng, type UQMethod } from '@hepuq/core';
import { datasets, dijetToy } from '@hepuq/datasets';
import { mlpClassifierMethod, nnPlugin } from '@hepuq/nn';
import { describePluginConformance, describeRunStepConformance, describeUqMethodConformance } from '@hepuq/testing';
import { cwola } from './cwola.plugin.js';
import { cwolaMethod } from './cwola/cwola.method.js';
import { cwolaHuntStep } from './hunt/cwola-hunt.step.js';

const packageJson = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

describePluginConformance({
  factory: (options) => cwola(options as Parameters<typeof cwola>[0]),
  packageJson,
  invalidOptions: [{ options: { folds: 3 }, field: '(root)' }],
});

// a tiny hunt on its own toy data (the step reads none of the synthetic run but its services)
describeRunStepConformance({
  step: cwolaHuntStep,
  plugins: () => [nnPlugin(), datasets(), cwola()],
  options: {
    data: { toy: 'dijet', n: 3000, options: { signal: { fraction: 0.01 } } }, truth: 'is_signal',
    bins: { n: 10, min: 2000, max: 5000, scale: 'log' }, signalRegions: { windows: [[4, 5]], sideband: 2 }, folds: 3,
    classifier: { use: 'mlp-classifier', options: { hidden: [4], epochs: 1 } }, efficiencies: [0.1],
  },
  invalidOptions: [
    { options: { bins: { n: 10, min: 2000, max: 5000 }, folds: 2 }, field: 'folds' },
    { options: { bins: { n: 10, min: 2000, max: 5000 }, efficiencies: [1.5] }, field: 'efficiencies' },
  ],
});

// the method with its classifier's registry at hand (runs pass theirs in the context): plumbing, two epochs
const methods = new Registry<UQMethod>('method');
methods.add(mlpClassifierMethod.key, mlpClassifierMethod);
const mixed = (n: number, seed: number) => dijetToy.generate(n, { signal: { fraction: 0.05 }, label: { window: [3300, 3700] } }, new Rng(seed));
describeUqMethodConformance({
  method: cwolaMethod(methods),
  options: { classifier: { use: 'mlp-classifier', options: { hidden: [8], epochs: 2, batchSize: 64 } } },
  train: () => mixed(300, 1),
  test: () => mixed(100, 2),
});
