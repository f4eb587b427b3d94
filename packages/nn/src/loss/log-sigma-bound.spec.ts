import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createHepuq, Dataset, Rng } from '@hepuq/core';
import { DenseNetwork } from '../network/dense-network.js';
import { regressionOutputs } from '../targets/regression-targets.js';
import { diagGaussianNll } from './het-gaussian-nll.loss.js';
import { LOG_SIGMA_MAX, LOG_SIGMA_MIN, softBound, softBoundWithSlope } from './log-sigma-bound.js';

/** The bound in float64: lo + softplus(hi - softplus(hi - x) - lo). */
function bound64(x: number, lo = LOG_SIGMA_MIN, hi = LOG_SIGMA_MAX): number {
  const softplus = (v: number) => (v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v)));
  return lo + softplus(hi - softplus(hi - x) - lo);
}

/** y = x + N(0, 0.1^2), x uniform on [-1, 1]: sigma_true / std(y) = 0.1 / 0.58 in the units the head sees. */
function toy(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: n }, () => -1 + 2 * rng.uniform());
  const y = Float32Array.from(x, (v) => v + rng.normal(0, 0.1));
  return new Dataset({ features: { x }, target: y, source: 'toy' });
}

describe('softBound (log sigma bound of every heteroscedastic head)', () => {
  it('matches its float64 formula, stays inside the bounds, is x in the middle and has a positive slope everywhere', () => {
    const xs = [-60, -20, -9, LOG_SIGMA_MIN, -3, -1, 0, 1, 3, LOG_SIGMA_MAX, 9, 20, 60];
    const { value, slope } = softBoundWithSlope(tf.tensor1d(xs));
    const [v, s] = [value.dataSync(), slope.dataSync()];
    const plain = softBound(tf.tensor1d(xs)).dataSync();
    // autodiff of the tf form agrees with the slope the hand-written heads use
    const g = tf.grad((x: tf.Tensor) => tf.sum(softBound(x)))(tf.tensor1d(xs)).dataSync();
    xs.forEach((x, i) => {
      expect(v[i]).toBeCloseTo(bound64(x), 5);
      expect(plain[i]).toBe(v[i]);
      // sup b = hi + log1p(e^-(hi - lo)) = hi + 1e-6, plus float32 rounding
      expect(v[i]).toBeGreaterThanOrEqual(LOG_SIGMA_MIN - 3e-6);
      expect(v[i]).toBeLessThanOrEqual(LOG_SIGMA_MAX + 3e-6);
      expect(Math.abs(g[i] - s[i])).toBeLessThan(1e-6 + 1e-5 * s[i]);
    });
    // b(x) - x ~ e^-(x - lo) - e^-(hi - x): ~0 at x = 0, e^-3.9 = 0.02 at x = -3
    expect(Math.abs(v[xs.indexOf(0)])).toBeLessThan(1e-5);
    expect(Math.abs(v[xs.indexOf(-3)] + 3)).toBeLessThan(0.025);
    // the slope is ~1 in the middle and never 0 at 13 units beyond a bound (e^-13 = 2e-6, a hard clip: 0)
    expect(s[xs.indexOf(0)]).toBeGreaterThan(0.99);
    expect(s[xs.indexOf(-20)]).toBeGreaterThan(1e-6);
    expect(s[xs.indexOf(20)]).toBeGreaterThan(1e-6);
  });

  it('keeps every intermediate inside a tidy (no tensor leak)', () => {
    const x = tf.tensor1d([0, 1, 2]);
    const before = tf.memory().numTensors;
    const { value, slope } = softBoundWithSlope(x);
    const b = softBound(x);
    expect(tf.memory().numTensors - before).toBe(3);
    tf.dispose([value, slope, b, x]);
  });

  it("a Gaussian head (het-mlp's loss) started past the lower bound (raw log sigma -9) recovers; a hard clip stays stuck at sigma = 1e-3", async () => {
    const app = await createHepuq({ seed: 1 });
    const train = toy(2000, 1);
    // the head's units: y / std(y), std(y) = 0.58; the true width there is 0.1 / 0.58 = 0.17
    const y = Float32Array.from(train.target!, (v) => v / 0.58);
    const fit = async (logSigma: (raw: tf.Tensor) => tf.Tensor) => {
      const net = DenseNetwork.mlp(train, { outputs: regressionOutputs(1), hidden: [16], activation: 'relu' }, new Rng(3));
      // output bias of the log sigma column 2 units below the bound: every event starts saturated
      const start = tf.tensor1d([0, -9]);
      net.params[0][net.params[0].length - 1].assign(start);
      start.dispose();
      const losses: number[] = [];
      const sub = app.events.events$.subscribe((e) => e.type === 'fit:epoch' && losses.push(e.payload.loss));
      await net.train(train, y, (out, yb, wb) => diagGaussianNll(yb, out.slice([0, 0], [-1, 1]), logSigma(out.slice([0, 1], [-1, 1])), wb), {
        epochs: 60, batchSize: 100, lr: 0.01, lrFinal: 1, rng: new Rng(4), events: app.events, method: 'het-mlp',
      });
      sub.unsubscribe();
      const { s } = net.evaluate(train, (out) => ({ s: tf.exp(logSigma(out.slice([0, 1], [-1, 1]))).reshape([-1]) }));
      net.dispose();
      const sorted = Float64Array.from(s).sort();
      return { first: losses[0], last: losses[losses.length - 1], median: sorted[sorted.length >> 1], max: sorted[sorted.length - 1] };
    };
    const soft = await fit((raw) => softBound(raw));
    const hard = await fit((raw) => tf.clipByValue(raw, LOG_SIGMA_MIN, LOG_SIGMA_MAX));
    // measured: the soft bound's loss falls from 8e5 to 1.0 (the true model's is -1.3) and its median
    // sigma reaches 0.156; the hard clip's stays at 1e-3 for every event, its loss near 1e4
    expect(soft.last).toBeLessThan(1e-4 * soft.first);
    expect(soft.median).toBeGreaterThan(0.1);
    expect(soft.median).toBeLessThan(0.3);
    expect(hard.max).toBeCloseTo(1e-3, 6);
    expect(hard.last).toBeGreaterThan(1e3);
    app.dispose();
  });
});
