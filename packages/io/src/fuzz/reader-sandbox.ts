// Test-only (excluded from the build): runs reads in a child process with a time bound per file.
// A synchronous infinite loop (or one inside WebAssembly) cannot be raced with a Promise in the same
// thread, and a wasm abort or runaway allocation must not take the test runner down with it.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { OpOutcome, ReadTask, WorkerReply } from './fuzz-worker.js';

const WORKER = fileURLToPath(new URL('./fuzz-worker.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** How a sandboxed task ended: its outcomes, or why there are none. */
export type TaskResult =
  | { status: 'done'; outcomes: OpOutcome[]; strays: string[] }
  | { status: 'timeout'; strays: string[] }
  | { status: 'crash'; detail: string; strays: string[] };

/**
 * One child process (tsx, so the TypeScript sources run as they are) that reads files on request.
 * After a timeout or crash the child is killed and the next task starts a fresh one.
 * @example const box = new ReaderSandbox(); const r = await box.run(task, 3000); box.close()
 */
export class ReaderSandbox {
  #child: ChildProcess | null = null;
  #ready: Promise<void> | null = null;
  #nextId = 0;
  #pending: { id: number; settle: (r: TaskResult) => void; strays: string[] } | null = null;
  /** Child processes started so far (1 + one per timeout or crash). */
  starts = 0;

  /** Start the child (loading @hepuq/core and the io plugin) within `timeoutMs`. */
  start(timeoutMs: number): Promise<void> {
    this.#ready ??= new Promise<void>((resolve, reject) => {
      this.starts++;
      const child = fork(WORKER, [], {
        cwd: REPO_ROOT,
        // tsconfig.spec.json maps @hepuq/* to their sources, as vitest's aliases do
        env: { ...process.env, TSX_TSCONFIG_PATH: `${REPO_ROOT}tsconfig.spec.json` },
        execArgv: ['--import', 'tsx', '--max-old-space-size=2048'],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`fuzz worker did not start within ${timeoutMs} ms`));
      }, timeoutMs);
      child.on('message', (m: WorkerReply) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          resolve();
        } else if (m.type === 'done' && this.#pending?.id === m.id) {
          const p = this.#pending;
          this.#pending = null;
          p.settle({ status: 'done', outcomes: m.outcomes, strays: p.strays });
        } else if (m.type === 'stray') {
          this.#pending?.strays.push(`${m.what}: ${m.message}`);
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        // a child killed after a timeout has already been replaced: its exit concerns no task
        if (this.#child !== child) return;
        this.reset();
        reject(new Error(`fuzz worker exited during start-up (${code ?? signal}): ${stderr}`));
        const p = this.#pending;
        this.#pending = null;
        p?.settle({ status: 'crash', detail: `worker exited with ${code ?? signal}: ${stderr.slice(-800)}`, strays: p.strays });
      });
      this.#child = child;
    });
    return this.#ready;
  }

  /** Run one task; a task that takes longer than `timeoutMs` kills the child and reports `timeout`. */
  async run(task: Omit<ReadTask, 'id'>, timeoutMs: number, startTimeoutMs = 60_000): Promise<TaskResult> {
    await this.start(startTimeoutMs);
    const child = this.#child!;
    const id = this.#nextId++;
    return new Promise<TaskResult>((resolve) => {
      const strays: string[] = [];
      const timer = setTimeout(() => {
        this.#pending = null;
        this.reset();
        child.kill('SIGKILL');
        resolve({ status: 'timeout', strays });
      }, timeoutMs);
      this.#pending = {
        id,
        strays,
        settle: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      child.send({ ...task, id } satisfies ReadTask);
    });
  }

  private reset(): void {
    this.#child = null;
    this.#ready = null;
  }

  /** Stop the child. */
  close(): void {
    const child = this.#child;
    this.reset();
    child?.kill('SIGKILL');
  }
}
