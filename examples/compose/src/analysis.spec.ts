import { describe, expect, it } from 'vitest';
import { runAnalysis } from './analysis.js';

describe('compose-your-own analysis', () => {
  it('recalibrates an under-trained network to unit pull RMS on an independent test set and renders its own progress', async () => {
    const lines: string[] = [];
    const { raw, recalibrated, scale } = await runAnalysis({ n: 8000, epochs: 10, seed: 2, log: (l) => lines.push(l) });
    expect(lines[0]).toMatch(/^training het-mlp on 8000 events/);
    expect(lines.some((l) => /epoch \d+\/10/.test(l))).toBe(true);
    // variance scaling fixes the width of the error bars, not a bias of the mean: what it restores is
    // the pull RMS, sqrt(std^2 + mean^2) = 1. 4000 test and 4000 calibration events each know it to
    // about 1/sqrt(2 n) = 0.011, so 0.05 is over three standard errors.
    const rms = (m: typeof raw) => Math.hypot(m.pull_std.value, m.pull_mean.value);
    expect(Math.abs(rms(raw) - 1)).toBeGreaterThan(0.1); // ten epochs leave the error bars too narrow
    expect(Math.abs(rms(recalibrated) - 1)).toBeLessThan(0.05);
    expect(scale).toBeCloseTo(rms(raw), 1);
  });
});
