import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRecord } from '../bench-record.js';
import { ensurePythonModule, median, runPythonPeer } from '../measure.js';

/** Events and columns per file (override the events with HEPUQ_BENCH_IO_EVENTS for a quick run). */
const N = Number(process.env.HEPUQ_BENCH_IO_EVENTS ?? 1_000_000);
const D = 20;
const REPEATS = 3;
const repoRoot = resolve(fileURLToPath(new URL('../../../../', import.meta.url)));
const peerScript = fileURLToPath(new URL('../../peers/io_read.py', import.meta.url));
const HZZ = join(repoRoot, 'packages/io/fixtures/root/uproot-HZZ.root');
const HZZ_SCALARS = [
  'NJet', 'NMuon', 'NElectron', 'NPhoton', 'MET_px', 'MET_py', 'MChadronicBottom_px', 'MChadronicBottom_py', 'MChadronicBottom_pz',
  'MCleptonicBottom_px', 'MCleptonicBottom_py', 'MCleptonicBottom_pz', 'MClepton_px', 'MClepton_py', 'MClepton_pz', 'MCleptonPDGid',
  'MCneutrino_px', 'MCneutrino_py', 'NPrimaryVertices', 'EventWeight',
];

/**
 * Each hepuq measurement runs in its own Node process (built @hepuq/io from dist) so that its peak
 * RSS (VmHWM) belongs to that one read. `make` writes the test files with hepuq's writers.
 */
const CHILD = `
const [mode, ...a] = process.argv.slice(1);
const io = await import('@hepuq/io');
const { Rng } = await import('@hepuq/core');
const { readFileSync } = await import('node:fs');
const hwm = () => Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
if (mode === 'make') {
  const [dir, n, d] = [a[0], Number(a[1]), Number(a[2])];
  const rng = new Rng(7);
  const cols = {};
  for (let j = 0; j < d; j++) cols['x' + j] = Float32Array.from({ length: n }, () => rng.normal());
  await io.writeCsv(dir + '/events.csv', cols);
  await io.writeNpy(dir + '/events.npy', cols);
  await io.writeHdf5(dir + '/events.h5', cols, { compression: 0 });
  await io.writeParquet(dir + '/events.parquet', cols);
  console.log(JSON.stringify({ ok: true }));
} else {
  const [key, path, names, optionsJson, loops] = [a[0], a[1], a[2].split(','), a[3], Number(a[4] ?? 0)];
  const fmt = io.IO_FORMATS[key]();
  const read = () => fmt.read(path, { features: names }, JSON.parse(optionsJson));
  // loops > 0: one warm-up read, then time that many (steady state of a small file)
  if (loops > 0) await read();
  const t0 = performance.now();
  let ds;
  for (let k = 0; k < Math.max(1, loops); k++) ds = await read();
  const seconds = (performance.now() - t0) / 1000;
  let checksum = 0;
  for (const v of ds.features[names[0]]) checksum += v;
  console.log(JSON.stringify({ seconds, n: ds.n * Math.max(1, loops), checksum, peakRssMiB: hwm() }));
}
`;

interface ReadResult {
  seconds: number;
  n: number;
  checksum: number;
  peakRssMiB: number;
}

function runChild<T>(args: string[]): T {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, '--', ...args], { cwd: repoRoot, maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`hepuq io child failed: ${r.stderr.toString().slice(-800)}`);
  const lines = r.stdout.toString().trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

/** Median seconds and max peak RSS over REPEATS fresh processes. */
function repeat(run: () => ReadResult): ReadResult {
  const runs = Array.from({ length: REPEATS }, run);
  return { ...runs[0], seconds: median(runs.map((r) => r.seconds)), peakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB)) };
}

function peerRead(format: string, path: string): ReadResult | null {
  try {
    return repeat(() => runPythonPeer<ReadResult>(peerScript, ['read', format, path, String(D)]));
  } catch (e) {
    console.log(`  peer ${format}: ${(e as Error).message.split('\n').pop()}`);
    return null;
  }
}

