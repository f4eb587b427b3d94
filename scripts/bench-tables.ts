// Performance tables in the documentation, generated from bench-results.json.
//
//   npx tsx scripts/bench-tables.ts            rewrite every `<!-- bench:<id>:start -->` ... `<!-- bench:<id>:end -->`
//                                              block of every README.md and docs/**/*.md from bench-results.json
//   npx tsx scripts/bench-tables.ts --check    only report the blocks that differ; exit status 1 if any does
//
// Run it after `npm run bench` has merged new records. A block shows the medians that the suite recorded
// and the ratio against the peer measured in the same run (> 1: hepuq faster); nothing in it is typed by
// hand. test/docs/bench-tables.spec.ts fails when a block is stale and when a speed figure (a rate, a
// duration, "N x faster") appears in the documentation outside such a block.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRecord } from '../tools/bench/src/bench-record.js';
import { documentationFiles, outsideBlocks, replaceBlocks } from './generated-blocks.js';

/** The repository root (this file lives in scripts/). */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A table row: one record, or a number from a record's notes measured in the same run (no peer). */
type RowSpec =
  | { record: string; label: string }
  | { notesOf: string; label: string; unit: string; value: (notes: Record<string, number | string>) => number; cells?: (notes: Record<string, number | string>) => string[] };

/** An extra column filled from each record's notes (empty for note rows). */
interface ColumnSpec {
  header: string;
  cell: (r: BenchRecord) => string;
}

interface BlockSpec {
  rows: RowSpec[];
  columns?: ColumnSpec[];
}

const note = (r: BenchRecord, key: string) => r.notes?.[key];

