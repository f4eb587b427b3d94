import { packageMeta } from '@hepuq/core';

/** Name, version and supported core range, read from package.json so they never drift from what npm publishes. */
export const BNN_META = packageMeta(import.meta.url);

/** Package name: appears in every registry entry, log line and error of this plugin. */
export const BNN_PLUGIN_NAME = BNN_META.name;

/** The installed version. */
export const BNN_VERSION = BNN_META.version;
