import { packageMeta } from '@hepuq/core';

/** Name, version and supported core range, read from package.json so they never drift from what npm publishes. */
export const DATASETS_META = packageMeta(import.meta.url);

/** The npm package name: owner of every toy this package registers. */
export const DATASETS_PLUGIN_NAME = DATASETS_META.name;

/** The installed @hepuq/datasets version. */
export const DATASETS_VERSION = DATASETS_META.version;
