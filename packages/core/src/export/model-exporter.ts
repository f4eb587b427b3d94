import type { ModelGraph } from './model-graph.js';

/**
 * A file format for trained models (the registry entry behind `hepuq export --format <key>`):
 * writes a `ModelGraph` atomically.
 * @example registries.exporters.add('onnx', onnxExporter())
 */
export interface ModelExporter {
  readonly key: string;
  /** File extension written, with the dot (`.onnx`). */
  readonly extension: string;
  readonly description: string;
  write(graph: ModelGraph, path: string): Promise<void>;
}
