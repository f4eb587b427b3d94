import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeFileAtomic } from '@hepuq/core';
import type { BenchRecord, BenchSuite } from './bench-record.js';

const here = dirname(fileURLToPath(import.meta.url));
const resultsPath = resolve(here, '../../../bench-results.json');

/**
 * `npm run bench [suite ...]`: runs every suite in suites/ (or the named ones), prints one line per
 * record with the ratio against the peer measured in the same run, and merges the records into
 * bench-results.json at the repo root (a record replaces an earlier one of the same name).
 */
async function main(filter: string[]): Promise<void> {
  const files = (await readdir(join(here, 'suites'))).filter((f) => f.endsWith('.bench.js')).sort();
  const records: BenchRecord[] = [];
  for (const file of files) {
    const name = file.replace('.bench.js', '');
    if (filter.length && !filter.includes(name)) continue;
    console.log(`\n== ${name}`);
    const mod = (await import(pathToFileURL(join(here, 'suites', file)).href)) as { bench: BenchSuite };
    try {
      for (const r of await mod.bench()) {
        records.push(r);
        console.log(formatRecord(r));
      }
    } catch (e) {
      console.log(`  suite ${name} failed: ${(e as Error).message}`);
      process.exitCode = 1;
    }
  }
  const previous = await readFile(resultsPath, 'utf8').then((t) => JSON.parse(t) as BenchRecord[]).catch(() => []);
  const merged = [...previous.filter((p) => !records.some((r) => r.name === p.name)), ...records];
  await writeFileAtomic(resultsPath, `${JSON.stringify(merged, null, 2)}\n`);
  console.log(`\n${records.length} records written to ${resultsPath}`);
}

function formatRecord(r: BenchRecord): string {
  const fmt = (v: number | null) => (v === null ? 'n/a' : v.toPrecision(4));
  const ratio = r.ratio === null ? '' : `  ratio ${r.ratio.toFixed(2)}x ${r.ratio >= 1 ? '(hepuq faster)' : '(peer faster)'}`;
  const notes = r.notes ? `  [${Object.entries(r.notes).map(([k, v]) => `${k}=${v}`).join(', ')}]` : '';
  return `  ${r.name.padEnd(40)} hepuq ${fmt(r.hepuq)} ${r.unit}  vs ${r.peerName} ${fmt(r.peer)}${ratio}${notes}`;
}

await main(process.argv.slice(2));
