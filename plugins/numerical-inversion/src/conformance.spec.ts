import { createRequire } from 'node:module';
import { Registry, Rng, type UQMethod } from '@hepuq/core';
import { responseToy } from '@hepuq/datasets';
import { hetMlpMethod } from '@hepuq/nn';
import { describePluginConformance, describeUqMethodConformance } from '@hepuq/testing';
import { numericalInversionMethod } from './method/numerical-inversion.method.js';
import { numericalInversion } from './numerical-inversion.plugin.js';

const packageJson = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

describePluginConformance({
  factory: (options) => numericalInversion(options as Parameters<typeof numericalInversion>[0]),
  packageJson,
  invalidOptions: [{ options: { grid: 10 }, field: '(root)' }],
});

// the method with its inner regression's registry at hand (runs pass theirs in the context): plumbing, two epochs
const methods = new Registry<UQMethod>('method');
methods.add(hetMlpMethod.key, hetMlpMethod);
// strict: false: a two-epoch response need not rise everywhere, and plumbing is what is tested here
const QUICK = { inner: { use: 'het-mlp', options: { hidden: [8], epochs: 2, batchSize: 64 } }, grid: { points: 32 }, strict: false };

describeUqMethodConformance({
  method: numericalInversionMethod(methods),
  options: QUICK,
  train: () => responseToy.generate(300, { prior: { shape: 'flat' } }, new Rng(1)),
  test: () => responseToy.generate(100, { prior: { shape: 'flat' } }, new Rng(2)),
});

// with a further feature: one grid per event at its z
describeUqMethodConformance({
  method: numericalInversionMethod(methods),
  options: { ...QUICK, grid: { points: 16 } },
  train: () => responseToy.generate(300, { z: true, prior: { shape: 'flat' } }, new Rng(3)),
  test: () => responseToy.generate(60, { z: true, prior: { shape: 'flat' } }, new Rng(4)),
});
