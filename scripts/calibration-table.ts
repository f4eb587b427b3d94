// Calibration tables in the method pages, generated from calibration-results.json.
//
//   npx tsx scripts/calibration-table.ts --run [ids...]   train every case (or the named ones) for each
//                                                         seed through `hepuq run`, merge the metrics into
//                                                         calibration-results.json, rewrite the blocks
//   npx tsx scripts/calibration-table.ts                  only rewrite every `<!-- calibration:<id>:start -->`
//                                                         block of the docs from calibration-results.json
//
// (`npm run calibration`, `npm run docs:calibration`.) A case is a run config on a toy with known truth;
// the table shows, per method, the median over seeds (and the range) of the total pull std and coverage
// against the noisy labels, and of the stat-only pulls t = (true_mean - mean) / sigma_stat, and the rms of
// the stat pulls pooled over the seeds. Nothing in a block is typed by hand;
// test/docs/calibration-tables.spec.ts fails when a block is stale.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from '@hepuq/core';
import { REPO_ROOT } from './bench-tables.js';
import { documentationFiles, replaceBlocks } from './generated-blocks.js';

/** One calibration case: a run config without name and seed. */
export interface CalibrationCase {
  label: string;
  /** The block (method page table) the case appears in. */
  block: string;
  config: Record<string, unknown>;
  /** The training seeds (default SEEDS). */
  seeds?: number[];
}

const HET = (n: number, test: number, options: Record<string, unknown> = {}) => ({
  train: { toy: 'heteroscedastic-1d', n, options }, test: { toy: 'heteroscedastic-1d', n: test, options },
});
const ENSEMBLE = { hidden: [64, 64], epochs: 25, lr: 0.01 };
/**
 * An ensemble's sigma_stat comes from M = 10 draws, so it scatters from seed to seed by a factor that is
 * the same over all x (a smooth spread): eight seeds show that scatter and pool it.
 */
const ENSEMBLE_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** Every case, by id. The seeds are SEEDS; metrics come from the run's metrics.json. */
export const CALIBRATION_CASES: Record<string, CalibrationCase> = {
  'het-mlp': { label: 'het-mlp (64-64 elu, 60 epochs)', block: 'het-mlp', config: { data: HET(10_000, 5000), method: { use: 'het-mlp', options: { hidden: [64, 64], activation: 'elu', epochs: 60, lr: 0.002 } } } },
  bnn: { label: 'bnn (64-64 relu, 60 epochs)', block: 'bnn', config: { data: HET(10_000, 5000), method: { use: 'bnn', options: { hidden: [64, 64], activation: 'relu', epochs: 60, lr: 0.01, draws: 50 } } } },
  'mc-dropout': { label: 'mc-dropout (default options: 64-64, rate 0.1, 100 epochs)', block: 'bnn', config: { data: HET(10_000, 5000), method: { use: 'mc-dropout', options: {} } } },
  'bnn-flow': { label: 'bnn-flow (gaussian-ring, 20 epochs; density pulls)', block: 'bnn', config: { data: { train: { toy: 'gaussian-ring', n: 10_000 }, test: { toy: 'gaussian-ring', n: 3000 } }, method: { use: 'bnn-flow', options: { epochs: 20 } } } },
  'deep-ensemble': { label: 'deep-ensemble (M = 10, 64-64, 25 epochs)', block: 'ensembles', seeds: ENSEMBLE_SEEDS, config: { data: HET(3000, 20_000, { xmin: -2, xmax: 2 }), method: { use: 'deep-ensemble', options: ENSEMBLE } } },
  'deep-ensemble-5': { label: 'deep-ensemble (M = 5, same)', block: 'ensembles', seeds: ENSEMBLE_SEEDS, config: { data: HET(3000, 20_000, { xmin: -2, xmax: 2 }), method: { use: 'deep-ensemble', options: { ...ENSEMBLE, members: 5 } } } },
  'deep-ensemble-5-spread': { label: 'deep-ensemble (M = 5, same, `sigmaStat: spread`)', block: 'ensembles', seeds: ENSEMBLE_SEEDS, config: { data: HET(3000, 20_000, { xmin: -2, xmax: 2 }), method: { use: 'deep-ensemble', options: { ...ENSEMBLE, members: 5, sigmaStat: 'spread' } } } },
  'bootstrap-ensemble': { label: 'bootstrap-ensemble (M = 10, same)', block: 'ensembles', seeds: ENSEMBLE_SEEDS, config: { data: HET(3000, 20_000, { xmin: -2, xmax: 2 }), method: { use: 'bootstrap-ensemble', options: ENSEMBLE } } },
  'repulsive-ensemble': { label: 'repulsive-ensemble (M = 10, same)', block: 'ensembles', seeds: ENSEMBLE_SEEDS, config: { data: HET(3000, 20_000, { xmin: -2, xmax: 2 }), method: { use: 'repulsive-ensemble', options: ENSEMBLE } } },
};

export const SEEDS = [1, 2, 3];

/** The metrics a table shows, from metrics.json. */
const METRICS = ['pull_std', 'coverage_68', 'coverage_95', 'stat_pull_mean', 'stat_pull_std', 'stat_coverage_68', 'stat_coverage_95'] as const;
type MetricName = (typeof METRICS)[number];

