import { HepuqError, readModelDir, writeModelDir, type Dataset, type FittedModel, type NetworkSpec, type Prediction, type Registry, type NetworkBody, type TaskKind } from '@hepuq/core';
import type { MlpArchitecture } from '../nn/mlp.js';
import { DenseNetwork } from './dense-network.js';
import { MLP_BODY } from './mlp.body.js';
import { resolveNetworkBody } from './network-bodies.js';

/** What every deterministic network model saves beside its weights. */
export interface NetworkModelSpec {
  network: NetworkSpec;
  featureNames: string[];
}

/** A fitted model around one `DenseNetwork`: saving and disposal are shared, prediction is the method's. */
export abstract class NetworkModel<S extends NetworkModelSpec> implements FittedModel {
  abstract readonly method: string;
  abstract readonly task: TaskKind;

  constructor(protected readonly net: DenseNetwork, protected readonly spec: S) {}

  abstract predict(data: Dataset): Promise<Prediction>;

  async save(dir: string): Promise<void> {
    await writeModelDir(dir, { method: this.method, spec: { ...this.spec, network: this.net.plan.spec } as unknown as Record<string, unknown>, arrays: this.net.toArrays() });
  }

  /** The trained network (owned by the model: copy it with `DenseNetwork.fromArrays` to train further). */
  network(): DenseNetwork {
    return this.net;
  }

  dispose(): void {
    this.net.dispose();
  }
}

/**
 * The `mlp` body spec of a model saved before network bodies existed (an `architecture` and the
 * feature names in its spec); `ModelLoadFailed` when the spec has neither a body nor an architecture.
 */
export function legacyMlpSpec(spec: { architecture?: MlpArchitecture; featureNames?: string[] }, dir: string): NetworkSpec {
  const arch = spec.architecture;
  if (!arch || !spec.featureNames) throw new HepuqError('ModelLoadFailed', `${dir}: the saved model names neither its network body nor an MLP architecture`);
  return { use: MLP_BODY, options: {}, state: { featureNames: spec.featureNames, hidden: arch.hidden, activation: arch.activation } };
}

/**
 * Read a directory written by `NetworkModel.save` back into its network and spec; the body is looked
 * up in `networks` (the app's registry) or among the built-in bodies. Models saved before network
 * bodies existed (an `architecture` and no `network`) load as `mlp`. `outputs` may depend on the saved
 * spec (e.g. a classifier's number of classes).
 */
export async function readNetworkModel<S extends NetworkModelSpec>(
  dir: string, method: string, outputs: number | ((spec: S) => number), networks?: Registry<NetworkBody>,
): Promise<{ net: DenseNetwork; spec: S }> {
  const archive = await readModelDir(dir, method);
  const raw = archive.spec as unknown as S & { architecture?: MlpArchitecture };
  const network = raw.network ?? legacyMlpSpec(raw, dir);
  const plan = resolveNetworkBody(network.use, networks).restore(network, archive.arrays, typeof outputs === 'number' ? outputs : outputs(raw));
  return { net: DenseNetwork.fromArrays(plan, archive.arrays), spec: { ...raw, network } };
}
