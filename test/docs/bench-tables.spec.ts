import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCH_BLOCKS, benchTable, readBenchResults, REPO_ROOT, renderBenchBlocks, speedFiguresOutsideBlocks } from '../../scripts/bench-tables.js';
import { documentationFiles, findBlocks } from '../../scripts/generated-blocks.js';

const records = readBenchResults();
const files = documentationFiles(REPO_ROOT);
const read = (file: string) => readFileSync(join(REPO_ROOT, file), 'utf8');

describe('documentation files', () => {
  it('are every README.md and docs/**/*.md (so the checks below cannot pass on an empty list)', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'packages/io/README.md', 'plugins/bnn/README.md', 'docs/methods/calogan-eval.md']));
    expect(files.some((f) => f.includes('node_modules') || f.includes('dist/'))).toBe(false);
  });
});

describe('bench tables (scripts/bench-tables.ts)', () => {
  it.each(files)('%s: every bench block is what the script writes from bench-results.json now', (file) => {
    const text = read(file);
    // a stale block shows as a diff: run `npx tsx scripts/bench-tables.ts`
    expect(renderBenchBlocks(text, records, file)).toBe(text);
  });

  it('places every defined table somewhere, and each table names only records that exist', () => {
    const placed = new Set(files.flatMap((f) => findBlocks(read(f), 'bench', f).map((b) => b.id)));
    expect([...placed].sort()).toEqual(Object.keys(BENCH_BLOCKS).sort());
    for (const id of Object.keys(BENCH_BLOCKS)) expect(() => benchTable(id, records)).not.toThrow();
  });

  it('fails loudly on a record bench-results.json does not hold', () => {
    expect(() => benchTable('io', records.filter((r) => !r.name.startsWith('io read csv')))).toThrow(/no record "io read csv/);
  });
});

describe('speed figures', () => {
  it.each(files)('%s: no speed figure outside a generated bench block', (file) => {
    // a rate, a duration or "N x faster" typed by hand goes stale; put it in a bench block instead
    expect(speedFiguresOutsideBlocks(read(file), file)).toEqual([]);
  });

  it.each([
    'CSV 1.45-2.0x faster than `pandas.read_csv`',
    'warm, hepuq reads 8.8 M events/s',
    '| training | 191 steps/s | 390 steps/s | 0.49 |',
    'stacked 4.9 s, one by one 7.7 s',
    'FPD_inf 269 ms vs 1245 ms',
    '~210 kernels at ~12 us each',
    '`layer: reparam` is 1.5x faster per step',
    'threads on the loaded machine 27 s).',
    'PyTorch 1.8× faster than stacked',
  ])('are found in %j', (line) => {
    expect(speedFiguresOutsideBlocks(line)).toHaveLength(1);
  });

  it.each([
    '| FPD_inf ×10³ | cov ×4 | cov ÷4 |',
    'A 2×64 ReLU MLP, 420×280 plots, [10, 256, 64] x [10, 64, 64], 4 x 4 register-blocked',
    'the prior term |theta_m|^2 / (2 s^2 n); the error √((m4 − m2²)/Neff) / (2 s)',
    '`A(m, s) = 2sφ(m/s)`; 1/sqrt(N); 10 disjoint batches of min(5000, n/10)',
    '1244 -> 2.82 (441x smaller); factor 1.6 per 4x N; 1007.1727 sec. 3.8',
  ])('are not confused with %j', (line) => {
    expect(speedFiguresOutsideBlocks(line)).toEqual([]);
  });

  it('inside a bench block are allowed', () => {
    const text = `x\n<!-- bench:io:start -->\n${benchTable('io', records)}<!-- bench:io:end -->\n`;
    expect(benchTable('io', records)).toMatch(/events\/s/);
    expect(speedFiguresOutsideBlocks(text)).toEqual([]);
  });
});
