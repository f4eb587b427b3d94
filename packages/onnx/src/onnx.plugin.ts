import { parsePluginOptions, z, type HepuqPlugin } from '@hepuq/core';
import { ONNX, onnxExporter } from './onnx.exporter.js';
import { ONNX_META, ONNX_PLUGIN_NAME } from './plugin-meta.js';

/**
 * Options of the `onnx()` plugin factory: none yet. The schema is strict so that options given in a
 * run config (`plugins: [{ name: '@hepuq/onnx', options }]`) are refused, not silently ignored.
 */
export const OnnxPluginOptions = z.object({}).strict();
export type OnnxPluginOptions = z.infer<typeof OnnxPluginOptions>;

/**
 * The @hepuq/onnx plugin: registers the ONNX exporter under `onnx` in `ctx.exporters`.
 * @example const app = await createHepuq({ plugins: [onnx()] })
 */
export function onnx(options: OnnxPluginOptions = {}): HepuqPlugin {
  parsePluginOptions(ONNX_PLUGIN_NAME, OnnxPluginOptions, options);
  return {
    meta: ONNX_META,
    register(ctx) {
      ctx.exporters.add(ONNX, onnxExporter());
    },
  };
}

export default onnx;
