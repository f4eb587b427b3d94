import { describe, expect, it } from 'vitest';
import { expectIbuError, thrownBy } from './fixtures/expect-ibu-error.js';
import { binIndex } from '@hepuq/core';
import { weightedHistogram } from './weighted-histogram.js';

describe('weightedHistogram', () => {
  it('bins like numpy.histogram: [e_k, e_k+1), the last bin closed, outside skipped', () => {
    const edges = [0, 1, 3, 4];
    expect([-0.1, 0, 0.999, 1, 2.5, 3, 4, 4.01].map((x) => binIndex(x, edges))).toEqual([-1, 0, 0, 1, 1, 2, 2, -1]);
    expect(binIndex(Number.NaN, edges)).toBe(-1);
    const h = weightedHistogram(Float32Array.of(0.5, 1.5, 2.9, 4, 7), undefined, edges);
    expect(Array.from(h.sumW)).toEqual([1, 2, 1]);
  });

  it('sums weights and squared weights, skipping masked events (whatever they hold)', () => {
    const h = weightedHistogram(Float64Array.of(0.5, 0.7, 1.5, Number.NaN), Float64Array.of(2, 3, 0.5, Number.NaN), [0, 1, 2], Uint8Array.of(1, 1, 1, 0));
    expect(Array.from(h.sumW)).toEqual([5, 0.5]);
    expect(Array.from(h.sumW2)).toEqual([13, 0.25]);
  });

  it('rejects bad edges and NaN values or weights of counted events, naming them', async () => {
    expectIbuError(await thrownBy(() => weightedHistogram([1], undefined, [0])), 'InvalidArgument', ['edges has 1 entries']);
    expectIbuError(await thrownBy(() => weightedHistogram([1], undefined, [0, 2, 2])), 'InvalidArgument', ['edges[2] = 2']);
    expectIbuError(await thrownBy(() => weightedHistogram([1, Number.NaN], undefined, [0, 2], undefined, 'x')), 'NonFiniteValue', ['x[1] is NaN']);
    expectIbuError(await thrownBy(() => weightedHistogram([1], [Infinity], [0, 2])), 'NonFiniteValue', ['weight of values[0]']);
  });
});
