import { HepuqError } from '@hepuq/core';
import { legacyMlpSpec, savedTargetScales, type DrawSpread, type LogSigmaBound, type MlpArchitecture, type SavedTargets, type TargetScale } from '@hepuq/nn';
import { DropoutMlp } from '../network/dropout-mlp.js';
import type { StackFactory } from '../network/stochastic-body.js';
import { VariationalMlp, type VariationalLayer } from '../network/variational-mlp.js';
import { bernoulliHead } from '../heads/bernoulli.head.js';
import { categoricalHead } from '../heads/categorical.head.js';
import { gaussianHead } from '../heads/gaussian.head.js';
import type { Head } from '../heads/head.js';
import { mixtureHead } from '../heads/mixture.head.js';
import type { NetworkPlan, NetworkSpec as BodySpec } from '@hepuq/core';
import { BNN_PLUGIN_NAME } from '../plugin-meta.js';

export type NetworkSpec =
  | { kind: 'variational'; priorSigma: number; initSigma: number; layer: VariationalLayer }
  | { kind: 'dropout'; rate: number; priorSigma: number };

export type HeadSpec =
  /** A diagonal Gaussian on `targets` regression targets (absent: 1, as every single-target model saved it). */
  | { kind: 'gaussian'; targets?: number }
  | { kind: 'mixture'; components: number }
  | { kind: 'bernoulli' }
  /** K >= 3 classes, named in label order. */
  | { kind: 'categorical'; classes: string[] };

/**
 * Everything a saved stochastic model needs besides its arrays (stored as model.json `spec`). Its
 * `SavedTargets` fields: regression target standardisation (the network sees (y_t - mean_t) / std_t),
 * the first target in `targetName`/`targetMean`/`targetStd` and, with several, all of them in
 * `targets`; a classifier records its label name with mean 0 and std 1.
 */
export interface StochasticSpec extends SavedTargets {
  method: string;
  task: 'regression' | 'classification';
  network: NetworkSpec;
  head: HeadSpec;
  /** The network body (`mlp`, `pfn`, ...) whose dense stacks are stochastic. */
  body: BodySpec;
  featureNames: string[];
  /** Default number of weight draws R at prediction. */
  draws: number;
  /** Default seed of the prediction draws (so predict() is reproducible without a seed). */
  seed: number;
  /** The validated method options, for provenance. */
  options: Record<string, unknown>;
  /**
   * Regression: how the draws' learned widths relate to the spread of their means (`in-noise` for MC
   * dropout trained with a mask per event; absent = `added`, as every model saved before it).
   */
  drawSpread?: DrawSpread;
}

/** The draw spread a saved spec records (`added` when absent), checked. */
export function savedDrawSpread(spec: StochasticSpec, dir: string): DrawSpread {
  const spread = spec.drawSpread ?? 'added';
  if (spread !== 'added' && spread !== 'in-noise') {
    throw new HepuqError('ModelLoadFailed', `${dir}: unknown drawSpread ${JSON.stringify(spread)}; expected "added" or "in-noise"`, { plugin: BNN_PLUGIN_NAME });
  }
  return spread;
}

export function makeHead(spec: HeadSpec, bound: LogSigmaBound = 'soft'): Head {
  if (spec.kind === 'gaussian') return gaussianHead(spec.targets ?? 1, bound);
  if (spec.kind === 'mixture') return mixtureHead(spec.components, bound);
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

/**
 * The regression targets of a saved spec, checked against its head (`ModelLoadFailed` names `dir`):
 * a Gaussian head has one (mu, log sigma) pair per target, the mixture head predicts one target.
 */
export function savedRegressionTargets(spec: StochasticSpec, dir: string): TargetScale[] {
  const scales = savedTargetScales(spec, dir);
  const headTargets = spec.head.kind === 'gaussian' ? (spec.head.targets ?? 1) : spec.head.kind === 'mixture' ? 1 : undefined;
  if (headTargets !== scales.length) {
    throw new HepuqError('ModelLoadFailed', `${dir}: the saved ${spec.head.kind} head predicts ${headTargets ?? 'no regression'} target(s), but the spec records ${scales.length}`, { plugin: BNN_PLUGIN_NAME });
  }
  return scales;
}