/** Every bench block the documentation may hold, by id. A README places one with `<!-- bench:<id>:start -->`. */
export const BENCH_BLOCKS: Record<string, BlockSpec> = {
  performance: {
    rows: [
      { record: 'het-mlp train 20x(3x64) b256', label: 'het-mlp training (20 inputs, 3x64, batch 256)' },
      { record: 'kernels mlp step vs pytorch', label: 'one step from `@hepuq/kernels` alone (batches ready, no training loop)' },
      { record: 'bnn train local 4x(2x64) b256', label: 'bnn training, local reparameterisation' },
      { record: 'bnn predict 100 draws x 10000 events', label: 'bnn prediction, 100 draws x 10^4 events' },
      { record: 'ensemble-10 train: stacked vs torch loop', label: '10-member ensemble, stacked (health check off), against PyTorch in a loop' },
      { record: 'metrics default regression set 1e6', label: 'default regression metric set, 10^6 events' },
      { record: 'metrics pulls+coverage+nll+rmse 1e6', label: 'pulls, coverage, NLL and RMSE, 10^6 events' },
      { record: 'metrics default classification set 1e6', label: 'default classification metric set, 10^6 events' },
      { record: 'io read hdf5 datasets (1000000 x 20)', label: 'HDF5 read, 10^6 x 20, cold process' },
    ],
    columns: [{ header: 'peak RSS', cell: (r) => (note(r, 'peakRssMiB') ?? note(r, 'hepuqPeakRssMiB')) === undefined ? '' : `${note(r, 'peakRssMiB') ?? note(r, 'hepuqPeakRssMiB')} MiB` }],
  },
  bnn: {
    rows: [
      { record: 'bnn train local 4x(2x64) b256', label: 'training, local reparameterisation (4 inputs, 2x64, batch 256)' },
      { record: 'bnn train reparam 4x(2x64) b256', label: 'training, plain reparameterisation (same network)' },
      { record: 'bnn predict 100 draws x 10000 events', label: 'prediction, 100 weight draws x 10^4 events' },
    ],
  },
  ensembles: {
    rows: [
      { record: 'ensemble-10 train: stacked vs one by one', label: '10 members trained stacked, against the same members one by one' },
      { record: 'ensemble-10 train: stacked vs torch loop', label: '10 members trained stacked, against PyTorch' },
      { record: 'ensemble-10 train: stacked over the cores vs one thread', label: '10 members stacked in groups, one per core (`workers`), against one stack in one thread' },
      { record: 'ensemble-10 train: one by one vs torch loop', label: '10 members trained one by one, against PyTorch' },
      { record: 'stacked layer fwd+bwd [10,256,64]x[10,64,64]', label: 'one stacked layer [10, 256, 64] x [10, 64, 64], forward + backward, member-wise kernel' },
      {
        notesOf: 'stacked layer fwd+bwd [10,256,64]x[10,64,64]', label: 'the same layer as one block-diagonal [256, 640] x [640, 640] product',
        unit: 'ms', value: (n) => Number(n.blockDiagonalMs),
      },
    ],
  },
  pfn: {
    rows: [
      { record: 'pfn train jets P40 b128', label: 'PFN training on the jets toy (Phi 100-100-128 on 40 particle slots, F 100-100, batch 128)' },
    ],
  },
  pivot: {
    rows: [
      { record: 'pivot train 2x64 + MDN adversary, K=5, b256', label: 'pivot training: classifier 2x64, mixture-density adversary 2x32 (5 components), K = 5 adversary steps per classifier step, batch 256 (outer steps)' },
    ],
  },
  omnifold: {
    rows: [
      { record: 'omnifold iteration 2x64, n=20k, 5 epochs', label: 'one OmniFold iteration on the Gaussian example: two classifiers 2x64 (steps 1 and 2), 2·10⁴ events per sample, 5 epochs, batch 512' },
      { record: 'ibu 60x50 bins, 20 iterations + errors', label: 'IBU, 60 effect x 50 cause bins, 20 iterations with the data and response covariances' },
    ],
  },
  cwola: {
    rows: [
      { record: 'bump-fit dijet3 40 bins, 200 spectra', label: 'dijet3 bump fit (weighted least squares, σ = √(N+1)) with the signal-region counting result, 40 bins, per spectrum' },
      { record: 'cwola nested 5-fold, one SR, 2x32, 10 epochs', label: "one signal region's nested 5-fold: 20 networks 2x32 (10 epochs, batch 256) on a window of about 13,000 events, each scoring a test fold of the 2·10⁵ events" },
    ],
  },
  'calogan-eval': {
    rows: [
      { record: 'calogan-eval FPD_inf 50k x 20', label: 'FPD_inf, 10 sizes x 20 batches, no bootstrap' },
      {
        notesOf: 'calogan-eval FPD_inf 50k x 20', label: 'FPD_inf with the default 20 bootstrap replicates', unit: 'ms',
        value: (n) => Number(n.withBootstrap20Ms), cells: (n) => [`${n.value} ± ${n.bootstrapError} (bootstrap)`],
      },
      { record: 'calogan-eval KPD 50k x 20 (10 x 5000)', label: 'KPD, 10 batches x 5000, degree 3 (monomial moments)' },
      { notesOf: 'calogan-eval KPD 50k x 20 (10 x 5000)', label: "KPD, blocked double sum (`algorithm: 'direct'`), per batch", unit: 'ms', value: (n) => Number(n.directMsPerBatch) },
      { record: 'calogan-eval PRDC 20k x 20k x 20 full samples (k=5)', label: 'precision/recall/density/coverage, full samples 20k x 20k, k = 5' },
      { notesOf: 'calogan-eval PRDC 20k x 20k x 20 full samples (k=5)', label: 'the same on one thread', unit: 'ms', value: (n) => Number(n.oneThreadMs) },
      { record: 'calogan-eval PRDC 100k x 100k x 20 full samples (k=5), threads vs one thread', label: 'the same, full samples 10^5 x 10^5, worker threads against one thread (numpy cannot hold the 80 GB distance matrix)' },
    ],
    columns: [
      {
        header: 'value ± error: hepuq / peer',
        cell: (r) => (note(r, 'value') === undefined ? '' : `${note(r, 'value')} ± ${note(r, 'error')}${note(r, 'peerValue') === undefined ? '' : ` / ${note(r, 'peerValue')} ± ${note(r, 'peerError')}`}`),
      },
    ],
  },
  executors: {
    rows: [
      { record: 'executors ensemble-20: local 2 workers vs 1', label: '20-member deep ensemble (4 inputs, 2x32, 10 epochs of 5120 events), one member per task: local executor, 2 worker threads against 1' },
      { record: 'executors ensemble-20: bullmq 2 workers vs local 2', label: 'the same on the BullMQ executor, 2 local `hepuq worker` processes against the local executor with 2 threads' },
      { notesOf: 'executors ensemble-20: bullmq 2 workers vs local 2', label: 'the difference per member (BullMQ minus local)', unit: 'ms', value: (n) => Number(n.overheadPerMemberMs) },
      { record: 'executors overhead per task: bullmq vs local', label: 'overhead per task: 20 tasks that do nothing, BullMQ (2 workers) against local (2 threads)' },
    ],
  },
  io: {
    rows: [
      { record: 'io read csv (1000000 x 20)', label: 'CSV' },
      { record: 'io read npy (1000000 x 20)', label: '`.npy`' },
      { record: 'io read hdf5 datasets (1000000 x 20)', label: 'HDF5, one dataset per column' },
      { record: 'io read hdf5 pandas table (1000000 x 20)', label: 'HDF5, pandas `format=table`' },
      { record: 'io read parquet (1000000 x 20)', label: 'Parquet' },
      { record: 'io read root TTree (2421 x 20, zlib, warm)', label: 'ROOT TTree, 2421 entries x 20 scalar branches (warm: the file read 40 times after one read)' },
    ],
    columns: [
      { header: 'hepuq warm', cell: (r) => (note(r, 'hepuqWarmEventsPerS') === undefined ? '' : formatQuantity(Number(note(r, 'hepuqWarmEventsPerS')), r.unit)) },
      {
        header: 'peak RSS hepuq / peer',
        cell: (r) => `${note(r, 'hepuqPeakRssMiB') ?? '—'} / ${note(r, 'peerPeakRssMiB') ?? '—'} MiB`,
      },
    ],
  },
};

