import { Worker } from 'node:worker_threads';
import { Rng } from '@hepuq/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { batchMatrices } from '../metrics/prdc-batch.js';
import { prdc } from '../metrics/prdc.metric.js';
import { featureSample, type FeatureSample } from '../sample/feature-sample.js';
import { KnnThreads } from './knn-threads.js';
import { prdcCounts, type PrdcCounts } from './prdc-counts.js';
import { sharedKernelMemory } from './simd-distance.kernel.js';

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/**
 * 3001 reference vs 1999 generated events in 7-d: sizes that are multiples of neither tile side, so
 * every split (12 self-pass blocks of 256 rows, 47 cross-pass blocks of 64) ends in partial tiles; a
 * few exact duplicates make ties at distance 0 that a split must not change.
 */
function samples(): { ref: FeatureSample; gen: FeatureSample } {
  const rng = new Rng(17), d = 7;
  const x = Float64Array.from({ length: 3001 * d }, () => rng.normal());
  const y = Float64Array.from({ length: 1999 * d }, () => rng.normal(0.2, 1.3));
  x.copyWithin(2900 * d, 5 * d, 6 * d); // a duplicate across the two halves of the first split
  x.copyWithin(7 * d, 5 * d, 6 * d);
  y.copyWithin(1998 * d, 3 * d, 4 * d);
  return { ref: featureSample(x, d, { source: 'ref' }), gen: featureSample(y, d, { source: 'gen' }) };
}

/** Every worker handed a job (postMessage spied on, then `afterPost`), to check that each one has exited. */
function watchWorkers(afterPost = () => {}): Set<Worker> {
  const workers = new Set<Worker>();
  const post = Worker.prototype.postMessage;
  vi.spyOn(Worker.prototype, 'postMessage').mockImplementation(function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
    workers.add(this);
    post.apply(this, args);
    afterPost();
  });
  return workers;
}
const allExited = (workers: Set<Worker>) => workers.size > 0 && [...workers].every((w) => w.threadId === -1);

afterEach(() => vi.restoreAllMocks());

describe('KnnThreads', () => {
  const { ref, gen } = samples();
  const shape = { n: ref.n, m: gen.n, d: ref.d };
  const build = (alloc?: (length: number) => Float64Array) => batchMatrices(ref, all(ref.n), gen, all(gen.n), alloc);
  const expectSameBits = (a: PrdcCounts, b: PrdcCounts) => {
    for (const key of ['realR2', 'fakeR2', 'count', 'held', 'inFake'] as const) expect(bytes(a[key]).equals(bytes(b[key])), key).toBe(true);
  };

  it.each([2, 3])('gives the radii and ball counts of the in-process pass bit for bit (%i threads), and terminates its threads', async (threads) => {
    expect(sharedKernelMemory(8)).not.toBeNull(); // Node >= 16 has shared memory and SIMD: the threads must run the SIMD kernel in place
    const { real, fake } = build();
    const one = prdcCounts(real, fake, 5);
    const workers = watchWorkers();
    const pool = new KnnThreads(threads);
    try {
      expectSameBits(await pool.prdcCounts(shape, 5, build), one);
      // k = 1 makes the duplicates' radii 0: ties decided the same way on every split
      expectSameBits(await pool.prdcCounts(shape, 1, build), prdcCounts(real, fake, 1));
    } finally {
      await pool.close();
    }
    expect(workers.size).toBe(threads);
    expect(allExited(workers)).toBe(true);
  });

  it('rejects with TaskFailed naming the failing thread\'s error, and stops every thread', async () => {
    const workers = watchWorkers();
    const pool = new KnnThreads(2);
    // a shape larger than the matrices built: the threads' row ranges run past the rows
    const err = await pool.prdcCounts({ ...shape, n: ref.n + 600 }, 5, build).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TaskFailed', message: expect.stringMatching(/distance thread failed: .*rows/), hint: expect.stringMatching(/--prdc-threads 1/) });
    await pool.close();
    expect(allExited(workers)).toBe(true);
  });
});

describe('prdc on worker threads', () => {
  const { ref, gen } = samples();

  it('equals the one-thread result exactly: full samples, both orders, and batches sharing one pool', async () => {
    for (const [a, b] of [[ref, gen], [gen, ref]]) {
      expect(await prdc(a, b, { k: 5, threads: 3 })).toEqual(await prdc(a, b, { k: 5, threads: 1 }));
    }
    const batched = { batchSize: 900, seed: 4 };
    const r = await prdc(ref, gen, { ...batched, threads: 2 });
    expect(r.batches).toBe(2);
    expect(r).toEqual(await prdc(ref, gen, { ...batched, threads: 1 }));
  });

  it('stops with Interrupted when its signal aborts while the threads compute, and terminates them', async () => {
    const controller = new AbortController();
    // abort right after the first job is handed to a thread: deterministic, whatever the machine's speed
    const workers = watchWorkers(() => controller.abort());
    await expect(prdc(ref, gen, { threads: 2 }, { signal: controller.signal })).rejects.toMatchObject({ code: 'Interrupted' });
    expect(allExited(workers)).toBe(true);
    // an already aborted signal starts no thread
    await expect(prdc(ref, gen, { threads: 2 }, { signal: controller.signal })).rejects.toMatchObject({ code: 'Interrupted' });
  });
});
