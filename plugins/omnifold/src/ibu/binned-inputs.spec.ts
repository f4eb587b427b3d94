import { describe, expect, it } from 'vitest';
import { binnedUnfoldingInputs } from './binned-inputs.js';
import { expectIbuError, thrownBy } from './fixtures/expect-ibu-error.js';

// Seven simulated events on gen edges [0, 1, 2] and reco edges [0, 1, 2]:
//   k  gen   reco  w   passGen passReco  -> gen bin, reco bin
//   0  0.5   0.4   1   1       1            0, 0
//   1  0.5   1.4   2   1       1            0, 1
//   2  0.5   0.6   1   1       0            0, -   (not reconstructed: lowers eps_0)
//   3  1.5   1.5   1   1       1            1, 1
//   4  1.5   5.0   3   1       1            1, -   (reco outside the edges: lowers eps_1)
//   5  9.0   1.2   1   1       1            -, 1   (gen outside the edges: a fake)
//   6  0.2   0.3   2   0       1            -, 0   (fails gen: a fake)
const sample = {
  simGen: Float32Array.of(0.5, 0.5, 0.5, 1.5, 1.5, 9, 0.2),
  simReco: Float32Array.of(0.4, 1.4, 0.6, 1.5, 5, 1.2, 0.3),
  simWeights: Float32Array.of(1, 2, 1, 1, 3, 1, 2),
  passGen: Uint8Array.of(1, 1, 1, 1, 1, 1, 0),
  passReco: Uint8Array.of(1, 1, 0, 1, 1, 1, 1),
  dataReco: Float32Array.of(0.1, 0.2, 0.9, 1.1, 1.9, 3),
  dataWeights: Float32Array.of(1, 1, 2, 1, 3, 1),
  genEdges: [0, 1, 2],
  recoEdges: [0, 1, 2],
};

describe('binnedUnfoldingInputs', () => {
  const inputs = binnedUnfoldingInputs(sample);

  it('normalises each response column to its gen bin total, so that it sums to the efficiency', () => {
    // T = [1 + 2 + 1, 1 + 3] = [4, 4]; R = [[1, 0], [2, 1]]
    expect(inputs.simTruth.sumW).toEqual([4, 4]);
    expect(inputs.response).toEqual([[0.25, 0], [0.5, 0.25]]);
    expect(inputs.efficiencies).toEqual([0.75, 0.25]);
  });

  it('response_err is binomial with the Kish effective count; efficiencies_err gives pyunfold that count', () => {
    // N_0 = 4^2 / (1 + 4 + 1) = 8/3, N_1 = 16 / 10
    const n = [16 / 6, 16 / 10];
    expect(inputs.simTruth.effectiveEvents[0]).toBeCloseTo(n[0], 14);
    expect(inputs.response_err[1][0]).toBeCloseTo(Math.sqrt((0.5 * 0.5) / n[0]), 14);
    expect(inputs.response_err[0][1]).toBe(0);
    inputs.efficiencies_err.forEach((e, j) => expect((inputs.efficiencies[j] / e) ** 2).toBeCloseTo(n[j], 12));
  });

  it('subtracts the simulated fake fraction of each reco bin from the data', () => {
    // S = [1 + 2, 2 + 1 + 1] = [3, 4], F = [2, 1] -> fake = [2/3, 1/4]; D = [1 + 1 + 2, 1 + 3] (3 is outside)
    expect(inputs.fakes.fraction[0]).toBeCloseTo(2 / 3, 15);
    expect(inputs.fakes.fraction[1]).toBe(0.25);
    expect(inputs.fakes.dataBeforeFakes).toEqual([4, 4]);
    expect(inputs.data[0]).toBeCloseTo(4 / 3, 14);
    expect(inputs.data[1]).toBe(3);
    expect(inputs.data_err[1]).toBeCloseTo(0.75 * Math.sqrt(1 + 9), 14);
  });

  it('uses unit weights and passing events when none are given', () => {
    const plain = binnedUnfoldingInputs({ simGen: [0.5, 1.5], simReco: [0.5, 0.5], dataReco: [0.5], genEdges: [0, 1, 2], recoEdges: [0, 1] });
    expect(plain.response).toEqual([[1, 1]]);
    expect(plain.data).toEqual([1]);
  });

  it('rejects columns of different lengths and NaN in passing events, naming them', async () => {
    expectIbuError(await thrownBy(() => binnedUnfoldingInputs({ ...sample, simReco: Float32Array.of(1) })), 'ShapeMismatch', ['simReco has 1', 'simGen has 7']);
    expectIbuError(await thrownBy(() => binnedUnfoldingInputs({ ...sample, simGen: Float32Array.of(0.5, Number.NaN, 0.5, 1.5, 1.5, 9, 0.2) })), 'NonFiniteValue', ['simGen[1]']);
    // a NaN gen value of an event failing gen is never looked at
    expect(() => binnedUnfoldingInputs({ ...sample, simGen: Float32Array.of(0.5, 0.5, 0.5, 1.5, 1.5, 9, Number.NaN) })).not.toThrow();
  });
});
