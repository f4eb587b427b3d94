import { createRequire } from 'node:module';

/** The installed @hepuq/report version (read from its package.json, so it never drifts). */
export const REPORT_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
