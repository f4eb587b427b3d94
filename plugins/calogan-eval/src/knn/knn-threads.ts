import { Worker } from 'node:worker_threads';
import { HepuqError } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { TILE_WORDS, tileMatrixWords, type TileMatrix } from './distance-tiles.js';
import { mergeBest } from './k-best.js';
import { sharedMatrix, type KnnJob, type KnnReply, type SharedTiles } from './knn-jobs.js';
import type { PrdcCounts } from './prdc-counts.js';
import { sharedKernelMemory } from './simd-distance.kernel.js';
import { crossRanges, selfRanges } from './work-split.js';

/** Sizes of one batch: n reference and m generated events in d dimensions. */
export interface BatchShape {
  n: number;
  m: number;
  d: number;
}

/** Builds a batch's two tile matrices with `alloc` (see `tileMatrix`), so they land in the shared memory. */
export type BuildMatrices = (alloc: (length: number) => Float64Array) => { real: TileMatrix; fake: TileMatrix };

const HINT = 'A PRDC distance thread failed; `--prdc-threads 1` (`prdc: { threads: 1 }`) computes the same numbers in the main thread.';

/** The worker entry: from TypeScript sources (vitest, tsx) it registers the tsx loader first; from dist it is plain JS. */
function startWorker(): Worker {
  if (import.meta.url.endsWith('.ts')) {
    const entry = new URL('./knn.worker.ts', import.meta.url).href;
    return new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
  }
  return new Worker(new URL('./knn.worker.js', import.meta.url));
}

/**
 * Worker threads for PRDC's exact k-NN: each batch's matrices are written once into one shared
 * memory (a shared WebAssembly memory the SIMD kernel computes in from every thread), the self
 * passes are split into contiguous row blocks of equal pair counts, the cross pass into contiguous
 * rows of the reference. Every pair's squared distance is the same arithmetic as in one thread, and
 * what is combined (k smallest values, integer counts) does not depend on the split, so
 * `prdcCounts` equals the in-process `prdcCounts` bit for bit. `close()` terminates the threads; an
 * abort of `signal` or a failing thread terminates them at once and rejects with `Interrupted` /
 * `TaskFailed`.
 * @example const pool = new KnnThreads(2, signal); try { counts = await pool.prdcCounts(shape, 5, build); } finally { await pool.close(); }
 */
export class KnnThreads {
  readonly #workers: Worker[];
  readonly #pending = new Map<Worker, { resolve: (r: KnnReply) => void; reject: (e: unknown) => void }>();
  readonly #signal?: AbortSignal;
  #failure: HepuqError | undefined;
  #closing: Promise<void> | undefined;

