import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { describePluginConformance, describeReportSectionConformance, describeRunStepConformance, syntheticReportContext, syntheticRun } from '@hepuq/testing';
import { acmeClosure, chi2Survival, closure, CLOSURE } from './index.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

describePluginConformance({ factory: (o) => acmeClosure(o as never), packageJson, invalidOptions: [{ options: { bins: 1 }, field: 'bins' }] });

// the step and the section, through the kit's suites (a registered entry, as a run gets it)
const registered = <T>(kind: 'steps' | 'reportSections'): T => {
  const found: Record<string, Record<string, unknown>> = { steps: {}, commands: {}, reportSections: {} };
  const adder = (k: string) => ({ add: (key: string, value: unknown) => (found[k][key] = value) });
  void acmeClosure().register({ steps: adder('steps'), commands: adder('commands'), reportSections: adder('reportSections') } as never);
  return found[kind][CLOSURE] as T;
};
describeRunStepConformance({ step: registered('steps'), options: { quantity: 'x1', bins: 4 }, invalidOptions: [{ options: { bins: 1 }, field: 'bins' }] });
describeReportSectionConformance({
  section: registered('reportSections'),
  contexts: () => {
    const run = syntheticRun();
    if (run.prediction.kind !== 'regression') throw new Error('a regression run');
    const r = closure(run.test.features.x1, run.test.target!, run.prediction.mean, run.prediction.sigmaTot, run.test.weights, 'x1', 4);
    return [syntheticReportContext({ artifacts: { [CLOSURE]: r } })];
  },
});

describe('acme closure', () => {
  it('chi2 survival matches tabulated values', () => {
    expect(chi2Survival(3.841, 1)).toBeCloseTo(0.05, 4);
    expect(chi2Survival(18.307, 10)).toBeCloseTo(0.05, 4);
    expect(chi2Survival(2.558, 10)).toBeCloseTo(0.99, 4);
  });

  it('passes calibrated error bars and fails a bias in one region', () => {
    const rng = new Rng(5);
    const n = 20_000;
    const x = Float32Array.from(rng.normalArray(n));
    const sigma = Float32Array.from(x, (v) => 0.5 + 0.2 * Math.abs(v));
    const mean = new Float32Array(n);
    const noise = rng.normalArray(n);
    const truth = Float32Array.from(x, (_, i) => mean[i] + sigma[i] * noise[i]);
    const w = new Float32Array(n).fill(1);
    const good = closure(x, truth, mean, sigma, w, 'x', 10);
    expect(good.bins).toHaveLength(10);
    for (const b of good.bins) expect(Math.abs(b.pullStd - 1)).toBeLessThan(0.1); // 2000 events a bin: width error ~0.016
    expect(good.pValue).toBeGreaterThan(0.001);
    // the mean is off by half a sigma for x > 1: the top bins must fail
    const biased = Float32Array.from(mean, (m, i) => (x[i] > 1 ? m + 0.5 * sigma[i] : m));
    const bad = closure(x, truth, biased, sigma, w, 'x', 10);
    expect(bad.pValue).toBeLessThan(1e-6);
    expect(bad.bins.at(-1)!.pullMean).toBeLessThan(-0.3);
  });
});
