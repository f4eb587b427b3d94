import { describe, expect, it } from 'vitest';
import { featureSample } from './feature-sample.js';
import { NORMALISE_MODES, normaliseSamples } from './normalise.js';

describe('normaliseSamples', () => {
  // 3 features: x0 with its largest |x| negative, x1 larger in the generated sample, x2 zero throughout the reference
  const reference = featureSample(Float64Array.of(1, 2, 0, -4, 1, 0, 2, -0.5, 0), 3, { weights: [1, 5, 1] });
  const generated = featureSample(Float64Array.of(8, 10, 3), 3);

  it('jetnet: divides both samples by the reference max |x| per feature (JetNet _normalise_features), no shift', () => {
    const n = normaliseSamples(reference, generated, 'jetnet');
    // max |x| of the reference only, unweighted: 4, 2, and 1 for the all-zero feature (JetNet: maxes[maxes == 0] = 1)
    expect([...n.scale]).toEqual([4, 2, 1]);
    expect([...n.shift]).toEqual([0, 0, 0]);
    expect([...n.reference.data]).toEqual([0.25, 1, 0, -1, 0.5, 0, 0.5, -0.25, 0]);
    expect([...n.generated.data]).toEqual([2, 5, 3]); // the generated sample may exceed 1: its own max plays no part
    expect(n.reference.weights).toBe(reference.weights);
  });

  it('reference: standardises by the weighted mean and standard deviation of the reference', () => {
    const n = normaliseSamples(reference, generated, 'reference');
    // x0: weights 1, 5, 1 on 1, -4, 2 -> mean (1 - 20 + 2) / 7
    expect(n.shift[0]).toBeCloseTo(-17 / 7, 12);
    expect(n.scale[2]).toBe(1); // constant feature keeps scale 1
  });

  it('none: leaves the samples as they are', () => {
    const n = normaliseSamples(reference, generated, 'none');
    expect(n.reference).toBe(reference);
    expect([...n.scale]).toEqual([1, 1, 1]);
  });

  it('lists its modes for the CLI and the schemas', () => {
    expect(NORMALISE_MODES).toEqual(['reference', 'jetnet', 'none']);
  });
});
