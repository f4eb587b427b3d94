import { packageMeta } from '@hepuq/core';

/** Name, version and supported core range, read from package.json so they never drift from what npm publishes. */
export const ONNX_META = packageMeta(import.meta.url);

/** The plugin name shown in every error this package raises. */
export const ONNX_PLUGIN_NAME = ONNX_META.name;

/** The installed @hepuq/onnx version. */
export const ONNX_VERSION = ONNX_META.version;
