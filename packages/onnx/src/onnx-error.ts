import { HepuqError, isHepuqError, type ErrorCode } from '@hepuq/core';
import { ONNX_PLUGIN_NAME } from './plugin-meta.js';

/**
 * A catalog error attributed to @hepuq/onnx; messages name the tensor, node or file concerned.
 * @example throw onnxError('InvalidArgument', `graph output "y" is not produced by any node`)
 */
export function onnxError(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}): HepuqError {
  return new HepuqError(code, message, { ...options, plugin: ONNX_PLUGIN_NAME });
}

/**
 * `e` attributed to @hepuq/onnx when it is a HepuqError that names no plugin (core's `writeFileAtomic`
 * raises those), so an exporter called outside an app's registry still says who failed.
 */
export function attributeOnnx(e: unknown): unknown {
  return isHepuqError(e) && e.plugin === undefined ? onnxError(e.code, e.message, { hint: e.hint, cause: e }) : e;
}