/** calibration-results.json: per case and seed, the metric values. */
export type CalibrationResults = Record<string, { seeds: Record<string, Partial<Record<MetricName, number>>> }>;

export const RESULTS_FILE = join(REPO_ROOT, 'calibration-results.json');

export function readCalibrationResults(file = RESULTS_FILE): CalibrationResults {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CalibrationResults) : {};
}

/** The seeds a case trains with. */
export const caseSeeds = (id: string): number[] => CALIBRATION_CASES[id].seeds ?? SEEDS;

/** "median (min-max)" of one metric over the seeds; "—" where the method has none (sigma_stat = 0). */
function cell(results: CalibrationResults[string] | undefined, metric: MetricName): string {
  const v = Object.values(results?.seeds ?? {}).map((s) => s[metric]).filter((x): x is number => typeof x === 'number');
  if (v.length === 0) return '—';
  const f = (x: number) => x.toFixed(metric.includes('coverage') ? 3 : 2);
  return v.length === 1 ? f(v[0]) : `${f(median(v))} (${f(Math.min(...v))}–${f(Math.max(...v))})`;
}

/**
 * The rms of the stat pulls over every seed's test events: sqrt(mean_s(std_s^2 + mean_s^2)) (every
 * seed has the same number of test events). A calibrated method has 1 here, however much its
 * sigma_stat scatters between seeds; "—" without stat pulls.
 */
function pooledRms(results: CalibrationResults[string] | undefined): string {
  const seeds = Object.values(results?.seeds ?? {}).filter((s) => typeof s.stat_pull_std === 'number' && typeof s.stat_pull_mean === 'number');
  if (seeds.length === 0) return '—';
  return Math.sqrt(seeds.reduce((a, s) => a + s.stat_pull_std! ** 2 + s.stat_pull_mean! ** 2, 0) / seeds.length).toFixed(2);
}

/** The Markdown table of one block: every case placed in it, in CALIBRATION_CASES order. */
export function calibrationTable(block: string, results: CalibrationResults): string {
  const ids = Object.entries(CALIBRATION_CASES).filter(([, c]) => c.block === block).map(([id]) => id);
  if (ids.length === 0) throw new Error(`calibration block "${block}" has no case`);
  const lines = [
    '<!-- generated by `npm run docs:calibration` (scripts/calibration-table.ts) from calibration-results.json: median over seeds (range) -->',
    '| method | seeds | pull std | coverage 68% | coverage 95% | stat pull mean | stat pull std | stat pull rms, pooled | stat coverage 68% | stat coverage 95% |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...ids.map((id) => {
      const r = results[id];
      const keys = Object.keys(r?.seeds ?? {}).map(Number);
      const seeds = keys.length === 0 ? 'not measured' : keys.length > 3 && keys.every((k, i) => k === keys[0] + i) ? `${keys[0]}–${keys[keys.length - 1]}` : keys.join(', ');
      const cells = METRICS.map((m) => cell(r, m));
      cells.splice(METRICS.indexOf('stat_pull_std') + 1, 0, pooledRms(r));
      return `| ${CALIBRATION_CASES[id].label} | ${seeds} | ${cells.join(' | ')} |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

/** `text` with every calibration block rewritten from `results`. */
export function renderCalibrationBlocks(text: string, results: CalibrationResults, source = 'text'): string {
  return replaceBlocks(text, 'calibration', (id) => calibrationTable(id, results), source);
}

/** Train one case for one seed through the CLI; the metrics the tables show. */
function runCase(id: string, seed: number, dir: string): Partial<Record<MetricName, number>> {
  const name = `${id}-${seed}`;
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ name, seed, report: false, ...CALIBRATION_CASES[id].config }));
  execFileSync(process.execPath, [join(REPO_ROOT, 'packages/cli/dist/bin.js'), 'run', path, '--out', dir, '--overwrite'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const metrics = JSON.parse(readFileSync(join(dir, name, 'metrics.json'), 'utf8')) as Record<string, { value?: number }>;
  return Object.fromEntries(METRICS.flatMap((m) => (typeof metrics[m]?.value === 'number' ? [[m, metrics[m].value]] : [])));
}

function main(args: string[]): void {
  const results = readCalibrationResults();
  if (args[0] === '--run') {
    const ids = args.length > 1 ? args.slice(1) : Object.keys(CALIBRATION_CASES);
    const dir = mkdtempSync(join(tmpdir(), 'hepuq-calibration-'));
    try {
      for (const id of ids) {
        if (!CALIBRATION_CASES[id]) throw new Error(`unknown case "${id}" (cases: ${Object.keys(CALIBRATION_CASES).join(', ')})`);
        results[id] = { seeds: {} };
        for (const seed of caseSeeds(id)) {
          results[id].seeds[String(seed)] = runCase(id, seed, dir);
          console.log(`${id} seed ${seed}: ${JSON.stringify(results[id].seeds[String(seed)])}`);
        }
        writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  for (const file of documentationFiles(REPO_ROOT)) {
    const path = join(REPO_ROOT, file);
    const text = readFileSync(path, 'utf8');
    const next = renderCalibrationBlocks(text, results, file);
    if (next !== text) {
      writeFileSync(path, next);
      console.log(`rewrote ${file}`);
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
