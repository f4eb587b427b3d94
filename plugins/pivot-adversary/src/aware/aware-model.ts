import * as tf from '@tensorflow/tfjs';
import { assertFiniteDataset, Dataset, HepuqError, type ClassificationPrediction, type ModelDiagnostics, type Prediction } from '@hepuq/core';
import { NetworkModel, type NetworkModelSpec } from '@hepuq/nn';
import { optionalColumn } from '../data/decorrelation-target.js';
import { classifierDiagnostics, type DiagnosticsSpec } from '../model/classifier-diagnostics.js';
import { AWARE_CLASSIFIER, type AwareClassifierOptions } from './aware-classifier.options.js';
import type { NuisanceAwareModel, NuisancePrior } from './nuisance-aware-model.js';

/** What the aware classifier saves beside its weights; `featureNames` ends with the nuisance. */
export interface AwareSpec extends NetworkModelSpec, DiagnosticsSpec {
  options: AwareClassifierOptions;
  prior: NuisancePrior;
}

/** `data`'s features with the nuisance column `z` appended as the network's last input. */
export function withNuisanceInput(data: Dataset, nuisance: string, z: Float32Array): Dataset {
  return new Dataset({ features: { ...data.features, [nuisance]: z }, weights: data.weights, source: data.source });
}

/**
 * The uncertainty-aware classifier f(x, z) (Ghosh, Nachman, Whiteson 2105.08742): `predict` takes
 * every event's own Z column, `probAt` one hypothesised Z for all events. sigma_prob = 0.
 */
export class AwareModel extends NetworkModel<AwareSpec> implements NuisanceAwareModel {
  readonly method = AWARE_CLASSIFIER;
  readonly task = 'classification' as const;

  get nuisance(): string {
    return this.spec.nuisance;
  }

  get prior(): NuisancePrior {
    return this.spec.prior;
  }

  async predict(data: Dataset): Promise<ClassificationPrediction> {
    assertFiniteDataset(data);
    const z = optionalColumn(data, this.nuisance);
    if (!z) {
      throw new HepuqError('MissingColumn', `${data.source}: ${AWARE_CLASSIFIER} takes the nuisance "${this.nuisance}" as an input, and the data has no such column`, {
        hint: `List it under \`nuisances:\` of the data source; to evaluate at one hypothesised value use the model's probAt(data, z) (as the aware-profile step does).`,
      });
    }
    return { kind: 'classification', prob: this.probOf(data, z), sigmaProb: new Float32Array(data.n) };
  }

  async probAt(data: Dataset, z: number): Promise<Float32Array> {
    if (!Number.isFinite(z)) throw new HepuqError('InvalidArgument', `${AWARE_CLASSIFIER}: the nuisance value must be finite, got ${z}`);
    return this.probOf(data, new Float32Array(data.n).fill(z));
  }

  diagnostics(test: Dataset, prediction: Prediction): ModelDiagnostics {
    return prediction.kind === 'classification' ? classifierDiagnostics(test, prediction.prob, this.spec) : {};
  }

  private probOf(data: Dataset, z: Float32Array): Float32Array {
    return this.net.evaluate(withNuisanceInput(data, this.nuisance, z), (out) => ({ prob: tf.sigmoid(out.reshape([-1])) })).prob;
  }
}
