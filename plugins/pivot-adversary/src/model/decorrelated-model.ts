import * as tf from '@tensorflow/tfjs';
import type { ClassificationPrediction, Dataset, ModelDiagnostics, ModelGraph, Prediction } from '@hepuq/core';
import { classificationGraph, NetworkModel, type NetworkModelSpec } from '@hepuq/nn';
import { classifierDiagnostics, type DiagnosticsSpec } from './classifier-diagnostics.js';

/** What a decorrelated classifier saves beside its weights. */
export interface DecorrelatedSpec extends NetworkModelSpec, DiagnosticsSpec {
  options: Record<string, unknown>;
}

/**
 * A classifier f(x) trained with a decorrelation term (pivot adversary, DisCo, MoDe): prob = f(x);
 * sigma_prob = 0 (one network, no weight posterior). Its diagnostics go into metrics.json.
 */
export class DecorrelatedModel extends NetworkModel<DecorrelatedSpec> {
  readonly task = 'classification' as const;

  constructor(readonly method: string, ...rest: ConstructorParameters<typeof NetworkModel<DecorrelatedSpec>>) {
    super(...rest);
  }

  /** The options the classifier was trained with (the lambda scan retrains with these). */
  get options(): Record<string, unknown> {
    return this.spec.options;
  }

  async predict(data: Dataset): Promise<ClassificationPrediction> {
    const { prob } = this.net.evaluate(data, (out) => ({ prob: tf.sigmoid(out.reshape([-1])) }));
    return { kind: 'classification', prob, sigmaProb: new Float32Array(data.n) };
  }

  graph(): ModelGraph {
    return classificationGraph(this.net.plan, this.net.stackWeights(), 1, { method: this.method });
  }

  diagnostics(test: Dataset, prediction: Prediction): ModelDiagnostics {
    return prediction.kind === 'classification' ? classifierDiagnostics(test, prediction.prob, this.spec) : {};
  }
}