  constructor(readonly threads: number, signal?: AbortSignal) {
    if (signal?.aborted) throw prdcInterrupted();
    this.#signal = signal;
    signal?.addEventListener('abort', this.#onAbort, { once: true });
    this.#workers = Array.from({ length: threads }, () => this.#start());
  }

  readonly #onAbort = () => this.#fail(prdcInterrupted());

  #start(): Worker {
    const worker = startWorker();
    worker.on('message', (reply: KnnReply) => {
      const call = this.#pending.get(worker);
      if (reply.ok) {
        this.#pending.delete(worker);
        call?.resolve(reply);
      } else this.#fail(new HepuqError('TaskFailed', `prdc: a distance thread failed: ${reply.message}`, { plugin: PLUGIN_NAME, hint: HINT }));
    });
    worker.on('error', (e) => this.#fail(new HepuqError('TaskFailed', `prdc: a distance thread failed: ${e.message}`, { plugin: PLUGIN_NAME, hint: HINT, cause: e })));
    worker.on('exit', (code) => {
      if (!this.#closing) this.#fail(new HepuqError('TaskFailed', `prdc: a distance thread exited with code ${code}`, { plugin: PLUGIN_NAME, hint: HINT }));
    });
    return worker;
  }

  /** Reject every pending job with the first failure and stop all threads. */
  #fail(e: HepuqError): void {
    this.#failure ??= e;
    for (const call of this.#pending.values()) call.reject(this.#failure);
    this.#pending.clear();
    void this.close();
  }

  #call(i: number, job: KnnJob): Promise<KnnReply> {
    if (this.#failure) return Promise.reject(this.#failure);
    const worker = this.#workers[i];
    return new Promise((resolve, reject) => {
      this.#pending.set(worker, { resolve, reject });
      worker.postMessage(job);
    });
  }

  /**
   * Radii and ball counts of one batch, equal bit for bit to the in-process `prdcCounts` of the
   * matrices `build` makes (it is handed an allocator into the shared memory; it must use it).
   */
  async prdcCounts(shape: BatchShape, k: number, build: BuildMatrices): Promise<PrdcCounts> {
    const { n, m, d } = shape;
    const threads = this.#workers.length;
    const words = tileMatrixWords(n, d) + tileMatrixWords(m, d) + threads * TILE_WORDS;
    const memory = sharedKernelMemory(8 * words);
    const buffer = memory ? (memory.buffer as unknown as SharedArrayBuffer) : new SharedArrayBuffer(8 * words);
    let at = 0;
    const alloc = (length: number) => {
      const view = new Float64Array(buffer, 8 * at, length);
      at += length;
      return view;
    };
    const { real, fake } = build(alloc);
    const tiles = (i: number): SharedTiles => ({ memory, buffer, real: sharedMatrix(real, buffer), fake: sharedMatrix(fake, buffer), out: 8 * (at + i * TILE_WORDS) });
    // self passes: each thread its share of both triangles; the k smallest of the shares' k smallest per row
    const selfReal = selfRanges(n, threads), selfFake = selfRanges(m, threads);
    const radii = await Promise.all(this.#workers.map((_, i) => this.#call(i, { op: 'radii', tiles: tiles(i), k, real: selfReal[i], fake: selfFake[i] })));
    const best = (key: 'real' | 'fake') => radii.map((r) => (r.ok && r.op === 'radii' ? r[key] : new Float64Array(0)));
    const realR2 = mergeBest(best('real'), n, k, sharedArray(Float64Array, n));
    const fakeR2 = mergeBest(best('fake'), m, k, sharedArray(Float64Array, m));
    // cross pass: each thread its reference rows against all generated events; counts per generated event add up
    const held = sharedArray(Int32Array, n), inFake = sharedArray(Uint8Array, n);
    const rows = crossRanges(n, threads);
    const balls = await Promise.all(this.#workers.map((_, i) => this.#call(i, { op: 'balls', tiles: tiles(i), realR2, fakeR2, held, inFake, rows: rows[i] })));
    const count = new Int32Array(m);
    for (const r of balls) {
      if (!r.ok || r.op !== 'balls') continue;
      for (let j = 0; j < m; j++) count[j] += r.count[j];
    }
    return { realR2, fakeR2, count, held, inFake };
  }

  /** Terminate every thread (a job still running rejects); resolves once all have exited (the same promise on every call). */
  close(): Promise<void> {
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#failure ??= new HepuqError('TaskFailed', 'prdc: the distance threads were closed', { plugin: PLUGIN_NAME, hint: HINT });
    for (const call of this.#pending.values()) call.reject(this.#failure);
    this.#pending.clear();
    this.#closing ??= Promise.all(this.#workers.map((w) => w.terminate())).then(() => undefined);
    return this.#closing;
  }
}

/** The error of a PRDC stopped by its abort signal. */
export function prdcInterrupted(): HepuqError {
  return new HepuqError('Interrupted', 'prdc stopped: the run was aborted', { plugin: PLUGIN_NAME });
}

/** A zeroed typed array over a SharedArrayBuffer: posted to the threads, it is shared, not copied. */
function sharedArray<T extends Float64Array | Int32Array | Uint8Array>(type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, length: number): T {
  return new type(new SharedArrayBuffer(length * type.BYTES_PER_ELEMENT));
}
