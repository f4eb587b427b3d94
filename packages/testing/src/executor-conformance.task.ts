import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BroadcastChannel, isMainThread, threadId } from 'node:worker_threads';
import type { TaskContext } from '@hepuq/core';

/**
 * Tasks the executor conformance suite sends (executors import this module by URL, in worker threads,
 * other processes or inline). Each returns what it saw, so the suite can check order, seeds and attempts.
 */
export interface EchoResult {
  input: number;
  seed: number;
  attempt: number;
  index: number;
  threadId: number;
}

/** The channel on which worker threads that ran a task answer `ping` with their thread id. */
export const CONFORMANCE_CHANNEL = 'hepuq-testing:executor-conformance';

let listening = false;

/** In a worker thread, answer pings on CONFORMANCE_CHANNEL for as long as the thread lives. */
function answerPings(): void {
  if (isMainThread || listening) return;
  listening = true;
  const channel = new BroadcastChannel(CONFORMANCE_CHANNEL);
  channel.onmessage = (e: unknown) => {
    if ((e as { data?: unknown }).data === 'ping') channel.postMessage({ pong: threadId });
  };
  // never keeps a worker alive on its own: terminate() or the pool's own lifetime decides
  channel.unref();
}

/** Wait `input` milliseconds (so later tasks can finish first), then report the context. */
export async function echoAfter(input: number, ctx: TaskContext): Promise<EchoResult> {
  answerPings();
  await new Promise((resolve) => setTimeout(resolve, input));
  return { input, seed: ctx.seed, attempt: ctx.attempt, index: ctx.index, threadId };
}

/** Fails on the first attempt, succeeds on the second. */
export function failOnce(input: number, ctx: TaskContext): EchoResult {
  if (ctx.attempt === 1) throw new Error(`conformance task ${input} fails its first attempt`);
  return { input, seed: ctx.seed, attempt: ctx.attempt, index: ctx.index, threadId };
}

/** Always fails, with a message naming the task. */
export function alwaysFail(input: number): never {
  throw new Error(`conformance task ${input} always fails`);
}

/** What `markStart` gets: the directory in which it marks its start, and how long it then runs. */
export interface MarkStartInput {
  dir: string;
  ms: number;
}

/** Mark the start (a file `<index>-<attempt>` in `dir`), then run for `ms` milliseconds (the cancellation test). */
export async function markStart(input: MarkStartInput, ctx: TaskContext): Promise<number> {
  writeFileSync(join(input.dir, `${ctx.index}-${ctx.attempt}`), '');
  await new Promise((resolve) => setTimeout(resolve, input.ms));
  return ctx.index;
}
