import { type Dataset, readModelDir, writeModelDir, type Prediction, type FittedModel, type TaskKind } from '@hepuq/core';
import type { MlpArchitecture } from './mlp.js';
import { MlpNetwork } from './mlp-network.js';

/** What every MLP-backed model saves beside its weights. */
export interface MlpModelSpec {
  architecture: MlpArchitecture;
  featureNames: string[];
}

/** A fitted model around one `MlpNetwork`: saving and disposal are shared, prediction is the method's. */
export abstract class MlpModel<S extends MlpModelSpec> implements FittedModel {
  abstract readonly method: string;
  abstract readonly task: TaskKind;

  constructor(protected readonly net: MlpNetwork, protected readonly spec: S) {}

  abstract predict(data: Dataset): Promise<Prediction>;

  async save(dir: string): Promise<void> {
    await writeModelDir(dir, { method: this.method, spec: { ...this.spec } as Record<string, unknown>, arrays: this.net.toArrays() });
  }

  /** The trained network (owned by the model: copy it with `MlpNetwork.fromArrays` to train further). */
  network(): MlpNetwork {
    return this.net;
  }

  dispose(): void {
    this.net.dispose();
  }
}

/** Read a directory written by `MlpModel.save` back into its network and spec. */
export async function readMlpModel<S extends MlpModelSpec>(dir: string, method: string): Promise<{ net: MlpNetwork; spec: S }> {
  const archive = await readModelDir(dir, method);
  const spec = archive.spec as unknown as S;
  return { net: MlpNetwork.fromArrays(spec.architecture, spec.featureNames, archive.arrays), spec };
}