/** Three significant digits, trailing zeros kept (1.70); whole numbers from 1000 on. */
const sig3 = (x: number) => (Math.abs(x) >= 1000 ? String(Math.round(x)) : x.toPrecision(3));

/**
 * A measured number in its unit, to three significant digits: rates with k/M, milliseconds from
 * 10,000 on as seconds.
 * @example formatQuantity(1_269_631, 'samples/s') // '1.27 M samples/s'
 */
export function formatQuantity(value: number, unit: string): string {
  if (unit.endsWith('/s') && value >= 1e6) return `${sig3(value / 1e6)} M ${unit}`;
  if (unit.endsWith('/s') && value >= 1e4) return `${sig3(value / 1e3)} k ${unit}`;
  if (unit === 'ms' && value >= 1e4) return `${sig3(value / 1e3)} s`;
  return `${sig3(value)} ${unit}`;
}

/** The record called `name`; a block that names a record bench-results.json does not hold is an error. */
function recordNamed(records: readonly BenchRecord[], name: string, id: string): BenchRecord {
  const found = records.find((r) => r.name === name);
  if (!found) throw new Error(`bench block "${id}": bench-results.json has no record "${name}" (run \`npm run bench\` or fix the block)`);
  return found;
}

/**
 * The Markdown table of bench block `id` from `records` (ending with a newline): per row the median
 * hepuq value, the peer's median from the same run and the recorded ratio (> 1: hepuq faster; rates
 * hepuq/peer, times peer/hepuq).
 * @example benchTable('io', JSON.parse(readFileSync('bench-results.json', 'utf8')))
 */
export function benchTable(id: string, records: readonly BenchRecord[]): string {
  const spec = BENCH_BLOCKS[id];
  if (!spec) throw new Error(`unknown bench block "${id}"; known: ${Object.keys(BENCH_BLOCKS).join(', ')}`);
  const columns = spec.columns ?? [];
  const header = ['benchmark', 'hepuq', 'peer', "peer's result", 'ratio', ...columns.map((c) => c.header)];
  const lines = [
    '<!-- generated by `npx tsx scripts/bench-tables.ts` from bench-results.json: edit the script, not this table -->',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
  ];
  for (const row of spec.rows) {
    if ('record' in row) {
      const r = recordNamed(records, row.record, id);
      const peer = r.peer === null ? '—' : formatQuantity(r.peer, r.unit);
      const ratio = r.ratio === null ? '—' : r.ratio.toFixed(2);
      lines.push(`| ${[row.label, formatQuantity(r.hepuq, r.unit), r.peerName, peer, ratio, ...columns.map((c) => c.cell(r) || '—')].join(' | ')} |`);
    } else {
      const r = recordNamed(records, row.notesOf, id);
      const value = row.value(r.notes ?? {});
      if (!Number.isFinite(value)) throw new Error(`bench block "${id}": record "${row.notesOf}" has no usable note for "${row.label}"`);
      const cells = row.cells?.(r.notes ?? {}) ?? [];
      lines.push(`| ${[row.label, formatQuantity(value, row.unit), '—', '—', '—', ...columns.map((_, i) => cells[i] ?? '—')].join(' | ')} |`);
    }
  }
  lines.push('', 'As recorded by `npm run bench` (medians where the suite repeats a measurement), each peer in the same run; ratio > 1: hepuq faster (rates: hepuq / peer, times: peer / hepuq).');
  return `${lines.join('\n')}\n`;
}

