import { createRequire } from 'node:module';

/** This plugin's version, read from its package.json so it never drifts. */
export const PLUGIN_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
