import { createRequire } from 'node:module';

/** Package name: appears in every registry entry, log line and error of this plugin. */
export const BNN_PLUGIN_NAME = '@hepuq/plugin-bnn';

/** The installed version (read from package.json, so it never drifts). */
export const BNN_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
