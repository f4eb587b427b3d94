import { Rng, type TaskContext } from '@hepuq/core';

/** Test tasks for the executor specs (workers import this module by URL). */

/** `n` values drawn from the task's seed: a large, reproducible result. */
export function seededArray(input: { n: number }, ctx: TaskContext): Float32Array {
  const rng = new Rng(ctx.seed);
  const out = new Float32Array(input.n);
  for (let i = 0; i < input.n; i++) out[i] = rng.normal();
  return out;
}

/** What arrived of a (large) input: its length, its sum and the attempt. */
export function summarise(input: Float32Array, ctx: TaskContext): { length: number; sum: number; attempt: number } {
  let sum = 0;
  for (const v of input) sum += v;
  return { length: input.length, sum, attempt: ctx.attempt };
}

/** Wait `ms`, then report the context. */
export async function sleep(input: { ms: number; tag?: number }, ctx: TaskContext): Promise<TaskContext & { tag?: number }> {
  await new Promise((resolve) => setTimeout(resolve, input.ms));
  return { ...ctx, tag: input.tag };
}

/** Fails its first attempt. */
export function failOnce(input: number, ctx: TaskContext): TaskContext & { input: number } {
  if (ctx.attempt === 1) throw new Error(`fixture task ${input} fails its first attempt`);
  return { ...ctx, input };
}
