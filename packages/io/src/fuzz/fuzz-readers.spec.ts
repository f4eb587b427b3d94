// Fuzz corpus: truncated and bit-flipped copies of the committed fixtures (HDF5, ROOT, .npy, Parquet lists) and
// of two Parquet files written here, all derived from one seed (plus the damage earlier, larger
// runs found, kept as fixed regression cases in fuzz-corpus.ts), read with the registered formats
// (`columns` and `read`) in a child process (reader-sandbox.ts). Every read must give a Dataset
// whose columns all have its row count, or a HepuqError of @hepuq/io; never another error, an
// unhandled rejection, a crash or a hang.
//
// Time bound per damaged file: FILE_BOUND_MS. The slowest valid file (columns + read of the 220 kB
// lzma-compressed HZZ ROOT file) takes about 0.3 s warm on the shared 2-core development machine;
// 5 s is over 10x that, so a slow or busy machine does not trip it, while a reader that loops is
// caught within 5 s (plus a few seconds to start a fresh child). The corpus (~270 damaged files)
// reads in about 15-25 s on that machine, including the child's start (importing @hepuq/core and
// starting h5wasm take 3-6 s); each test allows 60 s.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { loadCorpus, type CorpusFile } from './fuzz-corpus.js';
import type { OpOutcome } from './fuzz-worker.js';
import { mutantNamed, mutants, type Mutant } from './mutants.js';
import { ReaderSandbox, type TaskResult } from './reader-sandbox.js';

const SEED = 42;
const FILE_BOUND_MS = 5_000;
/** First reads start jsroot, h5wasm and hyparquet's decoders in the child. */
const START_BOUND_MS = 30_000;
const TEST_MS = 60_000;

let dir: string;
let corpus: CorpusFile[];
const box = new ReaderSandbox();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hepuq-io-fuzz-'));
  corpus = await loadCorpus(dir);
  await box.start(START_BOUND_MS);
}, TEST_MS);
afterAll(async () => {
  box.close();
  // ~20 MB of damaged copies (80 of them of the 220 kB HZZ files)
  await rm(dir, { recursive: true, force: true });
});

const spec = (path: string, f: CorpusFile) => path + (f.item ? `:${f.item}` : '');
const label = (f: CorpusFile) => f.name + (f.item ? `:${f.item}` : '');
const read = (path: string, f: CorpusFile, bound: number) => box.run({ spec: spec(path, f), selection: f.selection, options: f.options, ops: ['columns', 'read'] }, bound);

/** What is wrong with one damaged file's reads, or null when every call ended as it may. */
function problem(f: CorpusFile, m: Mutant, r: TaskResult, baseRows: number): string | null {
  if (r.status === 'timeout') return `still reading after ${FILE_BOUND_MS} ms`;
  if (r.status === 'crash') return `the reading process died: ${r.detail}`;
  if (r.strays.length > 0) return `escaped every promise: ${r.strays.join('; ')}`;
  for (const o of r.outcomes) {
    if (!o.ok && !o.hepuq) return `${o.op} threw ${o.name}: ${o.message}\n${o.stack ?? ''}`;
    if (!o.ok && o.plugin !== '@hepuq/io') return `${o.op} threw ${o.code} without the @hepuq/io attribution: ${o.message}`;
    if (o.ok && m.kind === 'truncate') return `${o.op} read a truncated file as complete`;
    if (!o.ok && m.kind === 'truncate' && o.code !== 'FileUnreadable' && o.code !== 'ParseError') return `${o.op} of a truncated file threw ${o.code}: ${o.message}`;
    if (o.ok && o.op === 'read') {
      if (o.n < 1 || o.lengths.some((l) => l !== o.n)) return `read gave columns of lengths ${o.lengths.join(', ')} for ${o.n} rows`;
      // npy and Parquet keep their row count in the metadata only: damaged payload cannot change it
      const fixedRows = m.region === 'data' && (f.format === 'npy' || f.format === 'parquet');
      if (fixedRows && o.n !== baseRows) return `read gave ${o.n} rows from a file of ${baseRows} with damaged payload only`;
    }
  }
  return null;
}

const readOf = (r: TaskResult): Extract<OpOutcome, { op: 'read'; ok: true }> | undefined =>
  r.status === 'done' ? (r.outcomes.find((o) => o.op === 'read' && o.ok) as Extract<OpOutcome, { op: 'read'; ok: true }> | undefined) : undefined;

describe.each(['npy', 'hdf5', 'parquet', 'root'] as const)('fuzz: damaged %s files', (format) => {
  it('every read gives a Dataset or a HepuqError: no other error, crash, stray rejection or hang; valid files still read afterwards', async () => {
    const files = corpus.filter((f) => f.format === format);
    const failures: string[] = [];
    const baseline = new Map<CorpusFile, NonNullable<ReturnType<typeof readOf>>>();
    for (const f of files) {
      const valid = join(dir, `valid-${f.name}`);
      await writeFile(valid, f.bytes);
      const base = readOf(await read(valid, f, START_BOUND_MS));
      if (!base) throw new Error(`${label(f)}: the undamaged file does not read`);
      baseline.set(f, base);
      const fixed = f.regressions.map((name) => mutantNamed(f.bytes, name, f.meta));
      const random = mutants(f.bytes, f.meta, new Rng(SEED).fork(label(f)), f.counts).filter((m) => !fixed.some((x) => x.name === m.name));
      const damaged = [...fixed, ...random];
      for (const [k, m] of damaged.entries()) {
        const path = join(dir, `${format}-${k}-${m.name.replace(/[^\w@]/g, '_')}-${f.name}`);
        await writeFile(path, m.bytes);
        const why = problem(f, m, await read(path, f, FILE_BOUND_MS), base.n);
        if (why) failures.push(`${label(f)} ${m.name} (${path}): ${why}`);
      }
    }
    // a failed read must leave the library usable (h5wasm's heap, jsroot's decoders): read every
    // valid file again in the same process and compare with the first read
    for (const f of files) {
      const again = readOf(await read(join(dir, `valid-${f.name}`), f, FILE_BOUND_MS));
      const base = baseline.get(f)!;
      if (!again || again.n !== base.n || again.sums.some((s, j) => !Object.is(s, base.sums[j]))) {
        failures.push(`${label(f)}: the undamaged file reads differently after the damaged ones`);
      }
    }
    expect(failures).toEqual([]);
  }, TEST_MS);
});
