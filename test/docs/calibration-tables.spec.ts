import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/bench-tables.js';
import { CALIBRATION_CASES, calibrationTable, caseSeeds, readCalibrationResults, renderCalibrationBlocks } from '../../scripts/calibration-table.js';
import { documentationFiles, findBlocks } from '../../scripts/generated-blocks.js';

const results = readCalibrationResults();
const files = documentationFiles(REPO_ROOT);
const read = (file: string) => readFileSync(join(REPO_ROOT, file), 'utf8');

describe('calibration tables (scripts/calibration-table.ts)', () => {
  it.each(files)('%s: every calibration block is what the script writes from calibration-results.json now', (file) => {
    const text = read(file);
    // a stale block shows as a diff: run `npm run docs:calibration` (or `npm run calibration` to measure again)
    expect(renderCalibrationBlocks(text, results, file)).toBe(text);
  });

  it('places every block the cases name, and every case has results for each seed', () => {
    const placed = new Set(files.flatMap((f) => findBlocks(read(f), 'calibration', f).map((b) => b.id)));
    expect([...placed].sort()).toEqual([...new Set(Object.values(CALIBRATION_CASES).map((c) => c.block))].sort());
    for (const id of Object.keys(CALIBRATION_CASES)) {
      expect(Object.keys(results[id]?.seeds ?? {}).map(Number), `case ${id}: run \`npm run calibration ${id}\``).toEqual(caseSeeds(id));
      expect(results[id].seeds['1'].pull_std, `case ${id}`).toEqual(expect.any(Number));
    }
  });

  it('writes the median and range over seeds, and a dash for a metric the method lacks', () => {
    const table = calibrationTable('het-mlp', { 'het-mlp': { seeds: { 1: { pull_std: 1.1, coverage_68: 0.7 }, 2: { pull_std: 0.9, coverage_68: 0.65 }, 3: { pull_std: 1.0, coverage_68: 0.68 } } } });
    expect(table).toContain('| 1, 2, 3 | 1.00 (0.90–1.10) | 0.680 (0.650–0.700) | — |');
  });

  it('pools the stat pulls over seeds as sqrt(mean(std^2 + mean^2)) and writes a run of seeds as a range', () => {
    const seed = (std: number, mean: number) => ({ pull_std: 1, stat_pull_std: std, stat_pull_mean: mean });
    const table = calibrationTable('ensembles', { 'deep-ensemble': { seeds: { 1: seed(0.6, 0.8), 2: seed(1, 0), 3: seed(1.2, 0), 4: seed(0.8, 0) } } });
    // (1 + 1 + 1.44 + 0.64) / 4 = 1.02 -> 1.01
    expect(table).toContain('| 1–4 | 1.00 (1.00–1.00) | — | — | 0.00 (0.00–0.80) | 0.90 (0.60–1.20) | 1.01 |');
  });
});
