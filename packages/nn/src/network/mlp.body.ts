import { HepuqError, type Dataset, type NamedArray, type NetworkBody, type NetworkPlan, type NetworkSpec, z } from '@hepuq/core';
import { modelInputs } from '../nn/model-inputs.js';
import { fitStandardizer, type Standardizer } from '../nn/standardizer.js';
import { standardizeNode } from '../export/network-graph.js';

export const MLP_BODY = 'mlp';

/** The plain MLP takes the method's `hidden` and `activation`; it has no options of its own. */
export const MlpBodyOptions = z.object({}).strict();

/**
 * `mlp`: one dense stack on the standardised flat features (the default body of every method).
 * Its arrays keep the names of the models written before bodies existed (W0, b0, ..., input_mean, input_std).
 */
export const mlpBody: NetworkBody<typeof MlpBodyOptions> = {
  key: MLP_BODY,
  description: 'multilayer perceptron on the flat features (the default)',
  options: MlpBodyOptions,

  plan(data, options, request) {
    if (data.nFeatures === 0) {
      const sets = Object.keys(data.sets);
      throw new HepuqError('InvalidConfig', `${data.source}: the mlp network needs flat features; the data has none${sets.length ? ` (only the particle set(s) ${sets.join(', ')})` : ''}`, {
        hint: 'Choose a set body for particle sets, e.g. `network: { use: pfn }`, or list flat `features:` in the data source.',
      });
    }
    const scale = fitStandardizer(data.featureMatrix(), data.n, data.nFeatures);
    const spec: NetworkSpec = { use: MLP_BODY, options, state: { featureNames: [...data.featureNames] } };
    return mlpPlan(spec, scale, request.outputs, request.hidden, request.activation);
  },

  restore(spec, arrays, outputs) {
    const state = spec.state as { featureNames: string[]; hidden: number[]; activation: 'relu' };
    return mlpPlan(spec, { mean: arrayNamed(arrays, 'input_mean'), std: arrayNamed(arrays, 'input_std') }, outputs, state.hidden, state.activation);
  },
};

function mlpPlan(spec: NetworkSpec, scale: Standardizer, outputs: number, hidden: number[], activation: 'relu' | 'elu' | 'sigmoid' | 'tanh' | 'linear'): NetworkPlan {
  const featureNames = spec.state.featureNames as string[];
  const saved: NetworkSpec = { ...spec, state: { ...spec.state, hidden, activation } };
  return {
    spec: saved,
    outputs,
    stacks: [{ name: 'mlp', inputs: featureNames.length, hidden, outputs, activation, activateOutput: false }],
    inputs: (data: Dataset) => ({ x: { values: modelInputs(data, featureNames, scale), width: featureNames.length } }),
    rowsPerEvent: () => 1,
    forward: (stacks, inputs) => stacks(0, inputs.x),
    graph(g) {
      const x = g.input('features', ['events', featureNames.length], `flat features [${featureNames.join(', ')}] in this order, raw (the standardisation is in the graph)`, [...featureNames]);
      return g.stack(0, standardizeNode(g, x, scale));
    },
    arrays: (): NamedArray[] => [
      { name: 'input_mean', shape: [featureNames.length], data: scale.mean },
      { name: 'input_std', shape: [featureNames.length], data: scale.std },
    ],
  };
}

/** The saved array `name`, or a `ModelLoadFailed` naming it. */
export function arrayNamed(arrays: readonly NamedArray[], name: string): Float32Array {
  const a = arrays.find((x) => x.name === name);
  if (!a) throw new HepuqError('ModelLoadFailed', `saved network lacks array "${name}"`);
  return a.data;
}
