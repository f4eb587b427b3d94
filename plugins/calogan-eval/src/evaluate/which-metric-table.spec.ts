import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBlocks } from '../../../../scripts/generated-blocks.js';
import { DISTORTIONS, REPO_ROOT, whichMetricTable } from '../../scripts/which-metric-table.js';

/** Where the table is shown; each must hold exactly one generated block. */
const PLACES = ['plugins/calogan-eval/README.md', 'docs/methods/calogan-eval.md'];

/*
 * The "which metric catches what" table is generated (scripts/which-metric-table.ts). Here every cell is
 * recomputed from the Gaussian toys and the block must equal it character for character: the numbers
 * are float64 JavaScript on seeded samples (no tensors, no threads), so they are the same on every
 * machine and no tolerance is needed. ~2 s: 7 evaluations of 5000 events, PRDC on batches of 1000.
 */
describe('README "Which metric catches what"', () => {
  it('is what plugins/calogan-eval/scripts/which-metric-table.ts computes now, in the README and the method page', async () => {
    const table = await whichMetricTable();
    // one data row per metric and one column per distortion, none of them empty
    const rows = table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| metric'));
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(row.split(' | ').slice(1).filter((c) => c.trim() !== '')).toHaveLength(DISTORTIONS.length);
    expect(table).not.toMatch(/undefined|NaN/);
    for (const file of PLACES) {
      const blocks = findBlocks(readFileSync(join(REPO_ROOT, file), 'utf8'), 'calogan-eval', file);
      expect(blocks.map((b) => b.id), file).toEqual(['which-metric']);
      expect(blocks[0].body, `${file} is stale: run npx tsx --tsconfig tsconfig.spec.json plugins/calogan-eval/scripts/which-metric-table.ts`).toBe(table);
    }
  });
});
