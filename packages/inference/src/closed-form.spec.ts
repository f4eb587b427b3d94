import { describe, expect, it } from 'vitest';
import { brentRoot } from './brent-root.js';
import { fitConfig } from './fit-config.js';
import { HistFactoryModel } from './histfactory-model.js';
import { hypotest } from './hypotest.js';
import { mleFit } from './mle-fit.js';
import { parseWorkspace } from './parse-workspace.js';
import { linspace, profileScan1D } from './profile-scan.js';
import { normalCdf } from './special-functions.js';
import { q0, qmu } from './test-statistics.js';
import { upperLimit } from './upper-limit.js';

// One Poisson bin, n ~ Pois(b + mu s), no nuisance parameters: everything has a closed form.
const s = 10;
const b = 50;
const n = 65;
const ws = parseWorkspace({
  channels: [{ name: 'bin', samples: [
    { name: 'sig', data: [s], modifiers: [{ name: 'mu', type: 'normfactor', data: null }] },
    { name: 'bkg', data: [b], modifiers: [] },
  ] }],
  observations: [{ name: 'bin', data: [n] }],
  measurements: [{ name: 'm', config: { poi: 'mu', parameters: [{ name: 'mu', bounds: [[-5, 10]] }] } }],
});
const model = HistFactoryModel.fromWorkspace(ws);
const data = model.observedData(ws);

/** -2 ln lambda(mu) = 2 [nu - n + n ln(n / nu)], nu = b + mu s (Poisson likelihood ratio to the saturated fit). */
const twiceLogRatio = (obs: number, mu: number): number => {
  const nu = b + mu * s;
  return 2 * (nu - obs + (obs === 0 ? 0 : obs * Math.log(obs / nu)));
};

describe('single Poisson bin without nuisances', () => {
  it('fits mu-hat = (n - b)/s with Hesse error sqrt(n)/s', () => {
    const r = mleFit(model, data);
    expect(r.poi.value).toBeCloseTo((n - b) / s, 8);
    // d^2(-ln L)/dmu^2 = n s^2 / nu^2 = s^2 / n at nu = n
    expect(r.poi.uncertainty).toBeCloseTo(Math.sqrt(n) / s, 6);
    expect(r.covarianceValid).toBe(true);
    // -2 ln L at the minimum = -2 ln Pois(n | n)
    expect(r.twiceNll).toBeCloseTo(-2 * (n * Math.log(n) - n - logFactorial(n)), 8);
  });

  it('gives q0 = 2 [n ln(n/b) - (n - b)] and p0 = Phi(-sqrt(q0))', () => {
    const expected = 2 * (n * Math.log(n / b) - (n - b));
    expect(q0(model, data).value).toBeCloseTo(expected, 8);
    const h = hypotest(model, data, 0, { testStat: 'q0' });
    expect(h.p0Obs).toBeCloseTo(normalCdf(-Math.sqrt(expected)), 10);
    expect(h.significanceObs).toBeCloseTo(Math.sqrt(expected), 8);
    // Asimov with mu' = 1: data = b + s, so q0_A = 2 [(b+s) ln((b+s)/b) - s]
    expect(h.qAsimov).toBeCloseTo(2 * ((b + s) * Math.log((b + s) / b) - s), 8);
  });

  it('gives q_mu from the likelihood ratio, zero above mu-hat', () => {
    expect(qmu(model, data, 2.5).value).toBeCloseTo(twiceLogRatio(n, 2.5), 8);
    expect(qmu(model, data, 1).value).toBe(0);
  });

  it('gives the closed-form asymptotic CLs and its expected band', () => {
    const mu = 3;
    const q = twiceLogRatio(n, mu);
    const qA = twiceLogRatio(b, mu); // Asimov (mu' = 0): data = b
    const t = Math.sqrt(q) < Math.sqrt(qA) ? Math.sqrt(q) - Math.sqrt(qA) : (q - qA) / (2 * Math.sqrt(qA));
    const r = hypotest(model, data, mu);
    expect(r.clsObs).toBeCloseTo(normalCdf(-(t + Math.sqrt(qA))) / normalCdf(-t), 9);
    [2, 1, 0, -1, -2].forEach((k, i) => {
      expect(r.clsExp[i]).toBeCloseTo(normalCdf(-(k + Math.sqrt(qA))) / normalCdf(-k), 9);
    });
    expect(r.clsbObs * 1).toBeCloseTo(r.clsObs * r.clbObs, 12);
  });

  it('finds upper limits where the closed-form CLs equals 0.05', () => {
    const cls = (mu: number): number => {
      const q = mu > (n - b) / s ? twiceLogRatio(n, mu) : 0;
      const qA = twiceLogRatio(b, mu);
      const t = Math.sqrt(q) < Math.sqrt(qA) ? Math.sqrt(q) - Math.sqrt(qA) : (q - qA) / (2 * Math.sqrt(qA));
      return normalCdf(-(t + Math.sqrt(qA))) / normalCdf(-t);
    };
    const expectedObs = brentRoot((mu) => cls(mu) - 0.05, 1.6, 10, { rtol: 1e-12 });
    const r = upperLimit(model, data);
    expect(r.upperLimitObs).toBeCloseTo(expectedObs, 5);
    // the median expected limit solves Phi(-sqrt(qA)) / 0.5 = 0.05
    const median = brentRoot((mu) => 2 * normalCdf(-Math.sqrt(twiceLogRatio(b, mu))) - 0.05, 0.1, 10, { rtol: 1e-12 });
    expect(r.upperLimitExp[2]).toBeCloseTo(median, 5);
  });

  it('scans -2 ln lambda and finds the 68% interval where it crosses 1', () => {
    const scan = profileScan1D(model, data, 'mu', linspace(0, 3, 301), fitConfig(model));
    scan.values.forEach((mu, i) => expect(scan.deltaTwiceNll[i]).toBeCloseTo(twiceLogRatio(n, mu), 7));
    const lo = brentRoot((mu) => twiceLogRatio(n, mu) - 1, 0, 1.5);
    const hi = brentRoot((mu) => twiceLogRatio(n, mu) - 1, 1.5, 3);
    // linear interpolation on a 0.01 grid of a curve with curvature ~2/sigma^2 = 3: error < 1e-4
    expect(scan.interval68[0]).toBeCloseTo(lo, 3);
    expect(scan.interval68[1]).toBeCloseTo(hi, 3);
  });
});

function logFactorial(k: number): number {
  let acc = 0;
  for (let i = 2; i <= k; i++) acc += Math.log(i);
  return acc;
}
