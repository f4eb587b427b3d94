import { describe, expect, it } from 'vitest';
import { measureGenerationTime } from './generation-timing.js';

describe('measureGenerationTime', () => {
  it('calls the generator with each batch size (warm-up first) and reports a time per event', async () => {
    const calls: number[] = [];
    const r = await measureGenerationTime((n) => {
      calls.push(n);
      let s = 0;
      for (let i = 0; i < n * 1000; i++) s += Math.sqrt(i);
      return s;
    }, { batchSizes: [1, 50], repeats: 3, warmup: 1 });
    expect(calls).toEqual([1, 1, 1, 1, 50, 50, 50, 50]);
    expect(r.points.map((p) => p.batchSize)).toEqual([1, 50]);
    for (const p of r.points) {
      expect(p.msPerEvent).toBeGreaterThan(0);
      expect(p.error).toBeGreaterThanOrEqual(0);
    }
    expect(r.points).toContain(r.best);
  });

  it('rejects a generator that is not a function', async () => {
    await expect(measureGenerationTime(42 as never)).rejects.toThrow(/must be a function/);
  });
});
