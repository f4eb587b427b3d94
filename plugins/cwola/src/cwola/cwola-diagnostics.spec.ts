import { Dataset, Rng } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { cwolaDiagnostics, signalFraction } from './cwola-diagnostics.js';

/**
 * Mixed samples of known composition: sample 1 holds signal fraction f1, sample 0 holds f0; the
 * score is signal-like with strength `s` (signal ~ N(s, 1), background ~ N(0, 1)).
 */
function mixed(n: number, f1: number, f0: number, rng: Rng) {
  const sample = new Float32Array(n);
  const truth = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    sample[i] = i % 2;
    truth[i] = rng.uniform() < (sample[i] === 1 ? f1 : f0) ? 1 : 0;
  }
  const noise = rng.normalArray(n);
  return { sample, truth, noise };
}

describe('cwolaDiagnostics: the mixed-sample AUC against the signal AUC (Metodiev, Nachman, Thaler 2017)', () => {
  const n = 40_000;
  const { sample, truth, noise } = mixed(n, 0.7, 0.2, new Rng(3));
  const test = new Dataset({ features: { x: noise }, label: sample, extras: { is_signal: truth }, source: 'mixed' });

  it('measures each sample signal fraction with its binomial error', () => {
    const f1 = signalFraction(truth, sample, test.weights, 1);
    // 20,000 events per sample: binomial error sqrt(0.7 * 0.3 / 20000) = 0.0032
    expect(f1.error).toBeCloseTo(Math.sqrt((0.7 * 0.3) / 20_000), 3);
    expect(Math.abs(f1.value - 0.7)).toBeLessThan(4 * f1.error!);
  });

  it('the mixed AUC is 1/2 + (f1 - f0)(signal AUC - 1/2), rising monotonically with the signal AUC', () => {
    const mixedAucs: number[] = [];
    const signalAucs: number[] = [];
    for (const strength of [0, 0.5, 1, 2, 3]) {
      const score = Float32Array.from(noise, (z, i) => z + strength * truth[i]);
      const d = cwolaDiagnostics(test, score, 'is_signal') as Record<string, { value: number; error: number }>;
      // the identity holds in expectation: measured and predicted agree within their errors (bootstrap, ~0.003 here)
      expect(Math.abs(d.mixed_auc.value - d.predicted_mixed_auc.value)).toBeLessThan(4 * Math.hypot(d.mixed_auc.error, d.predicted_mixed_auc.error));
      mixedAucs.push(d.mixed_auc.value);
      signalAucs.push(d.signal_auc.value);
    }
    expect(signalAucs[0]).toBeCloseTo(0.5, 1);
    for (let i = 1; i < mixedAucs.length; i++) {
      expect(signalAucs[i]).toBeGreaterThan(signalAucs[i - 1]);
      expect(mixedAucs[i]).toBeGreaterThan(mixedAucs[i - 1]);
    }
  });

  it('reports only the mixed AUC without a truth column', () => {
    expect(Object.keys(cwolaDiagnostics(test, noise))).toEqual(['mixed_auc']);
  });
});
