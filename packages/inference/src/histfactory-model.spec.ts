import { describe, expect, it } from 'vitest';
import { HepuqError } from '@hepuq/core';
import { HistFactoryModel } from './histfactory-model.js';
import { parseWorkspace } from './parse-workspace.js';
import { poissonLogPdf, normalLogPdf } from './special-functions.js';
import type { WorkspaceSpec } from './workspace.schema.js';

/** Every modifier type in two channels, with shared normsys/histosys/shapefactor and a staterror over two samples. */
const allModifiers: WorkspaceSpec = {
  channels: [
    {
      name: 'sr',
      samples: [
        { name: 'sig', data: [5, 8, 3], modifiers: [{ name: 'mu', type: 'normfactor', data: null }, { name: 'lumi', type: 'lumi', data: null }, { name: 'stat_sr', type: 'staterror', data: [0.5, 0.6, 0.2] }] },
        {
          name: 'bkg', data: [40, 30, 20],
          modifiers: [
            { name: 'jes', type: 'normsys', data: { hi: 1.1, lo: 0.85 } },
            { name: 'shape', type: 'histosys', data: { hi_data: [44, 31, 18], lo_data: [37, 29, 21] } },
            { name: 'stat_sr', type: 'staterror', data: [2, 1.5, 0] },
            { name: 'lumi', type: 'lumi', data: null },
          ],
        },
        { name: 'other', data: [10, 12, 0], modifiers: [{ name: 'unc', type: 'shapesys', data: [2, 3, 1] }, { name: 'jes', type: 'normsys', data: { hi: 1.05, lo: 0.97 } }] },
      ],
    },
    {
      name: 'cr',
      samples: [{ name: 'bkg', data: [100, 80, 60], modifiers: [{ name: 'sf', type: 'shapefactor', data: null }, { name: 'shape', type: 'histosys', data: { hi_data: [104, 82, 59], lo_data: [97, 79, 61] } }] }],
    },
  ],
  observations: [{ name: 'sr', data: [52, 47, 26] }, { name: 'cr', data: [103, 76, 64] }],
  measurements: [{ name: 'm', config: { poi: 'mu', parameters: [{ name: 'lumi', auxdata: [1], sigmas: [0.02] }] } }],
  version: '1.0.0',
};

describe('HistFactoryModel', () => {
  const ws = parseWorkspace(allModifiers);
  const model = HistFactoryModel.fromWorkspace(ws);

  it('lays out parameters by name with pyhf defaults', () => {
    expect(model.labels).toEqual(['jes', 'lumi', 'mu', 'sf[0]', 'sf[1]', 'sf[2]', 'shape', 'stat_sr[0]', 'stat_sr[1]', 'stat_sr[2]', 'unc[0]', 'unc[1]', 'unc[2]']);
    expect(model.poiIndex).toBe(2);
    expect(model.nMain).toBe(6);
    const stat = model.parameterSets.find((s) => s.name === 'stat_sr')!;
    // staterror width per bin: sqrt(sum_s u_sb^2) / sum_s nom_sb over the samples carrying it
    expect(stat.sigmas[0]).toBeCloseTo(Math.hypot(0.5, 2) / 45, 14);
    expect(stat.sigmas[2]).toBeCloseTo(0.2 / 23, 14);
    const unc = model.parameterSets.find((s) => s.name === 'unc')!;
    expect(unc.factors.slice(0, 2)).toEqual([25, 16]);
    // an empty bin cannot be constrained: tau = 1 and the gamma is fixed (as pyhf)
    expect(unc.fixed).toEqual([false, false, true]);
    expect(Array.from(model.lower.subarray(7, 10))).toEqual([1e-10, 1e-10, 1e-10]);
  });

  it('orders data as main bins by channel name, then auxdata', () => {
    const data = model.observedData(ws);
    expect(Array.from(data.subarray(0, 6))).toEqual([103, 76, 64, 52, 47, 26]);
    expect(data.length).toBe(6 + model.nAux);
    expect(Array.from(model.expectedData(model.init).subarray(0, 3))).toEqual([100, 80, 60]);
  });

  it('computes log L with every constant, by hand on the nominal parameters', () => {
    const data = model.observedData(ws);
    const nu = [100, 80, 60, 55, 50, 23];
    let expected = nu.reduce((acc, v, b) => acc + poissonLogPdf(data[b], v), 0);
    expected += normalLogPdf(0, 0, 1) * 2 + normalLogPdf(1, 1, 0.02);
    const stat = model.parameterSets.find((s) => s.name === 'stat_sr')!;
    for (const s of stat.sigmas) expected += normalLogPdf(1, 1, s);
    for (const tau of [25, 16, 1]) expected += poissonLogPdf(tau, tau);
    expect(model.logpdf(model.init, data)).toBeCloseTo(expected, 10);
  });

  it('has an analytic gradient equal to finite differences of the NLL', () => {
    const data = model.observedData(ws);
    const obj = model.objective(data);
    const pars = Float64Array.from([0.4, 1.01, 1.3, 1.05, 0.9, 1.1, -0.6, 0.98, 1.03, 1.0, 1.1, 0.9, 1.0]);
    const grad = new Float64Array(model.nPars);
    obj.gradient(pars, grad);
    for (let i = 0; i < model.nPars; i++) {
      const h = 1e-6;
      const up = pars.slice();
      const dn = pars.slice();
      up[i] += h;
      dn[i] -= h;
      // central difference error ~ h^2 f''' + eps |f| / h ~ 1e-7 for |f| ~ 50
      expect(grad[i]).toBeCloseTo((obj.value(up) - obj.value(dn)) / (2 * h), 5);
    }
  });

  it('rejects data of the wrong length and unknown labels', () => {
    expect(() => model.objective([1, 2, 3])).toThrowError(HepuqError);
    expect(() => model.parameterIndex('muu')).toThrowError(/unknown parameter "muu"/);
    expect(() => HistFactoryModel.fromWorkspace(ws, { measurement: 'nope' })).toThrowError(/measurement "nope" not found/);
  });
});
