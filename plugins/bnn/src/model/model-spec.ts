import { legacyMlpSpec, type MlpArchitecture } from '@hepuq/nn';
import { DropoutMlp } from '../network/dropout-mlp.js';
import type { StackFactory } from '../network/stochastic-body.js';
import { VariationalMlp, type VariationalLayer } from '../network/variational-mlp.js';
import { bernoulliHead } from '../heads/bernoulli.head.js';
import { categoricalHead } from '../heads/categorical.head.js';
import { gaussianHead } from '../heads/gaussian.head.js';
import type { Head } from '../heads/head.js';
import { mixtureHead } from '../heads/mixture.head.js';
import type { NetworkPlan, NetworkSpec as BodySpec } from '@hepuq/core';

export type NetworkSpec =
  | { kind: 'variational'; priorSigma: number; initSigma: number; layer: VariationalLayer }
  | { kind: 'dropout'; rate: number; priorSigma: number };

export type HeadSpec =
  | { kind: 'gaussian' }
  | { kind: 'mixture'; components: number }
  | { kind: 'bernoulli' }
  /** K >= 3 classes, named in label order. */
  | { kind: 'categorical'; classes: string[] };

/** Everything a saved stochastic model needs besides its arrays (stored as model.json `spec`). */
export interface StochasticSpec {
  method: string;
  task: 'regression' | 'classification';
  network: NetworkSpec;
  head: HeadSpec;
  /** The network body (`mlp`, `pfn`, ...) whose dense stacks are stochastic. */
  body: BodySpec;
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
  if (spec.kind === 'categorical') return categoricalHead(spec.classes.length);
  return bernoulliHead;
}

/** The stochastic layers of `spec` for each dense stack of `plan`: fresh (seeded init) or rebuilt from saved arrays. */
export function stackFactory(spec: NetworkSpec, plan: NetworkPlan): StackFactory {
  return (i, role, source) => {
    const arch = plan.stacks[i];
    if (!('length' in source)) {
      return spec.kind === 'variational' ? VariationalMlp.create(arch, source, spec, role) : DropoutMlp.create(arch, source, spec, role);
    }
    return spec.kind === 'variational' ? VariationalMlp.fromArrays(arch, source, spec, role) : DropoutMlp.fromArrays(arch, source, spec, role);
  };
}

/** The body of a saved spec; models saved before bodies existed (an `architecture`) are `mlp`. */
export function bodyOf(spec: StochasticSpec & { architecture?: MlpArchitecture }, dir: string): BodySpec {
  return spec.body ?? legacyMlpSpec(spec, dir);
}
