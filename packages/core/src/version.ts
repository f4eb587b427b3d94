import { createRequire } from 'node:module';

/** The installed @hepuq/core version (read from its package.json, so it never drifts). */
export const CORE_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
