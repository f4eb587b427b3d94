import { describe, expect, it } from 'vitest';
import { EventBus } from '../events/event-bus.js';
import { LocalExecutor, LocalExecutorOptions } from './local-executor.js';

const module = new URL('./fixtures.task.ts', import.meta.url).href;
const tasks = <I>(fn: string, inputs: I[]) => inputs.map((input) => ({ module, export: fn, input }));

describe.each(['inline', 'threads'] as const)('LocalExecutor (%s)', (mode) => {
  const make = (events = new EventBus()) => new LocalExecutor(events, LocalExecutorOptions.parse({ concurrency: 2, mode, seed: 9 }));

  it('returns results in input order with reproducible per-task seeds and progress up to the total', async () => {
    const events = new EventBus();
    const done: number[] = [];
    events.events$.subscribe((e) => e.type === 'executor:task-done' && done.push(e.payload.done));
    const ex = make(events);
    const out = await ex.map<number, { value: number; seed: number }>(tasks('square', [1, 2, 3, 4, 5]));
    expect(out.map((o) => o.value)).toEqual([1, 4, 9, 16, 25]);
    expect(done).toEqual([1, 2, 3, 4, 5]);
    const again = await make().map<number, { seed: number }>(tasks('square', [1, 2, 3, 4, 5]));
    expect(again.map((o) => o.seed)).toEqual(out.map((o) => o.seed));
    expect(new Set(out.map((o) => o.seed)).size).toBe(5);
    await ex.dispose();
  });

  it('retries a task that throws once', async () => {
    const events = new EventBus();
    const retries: number[] = [];
    events.events$.subscribe((e) => e.type === 'executor:task-retry' && retries.push(e.payload.index));
    const ex = make(events);
    expect(await ex.map(tasks('failFirstAttempt', [7, 8]))).toEqual([7, 8]);
    expect(retries.sort()).toEqual([0, 1]);
    await ex.dispose();
  });

  it('fails the map with the message of a task that always throws', async () => {
    const ex = make();
    const err = await ex.map(tasks('alwaysFail', [1, 2, 3]), { retries: 2 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TaskFailed' });
    expect((err as Error).message).toMatch(/task \d+ is broken/);
    expect((err as Error).message).toContain('after 3 attempts');
    await ex.dispose();
  });

  it('runs tensor code (the backend is initialised in each worker)', async () => {
    const ex = make();
    expect(await ex.map(tasks('tensorSum', [[1, 2], [3, 4, 5]]))).toEqual([3, 12]);
    await ex.dispose();
  });
});