/**
 * Reading 10^6 events x 20 float32 columns per format, vs pandas/numpy/h5py reading the same file.
 * Both sides are cold processes: the timings include importing pandas/h5py and starting h5wasm.
 */
export async function bench(): Promise<BenchRecord[]> {
  const dir = await mkdtemp(join(tmpdir(), 'hepuq-bench-io-'));
  const names = Array.from({ length: D }, (_, j) => `x${j}`);
  const havePandas = ensurePythonModule('pandas', 'python3-pandas') && ensurePythonModule('tables', 'python3-tables');
  const haveH5py = ensurePythonModule('h5py', 'python3-h5py');
  try {
    runChild(['make', dir, String(N), String(D)]);
    if (havePandas) runPythonPeer(peerScript, ['make-table', join(dir, 'events.npy'), join(dir, 'table.h5'), String(D)]);
    const cases = [
      { name: 'csv', key: 'csv', file: 'events.csv', options: {}, peer: havePandas ? 'csv' : null, peerName: 'pandas.read_csv (C engine)' },
      { name: 'npy', key: 'npy', file: 'events.npy', options: { options: { columns: names } }, peer: 'npy', peerName: 'numpy.load + column copies' },
      { name: 'hdf5 datasets', key: 'hdf5', file: 'events.h5', options: {}, peer: haveH5py ? 'hdf5' : null, peerName: 'h5py' },
      { name: 'hdf5 pandas table', key: 'hdf5', file: 'table.h5', options: {}, peer: havePandas ? 'hdf5-pandas' : null, peerName: 'pandas.read_hdf' },
      { name: 'parquet', key: 'parquet', file: 'events.parquet', options: {}, peer: havePandas ? 'parquet' : null, peerName: 'pandas.read_parquet' },
    ];
    const records: BenchRecord[] = [];
    for (const c of cases) {
      const path = join(dir, c.file);
      if (c.file === 'table.h5' && !havePandas) continue;
      const ours = repeat(() => runChild<ReadResult>(['read', c.key, path, names.join(','), JSON.stringify(c.options)]));
      // the same reads after a warm-up read in one process: without start-up costs (h5wasm, jsroot)
      const warm = runChild<ReadResult>(['read', c.key, path, names.join(','), JSON.stringify(c.options), '2']);
      const peer = c.peer ? peerRead(c.peer, path) : null;
      const rate = ours.n / ours.seconds;
      const peerRate = peer ? peer.n / peer.seconds : null;
      records.push({
        name: `io read ${c.name} (${N} x ${D})`,
        unit: 'events/s',
        hepuq: rate,
        peer: peerRate,
        peerName: peer ? c.peerName : `${c.peerName} (unavailable here)`,
        ratio: peerRate ? rate / peerRate : null,
        notes: {
          hepuqPeakRssMiB: Math.round(ours.peakRssMiB),
          hepuqWarmEventsPerS: Math.round(warm.n / warm.seconds),
          ...(peer ? { peerPeakRssMiB: Math.round(peer.peakRssMiB), checksumsAgree: String(Math.abs(peer.checksum - ours.checksum) <= 1e-6 * N) } : {}),
          fileMiB: Math.round((await stat(path)).size / 2 ** 20),
        },
      });
    }
    // no ROOT writer (and no uproot) here: time jsroot on the 2421-event HZZ test file instead,
    // warm (after one read), 40 reads per process
    const root = repeat(() => runChild<ReadResult>(['read', 'root', `${HZZ}:events`, HZZ_SCALARS.join(','), '{}', '40']));
    records.push({
      name: `io read root TTree (2421 x ${HZZ_SCALARS.length}, zlib, warm)`,
      unit: 'events/s',
      hepuq: root.n / root.seconds,
      peer: null,
      peerName: 'uproot (not installable here)',
      ratio: null,
      notes: { hepuqPeakRssMiB: Math.round(root.peakRssMiB), note: 'small test file read 40 times after a warm-up read' },
    });
    return records;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
