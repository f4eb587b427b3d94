import { HepuqError, type ErrorCode } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';

/**
 * Every error of the bump fit goes through here, so each one names the plugin.
 * @example throw bumpFitError('InvalidArgument', 'bump fit: sr [0, 2] starts at the first bin', 'Move the SR inwards.')
 */
export function bumpFitError(code: ErrorCode, message: string, hint?: string): HepuqError {
  return new HepuqError(code, message, { plugin: PLUGIN_NAME, hint });
}
