import { HepuqError, Rng } from '@hepuq/core';
import { normalPdf, normalQuantile } from '@hepuq/stats';
import { describe, expect, it } from 'vitest';
import { featureSample } from '../sample/feature-sample.js';
import { mean, std } from '../stats/summary-stats.js';
import { gaussianFitSample } from '../toys/camel-toys.js';
import { gaussianSample } from '../toys/gaussian-toys.js';
import { amplification } from './amplification.metric.js';
import { cellFractions, cellIndices, quantileCells } from './quantile-cells.js';
import { quantileMse, samplingNoise } from './quantile-mse.js';

const COV_2D = [1, 0.6, 0.6, 1];

describe('amplification', () => {
  it('an independent draw of N truth events is worth N events: factor 1 within its error (1-D)', () => {
    const rng = new Rng(31);
    const truth = gaussianSample(50_000, [0], [1], rng, 'truth');
    const inverse: Record<number, number[]> = { 10: [], 50: [] };
    let covered = 0, intervals = 0;
    for (let r = 0; r < 40; r++) {
      const train = gaussianSample(500, [0], [1], rng, 'train');
      const generated = gaussianSample(500, [0], [1], rng, 'independent draw');
      const result = amplification({ truth, train, generated }, { quantiles: [10, 50], points: 2 });
      for (const s of result.settings) {
        // 1/factor is linear in the MSE, so its mean over draws is exactly 1 for a truth-drawn sample
        inverse[s.quantiles].push(s.train.n * (s.generated.mse - s.truthFloor) / s.noise);
        intervals++;
        if (s.generated.factor.low <= 1 && (s.generated.factor.high ?? Infinity) >= 1) covered++;
      }
    }
    for (const q of [10, 50]) {
      // relative spread of one MSE ~ sqrt(2/(q-1)) (0.47, 0.20): 3 standard errors of the mean of 40
      const tolerance = (3 * std(inverse[q])) / Math.sqrt(40);
      expect(Math.abs(mean(inverse[q]) - 1), `${q} quantiles`).toBeLessThan(tolerance);
    }
    // the 68% interval is conservative near zero bias (quantile-mse.spec.ts): at least 68% - 3 binomial
    // standard errors of 80 intervals (5%) cover 1
    expect(covered / intervals).toBeGreaterThan(0.53);
  });

  it('the same on a 2-D quantile grid with correlated features (unequal cells)', () => {
    const rng = new Rng(32);
    const truth = gaussianSample(50_000, [0, 0], COV_2D, rng, 'truth');
    const inverse: number[] = [];
    for (let r = 0; r < 30; r++) {
      const train = gaussianSample(1000, [0, 0], COV_2D, rng, 'train');
      const generated = gaussianSample(1000, [0, 0], COV_2D, rng, 'independent draw');
      const [s] = amplification({ truth, train, generated }, { quantiles: [8], points: 2 }).settings;
      expect(s.cells).toBe(64);
      inverse.push(s.train.n * (s.generated.mse - s.truthFloor) / s.noise);
    }
    // the correlation leaves the 64 cells far from equal, which the expectation s/n accounts for
    expect(Math.abs(mean(inverse) - 1)).toBeLessThan((3 * std(inverse)) / Math.sqrt(30));
  });

  it('a Gaussian fitted to 100 events is worth about q/2 times them, as the fit errors of mean and width predict', () => {
    // expected MSE of the fit: (1/M) sum_c (dp_c/dmu)^2 / N + (dp_c/dsigma)^2 / (2N) (maximum-likelihood
    // errors sigma^2/N and sigma^2/2N), so factor = s / that, about q/2 (2.93 for q = 5, 10.4 for q = 20)
    const analytic = (q: number) => {
      const z = [-Infinity, ...Array.from({ length: q - 1 }, (_, i) => normalQuantile((i + 1) / q)), Infinity];
      const phi = z.map((v) => (Number.isFinite(v) ? normalPdf(v) : 0));
      const zphi = z.map((v, i) => (Number.isFinite(v) ? v * phi[i] : 0));
      let sum = 0;
      for (let c = 0; c < q; c++) sum += (phi[c + 1] - phi[c]) ** 2 + (zphi[c + 1] - zphi[c]) ** 2 / 2;
      return (1 - 1 / q) / sum;
    };
    expect(analytic(5)).toBeCloseTo(2.93, 2);
    const rng = new Rng(33);
    const truth = gaussianSample(200_000, [0], [1], rng, 'truth');
    for (const q of [5, 20]) {
      const cells = quantileCells(truth, q);
      const { fractions: p, nEff: nTruth } = cellFractions(cellIndices(cells, truth), cells.cells, truth);
      const s = samplingNoise(p);
      // N u / s with u the MSE above the noise floors of the fit sample and the truth: 1 / factor per fit
      const inverse = Array.from({ length: 200 }, () => {
        const fit = gaussianFitSample(gaussianSample(100, [0], [1], rng, 'train'), 20_000, rng);
        const { fractions, nEff } = cellFractions(cellIndices(cells, fit), cells.cells, fit);
        return (100 * (quantileMse(fractions, p) - s / nEff - s / nTruth)) / s;
      });
      // one fit's MSE scatters like a chi^2 with 2 dof (relative spread ~1): 3 standard errors of the
      // mean of 200 fits, plus 3% for the linearised fit errors at N = 100
      expect(Math.abs(mean(inverse) * analytic(q) - 1), `${q} quantiles`).toBeLessThan(3 * (std(inverse) / Math.sqrt(200)) * analytic(q) + 0.03);
    }
  });

  it('reports a fitted and a generated sample side by side; the fit beats its training events many times over', () => {
    const rng = new Rng(34);
    const truth = gaussianSample(400_000, [0], [1], rng, 'truth');
    const train = gaussianSample(100, [0], [1], rng, 'train');
    const fit = gaussianFitSample(train, 40_000, rng);
    const generated = gaussianSample(100, [0], [1], rng, 'independent draw');
    const r = amplification({ truth, train, generated, fit }, { quantiles: [5, 50] });
    expect(r.settings.map((s) => s.quantiles)).toEqual([5, 50]);
    expect(r.warnings).toEqual([]);
    for (const s of r.settings) {
      // the curves: geometric sizes 50 .. 40000 (fit) and 50 .. 100 (generated), whole sample last
      expect(s.fit!.curve.at(-1)).toMatchObject({ n: 40_000, batches: 1 });
      expect(s.fit!.curve[0].n).toBe(50);
      expect(s.generated.curve.map((c) => c.n)).toEqual(expect.arrayContaining([50, 100]));
      expect(s.fit!.factor.value).toBeGreaterThan(0);
      // the fit sample's own noise (1/40000) barely matters: plateau and full-sample factors agree
      expect(Math.abs(s.fit!.asymptotic.factor.value! / s.fit!.factor.value! - 1)).toBeLessThan(0.05);
    }
    // one fit's excess MSE scatters like a weighted chi^2 with 2 dof around its mean, its factor around
    // 25.4 for 50 quantiles: below 3 only for an excess 8.5x its mean (probability < 0.4% even for chi^2_1)
    expect(r.settings[1].fit!.factor.low).toBeGreaterThan(3);
  });

  it('is the same for unit weights and for any constant weight', () => {
    const rng = new Rng(35);
    const truth = gaussianSample(20_000, [0], [1], rng, 'truth');
    const train = gaussianSample(200, [0], [1], rng, 'train');
    const generated = gaussianSample(2000, [0.1], [1], rng, 'shifted');
    const weighted = featureSample(generated.data, 1, { weights: new Float64Array(generated.n).fill(2.5), names: generated.names, source: 'weighted' });
    const a = amplification({ truth, train, generated }, { quantiles: [10] });
    const b = amplification({ truth, train, generated: weighted }, { quantiles: [10] });
    expect(b.settings[0].generated.mse).toBeCloseTo(a.settings[0].generated.mse, 14);
    expect(b.settings[0].generated.factor.value).toBeCloseTo(a.settings[0].generated.factor.value!, 9);
  });

  it('refuses a truth sample smaller than a compared sample, naming both; warns below 10x', () => {
    const rng = new Rng(36);
    const truth = gaussianSample(1000, [0], [1], rng, 'truth.csv');
    const train = gaussianSample(100, [0], [1], rng, 'train.csv');
    const generated = gaussianSample(5000, [0], [1], rng, 'gen.csv');
    let error: unknown;
    try {
      amplification({ truth, train, generated });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HepuqError);
    expect(error).toMatchObject({ code: 'InvalidArgument', message: expect.stringMatching(/truth\.csv has 1000 events, fewer than the generated sample gen\.csv \(5000\)/) });
    expect((error as HepuqError).hint).toMatch(/larger than every compared sample/);
    expect(() => amplification({ truth, train, generated: gaussianSample(200, [0], [1], rng, 'gen') , fit: generated })).toThrow(/fit sample gen\.csv/);
    const ok = amplification({ truth, train, generated: gaussianSample(500, [0], [1], rng, 'gen.csv') }, { quantiles: [5, 500] });
    expect(ok.warnings).toEqual([
      expect.stringMatching(/less than 10x the generated sample \(500\)/),
      expect.stringMatching(/500 quantiles: 500 cells hold 2\.0 truth events each/),
    ]);
  });

  it('refuses other features, empty samples and bad options', () => {
    const rng = new Rng(37);
    const truth = gaussianSample(1000, [0, 0], [1, 0, 0, 1], rng, 'truth');
    const train = gaussianSample(100, [0, 0], [1, 0, 0, 1], rng, 'train');
    expect(() => amplification({ truth, train, generated: gaussianSample(100, [0], [1], rng, 'gen') })).toThrow(expect.objectContaining({ code: 'ShapeMismatch' }));
    const renamed = { ...train, names: ['a', 'b'] };
    expect(() => amplification({ truth, train: renamed, generated: train })).toThrow(/train sample train has features \[a, b\]/);
    expect(() => amplification({ truth, train, generated: featureSample(new Float64Array([0, 0]), 2, { names: truth.names }) })).toThrow(expect.objectContaining({ code: 'EmptyDataset' }));
    expect(() => amplification({ truth, train, generated: train }, { quantiles: [1] })).toThrow(/quantiles/);
  });
});
