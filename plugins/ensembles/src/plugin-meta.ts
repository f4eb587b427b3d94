import { packageMeta } from '@hepuq/core';

/** Name, version and supported core range, read from package.json so they never drift from what npm publishes. */
export const PLUGIN_META = packageMeta(import.meta.url);

/** The package name, used as `plugin` in every error and registry entry this plugin makes. */
export const PLUGIN_NAME = PLUGIN_META.name;

/** This plugin's version. */
export const PLUGIN_VERSION = PLUGIN_META.version;
