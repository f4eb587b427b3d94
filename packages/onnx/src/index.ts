export { onnx, default, OnnxPluginOptions } from './onnx.plugin.js';
export { ONNX_PLUGIN_NAME, ONNX_VERSION } from './plugin-meta.js';
export { ONNX, onnxExporter } from './onnx.exporter.js';
export { encodeOnnx, ONNX_PRODUCER } from './onnx-model.js';
export { decodeOnnx } from './decode-onnx.js';
export { FEATURES_KEY } from './tensor-features.js';
export { validateGraph } from './validate-graph.js';
export { irVersionFor, MAX_OPSET } from './ir-version.js';
