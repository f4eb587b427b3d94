import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeDirAtomic, type Dataset, type FittedModel, type GeneratedSample, type HepuqApp, type MetricValue, type Prediction } from '@hepuq/core';
import { buildRunReport, writeReport } from '@hepuq/report';
import { sampleColumns } from './prediction-columns.js';
import type { RunConfig } from './run-config.js';

export interface RunOutputs {
  config: RunConfig;
  metadata: Record<string, unknown>;
  metrics: Record<string, MetricValue>;
  uncalibrated?: Record<string, MetricValue>;
  artifacts: Record<string, unknown>;
  model: FittedModel;
  predictions: Record<string, Float32Array>;
  sample?: GeneratedSample;
  report: { test: Dataset; prediction: Prediction };
}

/** Marker kind of run directories: only a directory marked so is ever replaced by a run. */
export const RUN_KIND = 'run';

/**
 * Write `outDir` in one atomic step (assembled in a temp directory, then renamed): a failure leaves
 * nothing half-written and an earlier run of the same name untouched; that run is replaced only
 * with `overwrite`. Returns the written paths.
 */
export async function writeRunDir(
  app: HepuqApp, outDir: string, out: RunOutputs, options: { overwrite: boolean; beforeSwap?: () => Promise<void> },
): Promise<string[]> {
  const csv = app.registries.formats.get('csv');
  const names: string[] = [];
  await writeDirAtomic(outDir, async (tmp) => {
    const json = async (name: string, value: unknown) => {
      await writeFile(join(tmp, name), JSON.stringify(value, null, 2));
      names.push(name);
    };
    await json('config.resolved.json', { config: out.config, ...out.metadata, finishedAt: new Date().toISOString() });
    await json('metrics.json', out.metrics);
    if (out.uncalibrated) await json('metrics.uncalibrated.json', out.uncalibrated);
    if (Object.keys(out.artifacts).length) await json('steps.json', out.artifacts);
    await csv.write!(join(tmp, 'predictions.csv'), out.predictions);
    names.push('predictions.csv');
    if (out.sample) {
      await csv.write!(join(tmp, 'samples.csv'), sampleColumns(out.sample));
      names.push('samples.csv');
    }
    await out.model.save(join(tmp, 'model'));
    names.push('model');
    if (out.config.report) {
      const sections = app.registries.reportSections.entries().map((e) => e.value);
      const artifacts = out.sample ? { ...out.artifacts, sample: out.sample } : out.artifacts;
      const doc = buildRunReport(sections, { name: out.config.name, metadata: out.metadata, metrics: out.metrics, ...out.report, artifacts });
      await writeReport(tmp, doc);
      names.push('report.html');
    }
  }, { kind: RUN_KIND, replace: options.overwrite, beforeSwap: options.beforeSwap });
  return names.map((n) => join(outDir, n));
}
