import { packageMeta } from '@hepuq/core';

/** Name, version and supported core range, read from package.json so they never drift from what npm publishes. */
export const PLUGIN_META = packageMeta(import.meta.url);

/** The npm package name, used as `meta.name` and in every error this package throws. */
export const PLUGIN_NAME = PLUGIN_META.name;

/** The installed version (checked by workers against the submitter's). */
export const PLUGIN_VERSION = PLUGIN_META.version;
