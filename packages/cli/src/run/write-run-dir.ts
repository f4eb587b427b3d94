import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ReportWriterToken, type ArtifactSlot, type Dataset, type FittedModel, type GeneratedSample, type HepuqApp, type MetricBin, type MetricTableRow, type MetricValue, type Prediction,
} from '@hepuq/core';
import { buildRunReport } from '@hepuq/report';
import { sampleColumns } from './prediction-columns.js';
import type { RunConfig } from './run-config.js';

export interface RunOutputs {
  config: RunConfig;
  metadata: Record<string, unknown>;
  metrics: Record<string, MetricValue>;
  /** Binned diagnostics, written as arrays into metrics.json. */
  metricBins: Record<string, MetricBin[]>;
  /** The metrics' tables (one row per bin, e.g. `closure`), written as arrays into metrics.json. */
  metricTables?: Record<string, MetricTableRow[]>;
  uncalibrated?: Record<string, MetricValue>;
  artifacts: Record<string, unknown>;
  /** Files the run steps added (name, content). */
  files: [string, string][];
  model: FittedModel;
  predictions: Record<string, Float32Array>;
  sample?: GeneratedSample;
  report: { test: Dataset; prediction: Prediction };
}

/**
 * Publish the run's files through its artifact slot in one step (the local store assembles them in
 * a temp directory, then renames it in): a failure leaves nothing half-written and an earlier run
 * of the same name untouched. The report is rendered by the app's `ReportWriterToken`. Returns the
 * written paths.
 */
export async function writeRunDir(app: HepuqApp, slot: ArtifactSlot, out: RunOutputs): Promise<string[]> {
  const csv = app.registries.formats.get('csv');
  const names: string[] = [];
  await slot.publish(async (tmp) => {
    const json = async (name: string, value: unknown) => {
      await writeFile(join(tmp, name), JSON.stringify(value, null, 2));
      names.push(name);
    };
    await json('config.resolved.json', { config: out.config, ...out.metadata, finishedAt: new Date().toISOString() });
    await json('metrics.json', { ...out.metrics, ...out.metricBins, ...out.metricTables });
    if (out.uncalibrated) await json('metrics.uncalibrated.json', out.uncalibrated);
    if (Object.keys(out.artifacts).length) await json('steps.json', out.artifacts);
    for (const [name, content] of out.files) {
      await writeFile(join(tmp, name), content);
      names.push(name);
    }
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
      const doc = buildRunReport(sections, { name: out.config.name, metadata: out.metadata, metrics: out.metrics, metricBins: out.metricBins, metricTables: out.metricTables, ...out.report, artifacts });
      await app.services.resolve(ReportWriterToken)(tmp, doc);
      names.push('report.html');
    }
  });
  return names.map((n) => join(slot.location, n));
}
