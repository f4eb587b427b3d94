import { describeUqMethodConformance } from '@hepuq/testing';
import { Dataset, Rng } from '@hepuq/core';
import { hetMlpMethod } from './het-mlp.method.js';
import { mlpClassifierMethod } from './mlp-classifier.method.js';

function toy(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const x1 = rng.normalArray(n);
  const x2 = rng.normalArray(n);
  const y = Float32Array.from(x1, (v, i) => v + 0.5 * x2[i] + rng.normal(0, 0.1));
  const label = Float32Array.from(x1, (v) => (v + rng.normal(0, 0.5) > 0 ? 1 : 0));
  return new Dataset({ features: { x1, x2 }, target: y, label, source: `toy-${seed}` });
}

describeUqMethodConformance({ method: hetMlpMethod, options: { epochs: 2, hidden: [8] }, train: () => toy(300, 1), test: () => toy(100, 2) });
describeUqMethodConformance({ method: mlpClassifierMethod, options: { epochs: 2, hidden: [8] }, train: () => toy(300, 1), test: () => toy(100, 2) });
