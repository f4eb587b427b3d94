import { describe, expect, it } from 'vitest';
import { expectBumpFitError, thrownBy } from './fixtures/expect-bump-fit-error.js';
import { sortSpectrum, type SpectrumBins } from './spectrum-bins.js';

const bins = (low: number[], high: number[], counts: number[]): SpectrumBins => ({ low, high, counts });

describe('sortSpectrum', () => {
  it('sorts by mass and keeps the input row of each bin', () => {
    const s = sortSpectrum(bins([2200, 2000, 2100], [2300, 2100, 2200], [3, 9, 5]), 13000);
    expect(Array.from(s.low)).toEqual([2000, 2100, 2200]);
    expect(Array.from(s.counts)).toEqual([9, 5, 3]);
    expect(Array.from(s.rows)).toEqual([1, 2, 0]);
    expect(Array.from(s.centres)).toEqual([2050, 2150, 2250]);
    expect(s.x[0]).toBe(2050 / 13000);
  });

  it('accepts edges that agree to 1e-9 relative (rounded decimal edges)', () => {
    expect(() => sortSpectrum(bins([2000, 2166.6666666667], [2166.666666666667, 2333.3], [1, 1]), 13000)).not.toThrow();
  });

  it('names the rows of gaps, overlaps and bad bins', async () => {
    const cases: [SpectrumBins, Parameters<typeof expectBumpFitError>[1], string[]][] = [
      [bins([2000, 2101], [2100, 2200], [1, 1]), 'InvalidArgument', ['row 1', 'row 2', 'leave a gap']],
      [bins([2000, 2050], [2100, 2200], [1, 1]), 'InvalidArgument', ['overlap']],
      [bins([2000, 2000], [2100, 2100], [1, 1]), 'InvalidArgument', ['overlap']],
      [bins([2000, 2100], [2100, 2200], [1, Number.NaN]), 'NonFiniteValue', ['count of row 2 is NaN']],
      [bins([2000, Infinity], [2100, 2200], [1, 1]), 'NonFiniteValue', ['low of row 2']],
      [bins([2100], [2000], [1]), 'InvalidArgument', ['row 1 has low 2100 >= high 2000']],
      [bins([2000], [2100], [-1]), 'InvalidArgument', ['count of row 1 is -1']],
      [bins([], [], []), 'EmptyDataset', ['no bins']],
      [bins([2000], [2100, 2200], [1]), 'ShapeMismatch', ['1, 2 and 1']],
      [bins([12900], [13100], [1]), 'InvalidArgument', ['sqrt(s) = 13000']],
    ];
    for (const [b, code, mentions] of cases) expectBumpFitError(await thrownBy(() => sortSpectrum(b, 13000, 'counts.csv')), code, ['counts.csv', ...mentions]);
  });
});
