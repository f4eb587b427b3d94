import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from './error-catalog.js';
import { renderErrorDocs } from './error-docs.js';
import { HepuqError } from './hepuq-error.js';

describe('error catalog', () => {
  it('docs/errors.md is generated from the current catalog (run `npm run docs:errors`)', () => {
    const docs = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');
    expect(docs).toBe(renderErrorDocs());
  });

  it('every code has a title and an actionable hint', () => {
    for (const [code, { title, hint }] of Object.entries(ERROR_CATALOG)) {
      expect(title.length, code).toBeGreaterThan(3);
      expect(hint.length, code).toBeGreaterThan(10);
    }
  });

  it('formats code, title, message, plugin and hint on one screen', () => {
    const e = new HepuqError('MissingColumn', 'column "y" not found in train.csv', { plugin: 'acme' });
    expect(e.format()).toBe(`[hepuq:MissingColumn] Missing column (plugin acme): column "y" not found in train.csv\n  hint: ${ERROR_CATALOG.MissingColumn.hint}`);
    expect(e.toJSON()).toMatchObject({ code: 'MissingColumn', plugin: 'acme' });
  });
});
