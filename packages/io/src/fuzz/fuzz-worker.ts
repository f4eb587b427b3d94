// Test-only (excluded from the build): the child process of reader-sandbox.ts. It reads the files it
// is sent with the formats @hepuq/io registers and reports how each call ended. A read that loops or
// aborts takes this process down, not the test runner; the parent kills it after a time bound.
import { createHepuq, isHepuqError, type ColumnSelection, type ReadOptions } from '@hepuq/core';
import { formatForPath, io } from '../index.js';
import { isHandledJsrootRejection } from '../root/jsroot-guard.js';

/** A read job: `columns` and/or `read` of one file. */
export interface ReadTask {
  id: number;
  spec: string;
  selection: ColumnSelection;
  options?: ReadOptions;
  ops: readonly ('columns' | 'read')[];
}

/** How one call ended: a Dataset (its row count, every column's length and sum), a column list, or an error. */
export type OpOutcome =
  | { op: 'read'; ok: true; n: number; lengths: number[]; sums: number[] }
  | { op: 'columns'; ok: true; columns: string[] }
  | { op: 'read' | 'columns'; ok: false; hepuq: true; code: string; plugin?: string; message: string }
  | { op: 'read' | 'columns'; ok: false; hepuq: false; name: string; message: string; stack?: string };

/** What the worker sends back: one task's outcomes, or something that escaped every call. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'done'; id: number; outcomes: OpOutcome[] }
  | { type: 'stray'; id: number | null; what: string; message: string; stack?: string };

function failure(op: 'read' | 'columns', e: unknown): OpOutcome {
  if (isHepuqError(e)) return { op, ok: false, hepuq: true, code: e.code, plugin: e.plugin, message: e.message };
  const err = e instanceof Error ? e : new Error(String(e));
  return { op, ok: false, hepuq: false, name: err.name, message: err.message, stack: err.stack };
}

const send = (reply: WorkerReply) => process.send?.(reply);
let current: number | null = null;
// A rejection nobody awaits (a library's stray promise) is a bug even when the call itself settled.
process.on('unhandledRejection', (e) => {
  // jsroot drops a promise on damaged baskets; hepuq's guard turned it into the read's error already
  if (isHandledJsrootRejection(e)) return;
  const err = e instanceof Error ? e : new Error(String(e));
  send({ type: 'stray', id: current, what: 'unhandled rejection', message: err.message, stack: err.stack });
});
process.on('uncaughtException', (err) => {
  send({ type: 'stray', id: current, what: 'uncaught exception', message: err.message, stack: err.stack });
});

const app = await createHepuq({ backend: 'cpu', plugins: [io()] });

async function run(task: ReadTask): Promise<OpOutcome[]> {
  const outcomes: OpOutcome[] = [];
  for (const op of task.ops) {
    try {
      const fmt = formatForPath(app.registries, task.spec);
      if (op === 'columns') {
        if (fmt.columns) outcomes.push({ op, ok: true, columns: await fmt.columns(task.spec, task.options) });
      } else {
        const ds = await fmt.read(task.spec, task.selection, task.options);
        const cols = [...ds.allColumns()].map(([, c]) => c);
        outcomes.push({ op, ok: true, n: ds.n, lengths: cols.map((c) => c.length), sums: cols.map((c) => c.reduce((a, v) => a + v, 0)) });
      }
    } catch (e) {
      outcomes.push(failure(op, e));
    }
  }
  return outcomes;
}

process.on('message', (task: ReadTask) => {
  current = task.id;
  void run(task).then((outcomes) => {
    // let a stray rejection of this task surface before the parent moves on
    setImmediate(() => {
      send({ type: 'done', id: task.id, outcomes });
      current = null;
    });
  });
});
send({ type: 'ready' });
