import type { TaskContext } from './executor.js';

/** Test tasks for the executor (imported by worker threads through their module URL). */
export function square(input: number, ctx: TaskContext): { value: number; seed: number; attempt: number } {
  return { value: input * input, seed: ctx.seed, attempt: ctx.attempt };
}

export function failFirstAttempt(input: number, ctx: TaskContext): number {
  if (ctx.attempt === 1) throw new Error(`flaky task ${input}`);
  return input;
}

export function alwaysFail(input: number): number {
  throw new Error(`task ${input} is broken`);
}

export async function tensorSum(input: number[]): Promise<number> {
  const tf = await import('@tensorflow/tfjs');
  const t = tf.tensor1d(input);
  const s = (await t.sum().data())[0];
  t.dispose();
  return s;
}
