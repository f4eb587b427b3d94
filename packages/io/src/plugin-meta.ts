import { packageMeta } from '@hepuq/core';

/** Name, version and supported core range, read from package.json so they never drift from what npm publishes. */
export const IO_META = packageMeta(import.meta.url);

/** The plugin name shown in every error this package raises. */
export const IO_PLUGIN_NAME = IO_META.name;

/** The installed @hepuq/io version. */
export const IO_VERSION = IO_META.version;
