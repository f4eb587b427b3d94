import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { dijetDensity, dijetExpectedCounts } from './dijet-spectrum.js';
import { DijetOptions, dijetSignalWindowFraction, dijetSignalWindowProbability, dijetToy, dijetTrueProb } from './dijet.toy.js';
import { calibrationPull, moments, ofClass, sameArray, thrown } from './spec-helpers.js';

const DEFAULTS = DijetOptions.parse({});
const SR: [number, number] = [3300, 3700];

/** Least-squares slope of y on x and its standard error (residual std / (std x sqrt n)). */
function slope(x: ArrayLike<number>, y: ArrayLike<number>): { value: number; error: number } {
  const n = x.length;
  const mx = moments(x).mean;
  const my = moments(y).mean;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const b = sxy / sxx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i] - my - b * (x[i] - mx)) ** 2;
  return { value: b, error: Math.sqrt(rss / (n - 2) / sxx) };
}

/** Pearson correlation of two columns. */
function corr(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const [a, b] = [moments(x), moments(y)];
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - a.mean) * (y[i] - b.mean);
  return s / ((x.length - 1) * a.std * b.std);
}

const logOf = (col: ArrayLike<number>) => Float64Array.from(col, Math.log);
const count = (col: ArrayLike<number>, keep: (v: number, i: number) => boolean) => Array.from(col).filter(keep).length;

