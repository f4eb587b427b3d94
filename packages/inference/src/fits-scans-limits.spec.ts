import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fitConfig } from './fit-config.js';
import { HistFactoryModel } from './histfactory-model.js';
import { hypotest } from './hypotest.js';
import { mleFit } from './mle-fit.js';
import { parseWorkspace } from './parse-workspace.js';
import { linspace, profileScan1D, profileScan2D } from './profile-scan.js';
import { upperLimit } from './upper-limit.js';

function load(name: string): { model: HistFactoryModel; data: Float64Array } {
  const ws = parseWorkspace(JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')), name);
  const model = HistFactoryModel.fromWorkspace(ws); // pyhf defaults: normsys code4, histosys code4p
  return { model, data: model.observedData(ws) };
}

describe.each([
  ['1bin_normsys.json', 'bkg_norm'],
  ['2bin_histosys.json', 'bkg_norm'],
  ['1bin_shapesys.json', 'uncorr_bkguncrt[0]'],
])('%s', (name, nuisance) => {
  const { model, data } = load(name);

  it('fits to a stationary point with a positive-definite Hessian', () => {
    const r = mleFit(model, data);
    expect(r.covarianceValid).toBe(true);
    const g = new Float64Array(model.nPars);
    model.objective(data).gradient(Float64Array.from(r.bestfit), g);
    r.bestfit.forEach((v, i) => {
      const interior = v > model.lower[i] + 1e-6 && v < model.upper[i] - 1e-6;
      if (interior) expect(Math.abs(g[i])).toBeLessThan(1e-4);
    });
    r.correlation.forEach((row) => row.forEach((c) => expect(Math.abs(c)).toBeLessThanOrEqual(1 + 1e-9)));
    expect(r.uncertainties.every((u) => u > 0)).toBe(true);
  });

  it('profiles the POI: the 68% scan interval half-width matches the Hesse error', () => {
    const r = mleFit(model, data);
    const { value, uncertainty } = r.poi;
    const scan = profileScan1D(model, data, model.poiName, linspace(Math.max(0, value - 2.5 * uncertainty), value + 2.5 * uncertainty, 41));
    expect(Math.min(...scan.deltaTwiceNll)).toBeGreaterThanOrEqual(0);
    expect(scan.bestfit).toBeCloseTo(value, 6);
    const [lo, hi] = scan.interval68;
    // both likelihoods are close to Gaussian in mu at these event counts (>= 50 per bin): the
    // Wilks interval and the Hesse error agree to ~ skewness/sqrt(n) ~ 10%; a 41-point grid adds < 1%
    if (lo !== null) expect(Math.abs(value - lo - uncertainty) / uncertainty).toBeLessThan(0.15);
    expect(hi).not.toBeNull();
    expect(Math.abs(hi! - value - uncertainty) / uncertainty).toBeLessThan(0.15);
  });

  it('sets an upper limit where CLs = 0.05, with ordered expected limits', () => {
    const r = upperLimit(model, data);
    expect(hypotest(model, data, r.upperLimitObs).clsObs).toBeCloseTo(0.05, 6);
    for (let i = 1; i < 5; i++) expect(r.upperLimitExp[i]).toBeGreaterThan(r.upperLimitExp[i - 1]);
  });

  it('scans (POI, nuisance) in 2-D with the minimum next to the best fit', () => {
    const fit = mleFit(model, data);
    const j = model.parameterIndex(nuisance);
    const x = linspace(Math.max(0, fit.poi.value - 1), fit.poi.value + 1, 9);
    const y = linspace(fit.bestfit[j] - 2 * fit.uncertainties[j], fit.bestfit[j] + 2 * fit.uncertainties[j], 9);
    const s = profileScan2D(model, data, [model.poiName, nuisance], x, y, fitConfig(model));
    const flat = s.deltaTwiceNll.flat();
    expect(Math.min(...flat)).toBeGreaterThanOrEqual(0);
    const k = flat.indexOf(Math.min(...flat));
    const [ix, iy] = [Math.floor(k / y.length), k % y.length];
    // the grid minimum is the grid point closest to the best fit (spacings 0.25 in x, sigma/2 in y)
    expect(Math.abs(x[ix] - fit.poi.value)).toBeLessThanOrEqual((x[1] - x[0]) / 2 + 1e-9);
    expect(Math.abs(y[iy] - fit.bestfit[j])).toBeLessThanOrEqual(y[1] - y[0]);
  });
});

describe('fit overrides', () => {
  it('fixes parameters and overrides bounds by label', () => {
    const { model, data } = load('1bin_normsys.json');
    const r = mleFit(model, data, { fixed: { bkg_norm: 0.5 } });
    expect(r.bestfit[model.parameterIndex('bkg_norm')]).toBe(0.5);
    expect(r.uncertainties[model.parameterIndex('bkg_norm')]).toBe(0);
    const free = mleFit(model, data);
    expect(r.twiceNll).toBeGreaterThan(free.twiceNll);
    const bounded = mleFit(model, data, { bounds: { mu: [0, 0.1] } });
    expect(bounded.poi.value).toBeCloseTo(0.1, 12);
  });
});
