import { extname } from 'node:path';
import { HepuqError, type HepuqApp } from '@hepuq/core';
import { predictionColumns } from '../run/prediction-columns.js';
import { predictionData } from '../saved/prediction-data.js';
import { loadSavedModel } from '../saved/saved-model.js';
import type { SavedRun } from '../saved/saved-run.js';

export interface PredictRequest {
  saved: SavedRun;
  /** `--data`: a data file (read with the run's column layout), an inline data source or a YAML/JSON file holding one. */
  data: string;
  /** `--out`: the predictions file; its extension picks the writer (.csv, .h5, .npy, .parquet). */
  out: string;
  /** `--replicas`: coherent replicas to add as `replica_<r>` columns (default: the run's `replicas`). */
  replicas?: number;
}

export interface PredictSummary {
  out: string;
  events: number;
  method: string;
  columns: string[];
}

/**
 * `hepuq predict`: apply a saved model to new data and write the same columns as the run's
 * predictions.csv. With the run's seed (the app's, unless --seed) and replicas, the draws of a
 * Bayesian model are the run's own, so the run's test events get the run's predictions back (the
 * uncalibrated ones, when the run recalibrated: see `loadSavedModel`).
 */
export async function predictCommand(app: HepuqApp, request: PredictRequest): Promise<PredictSummary> {
  const { saved } = request;
  const format = app.registries.formats.entries().find((e) => e.value.write && e.value.extensions.includes(extname(request.out).toLowerCase()));
  if (!format) {
    const known = app.registries.formats.entries().filter((e) => e.value.write).flatMap((e) => e.value.extensions);
    throw new HepuqError('UnsupportedFormat', `--out ${request.out}: no registered format writes "${extname(request.out) || '(no extension)'}"`, { hint: `Name the file with one of ${known.join(', ')}.` });
  }
  const model = await loadSavedModel(app, saved);
  try {
    const data = await predictionData(app, request.data, saved);
    const replicas = request.replicas ?? saved.config?.replicas ?? 0;
    const prediction = await model.predict(data, { replicas, seed: app.rng.fork('predict').nextSeed() });
    const columns = predictionColumns(data, prediction, model.task);
    await format.value.write!(request.out, columns);
    return { out: request.out, events: data.n, method: saved.method, columns: Object.keys(columns) };
  } finally {
    model.dispose();
  }
}
