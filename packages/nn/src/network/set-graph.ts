import { intAttr, type NetworkGraph } from '@hepuq/core';
import { standardizeNode } from '../export/network-graph.js';
import type { Standardizer } from '../nn/standardizer.js';
import type { SetState } from './set-inputs.js';

/**
 * A set body as graph nodes: inputs `<set>` [events, particles, features] (Phi's features, then the
 * energy feature of an EFN when Phi does not read it) and `<set>_mask` [events, particles] (1 for a
 * particle, 0 for padding), plus `features` [events, k] when flat columns join before F. Phi runs on
 * every slot; padding gets pooling weight 0, so its values only need to be finite.
 */
export function setGraph(g: NetworkGraph, state: SetState, particleScale: Standardizer, flatScale: Standardizer, latent: number): string {
  const { set, features, weighting } = state;
  const d = features.length;
  const energy = weighting.kind === 'energy' ? weighting.feature : undefined;
  const inputFeatures = energy && !features.includes(energy) ? [...features, energy] : features;
  const particles = g.input(set, ['events', 'particles', inputFeatures.length], `particle set "${set}": per particle [${inputFeatures.join(', ')}], raw (the standardisation is in the graph); padding slots any finite value`, inputFeatures);
  const mask = g.input(`${set}_mask`, ['events', 'particles'], `particle set "${set}": 1 for a particle, 0 for a padding slot`);
  const phiInputs = inputFeatures.length === d ? particles : g.node('Gather', [particles, g.int64([...Array(d).keys()])], { axis: intAttr(2) });
  const rows = g.node('Reshape', [standardizeNode(g, phiInputs, particleScale), g.int64([-1, d])]);
  // Phi on every particle slot: [R, events * particles, L] -> [R, events, particles, L]
  const perSlot = g.node('Reshape', [g.stack(0, rows), g.node('Concat', [g.int64([g.replicas]), g.node('Shape', [mask]), g.int64([latent])], { axis: intAttr(0) })]);
  const perEvent = (x: string) => g.node('ReduceSum', [x, g.int64([1])], { keepdims: intAttr(1) });
  let weights = mask;
  if (weighting.kind === 'mean') weights = g.node('Div', [mask, perEvent(mask)]);
  if (energy) {
    const e = g.node('Mul', [g.node('Gather', [particles, g.int64([inputFeatures.indexOf(energy)], [])], { axis: intAttr(2) }), mask]);
    weights = g.node('Div', [e, perEvent(e)]);
  }
  const weighted = g.node('Mul', [perSlot, g.node('Unsqueeze', [weights, g.int64([2])])]);
  let pooled = g.node('ReduceSum', [weighted, g.int64([2])], { keepdims: intAttr(0) });
  if (state.flat.length) {
    const flat = standardizeNode(g, g.input('features', ['events', state.flat.length], `flat features [${state.flat.join(', ')}] in this order, raw`, [...state.flat]), flatScale);
    const perReplica = g.node('Expand', [flat, g.node('Concat', [g.int64([g.replicas]), g.node('Shape', [flat])], { axis: intAttr(0) })]);
    pooled = g.node('Concat', [pooled, perReplica], { axis: intAttr(2) });
  }
  return g.stack(1, pooled);
}
