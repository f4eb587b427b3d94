import { createRequire } from 'node:module';

/** The plugin name shown in every error this package raises. */
export const IO_PLUGIN_NAME = '@hepuq/io';

/** The installed @hepuq/io version (read from its package.json, so it never drifts). */
export const IO_VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