/**
 * `text` with every bench block rewritten from `records`: what the script writes for one file.
 * @example renderBenchBlocks(readFileSync('packages/io/README.md', 'utf8'), records) === current // up to date
 */
export function renderBenchBlocks(text: string, records: readonly BenchRecord[], source = 'text'): string {
  return replaceBlocks(text, 'bench', (id) => benchTable(id, records), source);
}

/** Patterns of a speed figure: a rate, a duration, or "N x faster". Each names what it found. */
export const SPEED_FIGURE_PATTERNS: readonly { what: string; pattern: RegExp }[] = [
  // 8.8 M events/s, 238 steps/s, 4.23M/s, 76-88 k events/s
  { what: 'a rate', pattern: /\d\s*[kMG]?\s*(?:[A-Za-z]+\s*)?\/\s*s(?:ec)?\b/ },
  { what: 'a rate', pattern: /\d\s*[kMG]?\s*[A-Za-z]*\s+per\s+(?:second|s)\b/i },
  // 269 ms, ~12 us, 2 minutes, 4.9 s, 27 s (a bare "s" needs a decimal or two digits: not "(2 s)", "2 s^2", "2sφ")
  { what: 'a duration', pattern: /\d\s?(?:ms|µs|us|ns|seconds?|minutes?|min)(?![\w^(_])/ },
  { what: 'a duration', pattern: /(?:\d\.\d+|\d\d)\s?s(?![\w^(_.])/ },
  // 1.45-2.0x faster, 3 x slower, 1.5× quicker, speed-up of 4
  { what: 'a speed ratio', pattern: /\d\s*(?:x|×|times)\s*(?:faster|slower|quicker|the speed)/i },
  { what: 'a speed ratio', pattern: /(?:faster|slower|speed-?up)\s+(?:by\s+)?(?:a\s+factor\s+(?:of\s+)?)?(?:of\s+)?~?\d/i },
];

/**
 * Speed figures in the hand-written part of a Markdown text (outside its bench blocks), with line numbers.
 * @example speedFiguresOutsideBlocks('CSV 1.45x faster than pandas') // [{ line: 1, what: 'a speed ratio', text: ... }]
 */
export function speedFiguresOutsideBlocks(text: string, source = 'text'): { line: number; what: string; text: string }[] {
  const found: { line: number; what: string; text: string }[] = [];
  outsideBlocks(text, 'bench', source).split('\n').forEach((line, i) => {
    const hit = SPEED_FIGURE_PATTERNS.find(({ pattern }) => pattern.test(line));
    if (hit) found.push({ line: i + 1, what: hit.what, text: line.trim() });
  });
  return found;
}

/** bench-results.json at `root`. */
export function readBenchResults(root = REPO_ROOT): BenchRecord[] {
  return JSON.parse(readFileSync(join(root, 'bench-results.json'), 'utf8')) as BenchRecord[];
}

function main(check: boolean): void {
  const records = readBenchResults();
  const stale: string[] = [];
  for (const file of documentationFiles(REPO_ROOT)) {
    const path = join(REPO_ROOT, file);
    const text = readFileSync(path, 'utf8');
    const next = renderBenchBlocks(text, records, file);
    if (next === text) continue;
    stale.push(file);
    if (!check) writeFileSync(path, next);
  }
  const verb = check ? 'out of date' : 'rewritten';
  console.log(stale.length ? `${verb}: ${stale.join(', ')}` : 'bench tables are up to date');
  if (check && stale.length) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main(process.argv.includes('--check'));
