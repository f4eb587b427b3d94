import { ERROR_CATALOG } from './error-catalog.js';

/** The error reference (docs/errors.md), generated from the catalog so the two never drift. */
export function renderErrorDocs(): string {
  const rows = Object.entries(ERROR_CATALOG).map(([code, { title, hint }]) => `| \`${code}\` | ${title} | ${hint.replace(/\|/g, '\\|')} |`);
  return [
    '# Error reference',
    '',
    'Every user-facing failure is a `HepuqError { code, title, message, hint, plugin? }`. Codes are permanent.',
    'The CLI prints `[hepuq:<code>] <title>: <message>` and the hint, and exits with status 2.',
    'This file is generated from `packages/core/src/errors/error-catalog.ts` (`npm run docs:errors`).',
    '',
    '| code | title | what to do |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
