import type { Events } from '../events/event-bus.js';

/**
 * One independent unit of work. Tasks name a module and an exported function so they can cross
 * thread, process and machine boundaries (worker threads, a Redis queue, a Slurm array) unchanged.
 * The function receives `(input, { seed, attempt })` and returns a structured-cloneable result.
 */
export interface TaskSpec<I = unknown> {
  module: string;
  export: string;
  input: I;
  /** Per-task seed; executors derive one from the run seed and the task index when absent. */
  seed?: number;
}

export interface TaskContext {
  seed: number;
  attempt: number;
  index: number;
}

export type TaskFunction<I = unknown, R = unknown> = (input: I, ctx: TaskContext) => Promise<R> | R;

export interface MapOptions {
  /** Extra attempts for a failing task before the whole map fails (default 1). */
  retries?: number;
  signal?: AbortSignal;
}

/** Runs many independent tasks; results come back in input order. */
export interface Executor {
  readonly name: string;
  map<I, R>(tasks: TaskSpec<I>[], options?: MapOptions): Promise<R[]>;
  dispose(): Promise<void>;
}

/** Builds an executor from its options (the entry behind `executor: { use: <key> }`); validates them. */
export interface ExecutorFactory {
  readonly key: string;
  readonly description: string;
  create(options: Record<string, unknown>, ctx: { events: Events; seed: number }): Executor;
}
