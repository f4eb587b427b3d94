import { countBalls } from './ball-counts.js';
import { TILE_WORDS, type TileKernel, type TileMatrix } from './distance-tiles.js';
import { emptyBest, foldUpperTiles } from './k-best.js';
import { simdDistanceKernel } from './simd-distance.kernel.js';
import type { RowRange } from './work-split.js';

/** Where a `TileMatrix` lies in the shared buffer: byte offsets of its feature-major copy and its norms. */
export interface SharedMatrix {
  t: number;
  norms: number;
  n: number;
  nPadded: number;
  d: number;
}

/**
 * The memory a batch's threads share: both matrices and one output tile per thread. `memory` is a
 * shared WebAssembly memory (the SIMD kernel computes in it, `buffer` is its buffer), or null where
 * shared memory or SIMD is unavailable (then `buffer` is a plain SharedArrayBuffer and the JavaScript
 * kernel runs, with the same bits).
 */
export interface SharedTiles {
  memory: WebAssembly.Memory | null;
  buffer: SharedArrayBuffer;
  real: SharedMatrix;
  fake: SharedMatrix;
  /** Byte offset of this thread's output tile (TILE_WORDS doubles). */
  out: number;
}

/** One job of a thread: its part of both self passes (k best per row), or its rows of the cross pass. */
export type KnnJob =
  | { op: 'radii'; tiles: SharedTiles; k: number; real: RowRange; fake: RowRange }
  | { op: 'balls'; tiles: SharedTiles; realR2: Float64Array; fakeR2: Float64Array; held: Int32Array; inFake: Uint8Array; rows: RowRange };

/** A thread's answer: its k-best buffers (n x k, m x k), its per-generated-event counts, or its error. */
export type KnnReply =
  | { ok: true; op: 'radii'; real: Float64Array; fake: Float64Array }
  | { ok: true; op: 'balls'; count: Int32Array }
  | { ok: false; message: string };

/** The descriptor of a matrix whose arrays are views into `buffer`. */
export function sharedMatrix(m: TileMatrix, buffer: SharedArrayBuffer): SharedMatrix {
  if (m.t.buffer !== buffer || m.norms.buffer !== buffer) throw new RangeError('knn threads: the matrix does not lie in the shared buffer');
  return { t: m.t.byteOffset, norms: m.norms.byteOffset, n: m.n, nPadded: m.nPadded, d: m.d };
}

/** The matrices as views into the shared buffer (no copies) and the kernel that reads them in place. */
function openTiles(tiles: SharedTiles): { real: TileMatrix; fake: TileMatrix; kernel: TileKernel } {
  const view = (m: SharedMatrix): TileMatrix => ({
    n: m.n, nPadded: m.nPadded, d: m.d,
    t: new Float64Array(tiles.buffer, m.t, m.d * m.nPadded),
    norms: new Float64Array(tiles.buffer, m.norms, m.nPadded),
  });
  const simd = tiles.memory ? simdDistanceKernel(tiles.memory) : null;
  const kernel: TileKernel = simd ? { kernel: simd, out: new Float64Array(tiles.buffer, tiles.out, TILE_WORDS) } : 'js';
  return { real: view(tiles.real), fake: view(tiles.fake), kernel };
}

/**
 * Run one job where it is received (a worker thread), with the same tile functions as the
 * in-process path; the reply's buffers are to be transferred, not copied.
 * @example const { reply, transfer } = runKnnJob(job); parentPort.postMessage(reply, transfer);
 */
export function runKnnJob(job: KnnJob): { reply: KnnReply; transfer: ArrayBuffer[] } {
  const { real, fake, kernel } = openTiles(job.tiles);
  if (job.op === 'radii') {
    const bestReal = emptyBest(real.n, job.k);
    const bestFake = emptyBest(fake.n, job.k);
    foldUpperTiles(real, job.k, bestReal, kernel, ...job.real);
    foldUpperTiles(fake, job.k, bestFake, kernel, ...job.fake);
    return { reply: { ok: true, op: 'radii', real: bestReal, fake: bestFake }, transfer: [bestReal.buffer, bestFake.buffer] };
  }
  const count = new Int32Array(fake.n);
  countBalls(real, fake, job.realR2, job.fakeR2, { count, held: job.held, inFake: job.inFake }, kernel, ...job.rows);
  return { reply: { ok: true, op: 'balls', count }, transfer: [count.buffer] };
}
