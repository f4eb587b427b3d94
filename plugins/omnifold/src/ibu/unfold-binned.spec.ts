import { Rng } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { expectIbuError, thrownBy } from './fixtures/expect-ibu-error.js';
import { iterativeUnfold } from './iterative-unfold.js';
import { unfoldBinned } from './unfold-binned.js';

const relDistance = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]) / b[i]));

describe('closure', () => {
  it('unfolding the expected reco distribution of a known truth converges to the truth', () => {
    // 6 causes, 8 effects, Gaussian smearing with a shift, efficiencies 0.6-0.9
    const nC = 6;
    const nE = 8;
    const truth = [500, 1400, 2200, 1800, 900, 300];
    const eff = truth.map((_, j) => 0.6 + (0.3 * j) / (nC - 1));
    const response = Array.from({ length: nE }, (_, i) => truth.map((__, j) => {
      const column = Array.from({ length: nE }, (___, k) => Math.exp(-0.5 * (((k + 0.5) / nE - (j + 0.5) / nC - 0.05) / 0.12) ** 2));
      return (column[i] / column.reduce((a, b) => a + b)) * eff[j];
    }));
    const data = response.map((row) => row.reduce((acc, p, j) => acc + p * truth[j], 0));
    const problem = {
      data, data_err: data.map(Math.sqrt), response, response_err: response.map((r) => r.map(() => 0.001)),
      efficiencies: eff, efficiencies_err: eff.map((e) => e / 30), ts_stopping: 1e-9, max_iter: 5000, return_iterations: true,
    };
    const result = iterativeUnfold(problem);
    const distance = result.iterations!.map((it) => relDistance(it.unfolded, truth));
    // the exact data make the truth a fixed point of the iteration: the distance shrinks towards 0
    expect(distance[9]).toBeLessThan(distance[0]);
    expect(distance[99]).toBeLessThan(distance[9]);
    expect(distance[distance.length - 1]).toBeLessThan(1e-3);
  });

  it('unfoldBinned of a simulation\'s own reco level (fakes and inefficiency included) recovers its truth histogram', () => {
    const rng = new Rng(11);
    const n = 20_000;
    const simGen = new Float64Array(n);
    const simReco = new Float64Array(n);
    const simWeights = new Float64Array(n);
    const passGen = new Uint8Array(n);
    const passReco = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      simGen[k] = rng.normal(0, 1);
      simReco[k] = simGen[k] + rng.normal(0.1, 0.3);
      simWeights[k] = 0.5 + rng.uniform();
      passGen[k] = rng.uniform() < 0.95 ? 1 : 0;
      passReco[k] = rng.uniform() < 0.8 + 0.1 * Math.tanh(simGen[k]) ? 1 : 0;
    }
    const genEdges = [-2, -1, -0.5, 0, 0.5, 1, 2];
    const recoEdges = [-2, -1.25, -0.75, -0.25, 0.25, 0.75, 1.25, 2];
    const { result, inputs } = unfoldBinned(
      { simGen, simReco, simWeights, passGen, passReco, dataReco: simReco, dataWeights: simWeights, dataPassReco: passReco, genEdges, recoEdges },
      { ts_stopping: 1e-8, max_iter: 20_000 },
    );
    // data (1 - fake) = sum_j R_ij exactly, so the simulation's truth histogram T solves P T = data;
    // the iterations converge to it: 2.5e-6 after the 242 iterations a KS step of 1e-8 takes; allow 2e-5
    expect(relDistance(result.unfolded, inputs.simTruth.sumW)).toBeLessThan(2e-5);
    expect(inputs.fakes.fraction.every((f) => f > 0 && f < 0.3)).toBe(true);
    expect(inputs.efficiencies.every((e) => e > 0.5 && e < 1)).toBe(true);
    expect(result.stat_err.every((e) => e > 0)).toBe(true);
    expect(result.sys_err.every((e) => e > 0)).toBe(true);
  });

  it('an empty gen bin surfaces as a zero efficiency naming the cause bin; settings are strict', async () => {
    const sample = { simGen: [0.5, 0.6], simReco: [0.5, 0.6], dataReco: [0.5], genEdges: [0, 1, 2], recoEdges: [0, 1] };
    expectIbuError(await thrownBy(() => unfoldBinned(sample)), 'InvalidArgument', ['efficiencies[1] is 0', 'cause bin 1']);
    expectIbuError(await thrownBy(() => unfoldBinned({ ...sample, genEdges: [0, 1] }, { iterations: 4 } as never)), 'InvalidConfig', ['iterations']);
  });
});
