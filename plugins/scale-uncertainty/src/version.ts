import { createRequire } from 'node:module';

/** The npm package name, used as `meta.name` and in every error this plugin throws. */
export const PLUGIN_NAME = '@hepuq/plugin-scale-uncertainty';

/** The installed version, read from package.json (one directory up from both src/ and dist/), so it never drifts. */
export const PLUGIN_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
