import { createRequire } from 'node:module';

/** The installed @hepuq/datasets version (read from its package.json, so it never drifts). */
export const DATASETS_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
