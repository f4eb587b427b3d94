import { writeFileAtomic, type ModelExporter } from '@hepuq/core';
import { encodeOnnx } from './onnx-model.js';
import { attributeOnnx } from './onnx-error.js';

/** Registry key of the ONNX exporter (`hepuq export --format onnx`). */
export const ONNX = 'onnx';

/**
 * The ONNX exporter: validates and encodes a `ModelGraph` (`encodeOnnx`), then writes it atomically
 * (temp file beside the target, then rename), so a reader never sees half a model.
 * @example await onnxExporter().write(model.graph(), 'exports/bnn.onnx')
 */
export function onnxExporter(): ModelExporter {
  return {
    key: ONNX,
    extension: '.onnx',
    description: 'ONNX model (IR 7 for opset 13): runs in ONNX Runtime and any ONNX-compatible runtime',
    async write(graph, path) {
      try {
        await writeFileAtomic(path, encodeOnnx(graph));
      } catch (e) {
        throw attributeOnnx(e);
      }
    },
  };
}
