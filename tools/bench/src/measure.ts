import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Peak resident set size of this process so far, in MiB (Linux: VmHWM). */
export function peakRssMiB(): number {
  try {
    const status = spawnSync('cat', [`/proc/${process.pid}/status`]).stdout.toString();
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    if (Number.isFinite(kb)) return kb / 1024;
  } catch {
    // fall through
  }
  return process.memoryUsage().rss / 2 ** 20;
}

const SYSTEM_PYTHON = '/usr/bin/python3';

/**
 * Make sure a Debian Python package is importable by /usr/bin/python3, installing it with apt if
 * needed (benchmarks only; tests never depend on Python). Returns false when it cannot be had.
 */
export function ensurePythonModule(module: string, debianPackage: string): boolean {
  const probe = () => existsSync(SYSTEM_PYTHON) && spawnSync(SYSTEM_PYTHON, ['-c', `import ${module}`]).status === 0;
  if (probe()) return true;
  console.log(`  installing ${debianPackage} for the peer benchmark ...`);
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  spawnSync('apt-get', ['install', '-y', '-qq', debianPackage], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return probe();
}

/** Run a peer script with /usr/bin/python3 and parse the JSON it prints last. */
export function runPythonPeer<T>(script: string, args: string[], env: Record<string, string> = {}): T {
  const r = spawnSync(SYSTEM_PYTHON, [script, ...args], { env: { ...process.env, ...env }, maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`peer ${script} failed: ${r.stderr.toString().slice(-500)}`);
  const lines = r.stdout.toString().trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

/**
 * A PyTorch peer's training rate (its JSON `steps_per_s`), the best of 1 and 2 threads, with both
 * rates as a note (`1t=.. 2t=..`); null when torch cannot be had.
 */
export function torchStepsPerSecond(script: string, args: (threads: number) => string[]): { rate: number | null; threads: string } {
  if (!ensurePythonModule('torch', 'python3-torch')) return { rate: null, threads: 'n/a' };
  const runs = [1, 2].map((t) => ({ t, rate: runPythonPeer<{ steps_per_s: number }>(script, args(t)).steps_per_s }));
  return { rate: Math.max(...runs.map((r) => r.rate)), threads: runs.map((r) => `${r.t}t=${r.rate.toFixed(0)}`).join(' ') };
}