describe('dijet', () => {
  it('samples the background m_jj from the dijet function exactly: binned counts against dijetExpectedCounts', () => {
    const n = 200_000;
    const ds = dijetToy.generate(n, {}, new Rng(11));
    const bins = 40;
    const edges = Array.from({ length: bins + 1 }, (_, k) => 2000 * 2.5 ** (k / bins)); // log bins over [2000, 5000]
    const expected = dijetExpectedCounts(edges, n, DEFAULTS);
    expect(expected.reduce((a, b) => a + b, 0)).toBeCloseTo(n, 6);
    expect(ds.extras.mjj.every((m) => m >= 2000 && m <= 5000)).toBe(true);
    const observed = new Float64Array(bins);
    for (const m of ds.extras.mjj) observed[Math.min(bins - 1, Math.floor((Math.log(m / 2000) / Math.log(2.5)) * bins))]++;
    // every bin expects >= 30 events (top bin), so Pearson chi^2 ~ chi^2(ndf = 39): mean 39, sd sqrt(78) = 8.8;
    // ndf + 4 sd is exceeded with probability ~5e-4
    let chi2 = 0;
    for (let k = 0; k < bins; k++) chi2 += (observed[k] - expected[k]) ** 2 / expected[k];
    const ndf = bins - 1;
    expect(Math.min(...expected)).toBeGreaterThan(30);
    expect(chi2).toBeLessThan(ndf + 4 * Math.sqrt(2 * ndf));
  });

  it('has a normalised density and expected counts that vanish outside [mMin, mMax]', () => {
    // midpoint rule on 1e5 points of a smooth density: exact to ~1e-9
    const h = 3000 / 100_000;
    let total = 0;
    for (let i = 0; i < 100_000; i++) total += dijetDensity(2000 + (i + 0.5) * h, DEFAULTS) * h;
    expect(total).toBeCloseTo(1, 8);
    expect(dijetDensity(1999, DEFAULTS)).toBe(0);
    expect(dijetDensity(5001, DEFAULTS)).toBe(0);
    const [below, inside, above] = dijetExpectedCounts([-Infinity, 2000, 5000, Infinity], 1000, DEFAULTS);
    expect([below, above]).toEqual([0, 0]);
    expect(inside).toBeCloseTo(1000, 9);
    expect(thrown(() => dijetExpectedCounts([3000, 2000], 1, DEFAULTS)).code).toBe('InvalidArgument');
  });

  it('injects round(fraction n) shuffled signal events with the resonance m_jj, jet masses and low tau21', () => {
    const n = 100_001;
    const ds = dijetToy.generate(n, { signal: { fraction: 0.05 } }, new Rng(12));
    const isSignal = ds.extras.is_signal;
    expect(count(isSignal, (v) => v === 1)).toBe(5000); // round(5000.05)
    expect(sameArray(ds.label!, isSignal)).toBe(true);
    // shuffled: 2500 signal events expected in the first half, binomial sd 35; allow 150
    expect(Math.abs(count(isSignal.subarray(0, 50_000), (v) => v === 1) - 2500)).toBeLessThan(150);
    const m = moments(ofClass(isSignal, ds.extras.mjj, 1));
    // 5000 events of N(3500, 70): standard errors 1.0 on the mean and 0.7 on the sd; allow 4 and 3
    expect(Math.abs(m.mean - 3500)).toBeLessThan(4);
    expect(Math.abs(m.std - 70)).toBeLessThan(3);
    const inCore = count(ofClass(isSignal, ds.extras.mjj, 1), (v) => v >= 3430 && v < 3570) / 5000;
    // P(+-1 sigma) = 0.683 with binomial se 0.0066; allow 0.03
    expect(Math.abs(inCore - dijetSignalWindowProbability([3430, 3570], DEFAULTS))).toBeLessThan(0.03);
    // jet masses N(500, 25) and N(100, 5): standard errors 0.35 and 0.07; allow 1.5 and 0.3
    expect(Math.abs(moments(ofClass(isSignal, ds.features.mj1, 1)).mean - 500)).toBeLessThan(1.5);
    expect(Math.abs(moments(ofClass(isSignal, ds.features.mj2, 1)).mean - 100)).toBeLessThan(0.3);
    // logit tau21 ~ N(logit 0.3, 0.6): standard error 0.0085; allow 0.04
    const logitTau = Float64Array.from(ofClass(isSignal, ds.features.tau21_1, 1), (t) => Math.log(t / (1 - t)));
    expect(Math.abs(moments(logitTau).mean - Math.log(0.3 / 0.7))).toBeLessThan(0.04);
  });

  it('truncates the signal m_jj to [mMin, mMax] (redrawn, not piled up at the edge)', () => {
    const o = { signal: { mass: 2100, width: 0.05, fraction: 0.5 } };
    const ds = dijetToy.generate(20_000, o, new Rng(13));
    const m = ofClass(ds.extras.is_signal, ds.extras.mjj, 1);
    expect(m.every((v) => v >= 2000 && v <= 5000)).toBe(true);
    // truncated: P(m < 2100) = (0.5 - Phi(-0.952)) / (1 - Phi(-0.952)) = 0.397 (0.329 untruncated); se 0.005, allow 0.02
    const p = dijetSignalWindowProbability([2000, 2100], DijetOptions.parse(o));
    expect(p).toBeCloseTo(0.397, 3);
    expect(Math.abs(count(m, (v) => v < 2100) / m.length - p)).toBeLessThan(0.02);
  });

  it('orders the jet masses, keeps tau21 in (0, 1) and makes features independent of m_jj unless correlation != 0', () => {
    const n = 200_000;
    for (const k of [0, 1]) {
      const ds = dijetToy.generate(n, { correlation: k }, new Rng(14 + k));
      const { mj1, mj2, tau21_1: t1, tau21_2: t2 } = ds.features;
      expect(mj1.every((v, i) => v >= mj2[i] && mj2[i] > 0)).toBe(true);
      expect([t1, t2].every((t) => t.every((v) => v > 0 && v < 1))).toBe(true);
      // ln mj = ln 60 + k ln(m_jj / 3000) + noise, and the max/min of two such draws shifts by the same amount: the
      // slope of ln mj1 on ln m_jj is k exactly; its standard error here is ~0.007, allow 0.04
      const lm = logOf(ds.extras.mjj);
      for (const col of [mj1, mj2]) expect(Math.abs(slope(lm, logOf(col)).value - k)).toBeLessThan(0.04);
      // independent columns: corr ~ N(0, 1/n), so |corr| < 4/sqrt(n) fails with probability 6e-5
      expect(Math.abs(corr(t1, ds.extras.mjj))).toBeLessThan(4 / Math.sqrt(n));
      if (k === 0) for (const col of [mj1, mj2]) expect(Math.abs(corr(col, ds.extras.mjj))).toBeLessThan(4 / Math.sqrt(n));
      else for (const col of [mj1, mj2]) expect(corr(col, ds.extras.mjj)).toBeGreaterThan(0.15); // ~0.23 observed
    }
  });

  it('labels m_jj-window membership with label.window, keeping is_signal, at the expected signal share', () => {
    const n = 100_000;
    const o = { signal: { fraction: 0.01 }, label: { window: SR } };
    const ds = dijetToy.generate(n, o, new Rng(15));
    expect(ds.labelName).toBe('in_window');
    expect(ds.units).toMatchObject({ mjj: 'GeV', mj1: 'GeV', mj2: 'GeV' });
    const mjj = ds.extras.mjj;
    expect(ds.label!.every((l, i) => l === Number(mjj[i] >= SR[0] && mjj[i] < SR[1]))).toBe(true);
    expect(count(ds.extras.is_signal, (v) => v === 1)).toBe(1000);
    const inSr = count(ds.label!, (v) => v === 1);
    const share = count(ds.extras.is_signal, (v, i) => v === 1 && ds.label![i] === 1) / inSr;
    const expected = dijetSignalWindowFraction(SR, DijetOptions.parse(o));
    // ~2800 signal-region events at share 0.355: binomial se ~0.009; allow 4 se
    expect(Math.abs(share - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / inSr));
  });

  it('stores the exact posterior of either label as true_prob', () => {
    const truth = dijetToy.generate(100_000, { correlation: 1, signal: { fraction: 0.2 } }, new Rng(16));
    const cwola = dijetToy.generate(100_000, { correlation: -1, signal: { fraction: 0.1, mj1: 150, tau21: 0.45 }, label: { window: SR } }, new Rng(17));
    // exact truth: the worst of 10 bin pulls exceeds 4 with probability ~6e-4
    expect(calibrationPull(truth.label!, truth.extras.true_prob)).toBeLessThan(4);
    expect(calibrationPull(cwola.label!, cwola.extras.true_prob)).toBeLessThan(4);
    // background only and features independent of m_jj: P(in window | x) is the window's background probability
    const flat = dijetToy.generate(1000, { label: { window: SR } }, new Rng(18));
    const pb = dijetExpectedCounts(SR, 1, DEFAULTS)[0];
    expect(flat.extras.true_prob.every((p) => Math.abs(p - pb) < 1e-6)).toBe(true);
    expect(dijetTrueProb(DijetOptions.parse({ signal: { fraction: 0.1 } }))(500, 100, 0.3, 0.3)).toBeGreaterThan(0.999);
  });

  it('rejects bad options naming them, and reproduces its events from the seed', () => {
    const rng = new Rng(0);
    const message = (o: unknown) => thrown(() => dijetToy.generate(10, o as never, rng)).message;
    expect(message({ mMin: 5000, mMax: 3000 })).toMatch(/options\.mMax.*mMin < mMax < sqrtS/);
    expect(message({ mMax: 14_000 })).toMatch(/options\.mMax/);
    expect(message({ signal: { fraction: 1 } })).toMatch(/options\.signal\.fraction/);
    expect(message({ signal: { mass: 6000 } })).toMatch(/options\.signal\.mass.*\(mMin, mMax\)/);
    expect(message({ label: { window: [3700, 3300] } })).toMatch(/options\.label\.window.*lo < hi/);
    expect(message({ label: { window: [3.3, 3.7] } })).toMatch(/options\.label\.window.*misses/);
    expect(thrown(() => dijetToy.generate(10, { signal: { sigma: 1 } } as never, rng)).code).toBe('InvalidConfig');
    const o = { correlation: 0.5, signal: { fraction: 0.1 }, label: { window: SR } };
    const [a, b, c] = [dijetToy.generate(500, o, new Rng(5)), dijetToy.generate(500, o, new Rng(5)), dijetToy.generate(500, o, new Rng(6))];
    for (const [name, col] of a.allColumns()) expect(sameArray(col, [...b.allColumns()].find(([k]) => k === name)![1]), name).toBe(true);
    expect(sameArray(a.extras.mjj, c.extras.mjj)).toBe(false);
  });
});
