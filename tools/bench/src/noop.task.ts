import type { TaskContext } from '@hepuq/core';

/** An executor task that does nothing: what remains of its wall time is the executor's own overhead. */
export function noop(input: number, ctx: TaskContext): number {
  return input + ctx.index;
}
