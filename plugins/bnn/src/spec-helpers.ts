// Test-only helpers (excluded from the build): pull statistics, coverage, AUC, fit-event capture.
import { createHepuq, Rng, type Dataset, type Executor, type HepuqApp, type MethodContext, type Prediction, type RegressionPrediction, type ClassificationPrediction, type RunStep, type z } from '@hepuq/core';
import { statsPlugin } from '@hepuq/stats';
import { bnn } from './bnn.plugin.js';

/** Mean and std (1/n) of the pulls (y - mean)/sigma and the fractions inside 1 and 2 sigma. */
export function pullStats(y: ArrayLike<number>, mean: ArrayLike<number>, sigma: ArrayLike<number>, mask?: (i: number) => boolean) {
  let n = 0;
  let s = 0;
  let s2 = 0;
  let in1 = 0;
  let in2 = 0;
  for (let i = 0; i < y.length; i++) {
    if (mask && !mask(i)) continue;
    const t = (y[i] - mean[i]) / sigma[i];
    n++;
    s += t;
    s2 += t * t;
    if (Math.abs(t) < 1) in1++;
    if (Math.abs(t) < 2) in2++;
  }
  const m = s / n;
  return { n, mean: m, std: Math.sqrt(s2 / n - m * m), cover1: in1 / n, cover2: in2 / n };
}

/** Mean of `values` over the events where `mask` holds. */
export function meanWhere(values: ArrayLike<number>, mask: (i: number) => boolean = () => true): number {
  let n = 0;
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    if (!mask(i)) continue;
    n++;
    s += values[i];
  }
  return s / n;
}

/** ROC AUC by the Mann-Whitney rank sum (ties get average ranks). */
export function auc(score: ArrayLike<number>, label: ArrayLike<number>): number {
  const idx = Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  const ranks = new Float64Array(score.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && score[idx[j + 1]] === score[idx[i]]) j++;
    for (let k = i; k <= j; k++) ranks[idx[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  let nPos = 0;
  let rankSum = 0;
  for (let i = 0; i < label.length; i++) {
    if (label[i] === 1) {
      nPos++;
      rankSum += ranks[i];
    }
  }
  const nNeg = label.length - nPos;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export function asRegression(p: Prediction): RegressionPrediction {
  if (p.kind !== 'regression') throw new Error(`expected a regression prediction, got ${p.kind}`);
  return p;
}

export function asClassification(p: Prediction): ClassificationPrediction {
  if (p.kind !== 'classification') throw new Error(`expected a classification prediction, got ${p.kind}`);
  return p;
}

/** A fresh app (wasm backend, seed) and a method context on it. */
export async function testContext(seed: number): Promise<{ app: HepuqApp; ctx: MethodContext }> {
  const app = await createHepuq({ seed });
  return { app, ctx: { rng: app.rng, events: app.events } };
}

/** An app with the bnn and stats plugins, for the refit scan steps (prior-scan, data-scaling). */
export async function scanApp(seed: number): Promise<HepuqApp> {
  return createHepuq({ seed, plugins: [statsPlugin(), bnn()] });
}

/** Parse and check the step's options against `method` with `methodOptions`, then run it on train/test. */
export async function runScan<S extends z.ZodType>(
  app: HepuqApp, step: RunStep<S>, options: unknown, run: { method: string; methodOptions: unknown; train: Dataset; test: Dataset }, executor?: Executor,
): Promise<Record<string, unknown>> {
  const method = app.registries.methods.get(run.method);
  const methodOptions = method.options.parse(run.methodOptions);
  const parsed = step.options.parse(options);
  step.check?.({ options: parsed, method, methodOptions, methods: app.registries.methods });
  return step.run({
    options: parsed, train: run.train, test: run.test, methodOptions, services: app.services, rng: new Rng(11), events: app.events, executor,
    model: { method: method.key } as never, prediction: { kind: 'classification', prob: new Float32Array(run.test.n), sigmaProb: new Float32Array(run.test.n) },
  });
}
