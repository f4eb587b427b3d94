import { HepuqError, type ErrorCode } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';

/**
 * Every error of the binned unfolding goes through here, so each one names the plugin.
 * @example throw ibuError('InvalidArgument', 'ibu problem: efficiencies[3] is 0', 'Merge cause bin 3 with a neighbour.')
 */
export function ibuError(code: ErrorCode, message: string, hint?: string): HepuqError {
  return new HepuqError(code, message, { plugin: PLUGIN_NAME, hint });
}
