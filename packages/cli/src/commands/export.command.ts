import { HepuqError, type HepuqApp, type GraphTensor } from '@hepuq/core';
import { loadSavedModel } from '../saved/saved-model.js';
import type { SavedRun } from '../saved/saved-run.js';

export interface ExportRequest {
  saved: SavedRun;
  /** `--format`: an exporter key (`onnx`). */
  format: string;
  out: string;
  /** `--replicas`: as `hepuq predict --replicas` (default: the run's `replicas`). */
  replicas?: number;
}

export interface ExportSummary {
  out: string;
  method: string;
  format: string;
  inputs: GraphTensor[];
  outputs: GraphTensor[];
}

/**
 * `hepuq export`: write a saved model as a graph file (`--format onnx`) for other runtimes. The graph
 * takes raw inputs (the standardisation is folded in) and computes what `hepuq predict` computes
 * (the same function draws for a Bayesian model, with the same seed and replicas);
 * see docs/export.md for the inputs, outputs and replica axis of each method.
 */
export async function exportCommand(app: HepuqApp, request: ExportRequest): Promise<ExportSummary> {
  const exporter = app.registries.exporters.get(request.format);
  if (!request.out.toLowerCase().endsWith(exporter.extension)) {
    throw new HepuqError('InvalidCommandLine', `--out ${request.out}: a ${request.format} file is named *${exporter.extension}`);
  }
  const model = await loadSavedModel(app, request.saved);
  try {
    if (!model.graph) {
      throw new HepuqError('ExportUnsupported', `a "${model.method}" model has no graph form, so it cannot be exported as ${request.format}`, {
        hint: 'Exportable: het-mlp, mlp-classifier, the ensembles, bnn, bnn-classifier, mc-dropout(-classifier), pivot, disco, mode (docs/export.md); `hepuq predict` applies any saved model.',
      });
    }
    // the draws of a Bayesian model are those `hepuq predict` makes with the same seed and replicas
    const graph = model.graph({ replicas: request.replicas ?? request.saved.config?.replicas ?? 0, seed: app.rng.fork('predict').nextSeed() });
    await exporter.write(graph, request.out);
    return { out: request.out, method: model.method, format: request.format, inputs: graph.inputs, outputs: graph.outputs };
  } finally {
    model.dispose();
  }
}
