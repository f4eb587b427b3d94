// Regenerate docs/errors.md from the error catalog (`npm run docs:errors`).
import { writeFileSync } from 'node:fs';
import { renderErrorDocs } from '../packages/core/src/errors/error-docs.js';

writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorDocs());
