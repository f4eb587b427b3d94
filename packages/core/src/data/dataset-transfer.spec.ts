import { describe, expect, it } from 'vitest';
import { Dataset } from './dataset.js';
import { datasetFromTransfer, datasetTransfer } from './dataset-transfer.js';
import { ParticleSet } from './particle-set.js';

const f = (...v: number[]) => Float32Array.from(v);

describe('dataset transfer (executor task inputs)', () => {
  it('survives a structured clone with every column, set, unit and name', () => {
    const jets = new ParticleSet({ features: ['pt', 'eta'], size: 2, values: f(1, 0.1, 0, 0, 2, 0.2, 3, 0.3), mask: Uint8Array.from([1, 0, 1, 1]), truncatedEvents: 1, droppedParticles: 4 });
    const data = new Dataset({
      features: { a: f(1, 2), b: f(3, 4) }, targets: [{ name: 'e', values: f(5, 6) }, { name: 'm', values: f(7, 8) }], label: f(0, 1), weights: f(0.5, -1),
      nuisances: { z: f(9, 10) }, extras: { true_mean: f(11, 12) }, sets: { jets }, units: { e: 'GeV' }, source: 'toy:x', labelName: 'is_signal',
    });
    const back = datasetFromTransfer(structuredClone(datasetTransfer(data)));
    expect(back).toBeInstanceOf(Dataset);
    expect(back.sets.jets).toBeInstanceOf(ParticleSet);
    expect(back.featureNames).toEqual(['a', 'b']);
    expect(back.targets.map((t) => [t.name, [...t.values]])).toEqual([['e', [5, 6]], ['m', [7, 8]]]);
    expect(back.targetName).toBe('e');
    expect([...back.label!]).toEqual([0, 1]);
    expect(back.labelName).toBe('is_signal');
    expect([...back.weights]).toEqual([0.5, -1]);
    expect([...back.nuisances.z]).toEqual([9, 10]);
    expect([...back.extras.true_mean]).toEqual([11, 12]);
    expect(back.units).toEqual({ e: 'GeV' });
    expect(back.source).toBe('toy:x');
    expect([...back.sets.jets.values]).toEqual([...jets.values]);
    expect([...back.sets.jets.mask]).toEqual([1, 0, 1, 1]);
    expect([back.sets.jets.truncatedEvents, back.sets.jets.droppedParticles]).toEqual([1, 4]);
  });

  it('keeps a classification dataset without targets target-less', () => {
    const back = datasetFromTransfer(structuredClone(datasetTransfer(new Dataset({ features: { a: f(1) }, label: f(1) }))));
    expect(back.targets).toEqual([]);
    expect(back.target).toBeUndefined();
  });

  it('validates what it rebuilds (a tampered mask is a ShapeMismatch)', () => {
    const jets = new ParticleSet({ features: ['pt'], size: 1, values: f(1), mask: Uint8Array.from([1]) });
    const t = datasetTransfer(new Dataset({ features: { a: f(1) }, sets: { jets } }));
    t.sets.jets.mask = Uint8Array.from([2]);
    expect(() => datasetFromTransfer(t)).toThrow(expect.objectContaining({ code: 'ShapeMismatch' }));
  });
});
