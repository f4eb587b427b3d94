import { packageMeta } from '@hepuq/core';

/** Name, version and supported core range, read from package.json so they never drift from what npm publishes. */
export const PLUGIN_META = packageMeta(import.meta.url);

/** The package name: owner of every registry entry this plugin adds, named in every error it raises. */
export const PLUGIN_NAME = PLUGIN_META.name;
