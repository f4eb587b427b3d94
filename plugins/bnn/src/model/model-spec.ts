import type { MlpArchitecture } from '@hepuq/nn';
import { DropoutMlp } from '../network/dropout-mlp.js';
import type { StochasticNetwork } from '../network/stochastic-network.js';
import { VariationalMlp, type VariationalLayer } from '../network/variational-mlp.js';
import { bernoulliHead } from '../heads/bernoulli.head.js';
import { gaussianHead } from '../heads/gaussian.head.js';
import type { Head } from '../heads/head.js';
import { mixtureHead } from '../heads/mixture.head.js';
import type { NamedArray, Rng } from '@hepuq/core';

export type NetworkSpec =
  | { kind: 'variational'; priorSigma: number; initSigma: number; layer: VariationalLayer }
  | { kind: 'dropout'; rate: number; priorSigma: number };

export type HeadSpec = { kind: 'gaussian' } | { kind: 'mixture'; components: number } | { kind: 'bernoulli' };

/** Everything a saved stochastic model needs besides its arrays (stored as model.json `spec`). */
export interface StochasticSpec {
  method: string;
  task: 'regression' | 'classification';
  network: NetworkSpec;
  head: HeadSpec;
  architecture: MlpArchitecture;
  featureNames: string[];
  targetName: string;
  /** Target standardisation (regression): the network sees (y - targetMean) / targetStd. */
  targetMean: number;
  targetStd: number;
  /** Default number of weight draws R at prediction. */
  draws: number;
  /** Default seed of the prediction draws (so predict() is reproducible without a seed). */
  seed: number;
  /** The validated method options, for provenance. */
  options: Record<string, unknown>;
}

export function makeHead(spec: HeadSpec): Head {
  if (spec.kind === 'gaussian') return gaussianHead;
  if (spec.kind === 'mixture') return mixtureHead(spec.components);
  return bernoulliHead;
}

/** A fresh network (seeded init) or one rebuilt from saved arrays. */
export function makeNetwork(spec: NetworkSpec, arch: MlpArchitecture, source: Rng | NamedArray[]): StochasticNetwork {
  const fresh = !Array.isArray(source);
  if (spec.kind === 'variational') {
    return fresh ? VariationalMlp.create(arch, source, spec) : VariationalMlp.fromArrays(arch, source, spec);
  }
  return fresh ? DropoutMlp.create(arch, source, spec) : DropoutMlp.fromArrays(arch, source, spec);
}
