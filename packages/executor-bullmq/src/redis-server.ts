import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway Redis server: its URL, and `stop` (which also removes its directory). */
export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** The redis-server binary: HEPUQ_REDIS_SERVER, else the one on PATH. */
function redisBinary(): string {
  const configured = process.env.HEPUQ_REDIS_SERVER;
  if (configured) return configured;
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!found) {
    throw new Error('redis-server is not installed: run `bash packages/executor-bullmq/scripts/ensure-redis.sh` (Debian: apt-get install -y redis-server), or set HEPUQ_REDIS_SERVER to its path');
  }
  return found;
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Start redis-server on `port`; resolves once it accepts connections, rejects when it exits first. */
function launch(binary: string, port: number, dir: string): Promise<ReturnType<typeof spawn>> {
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'notice'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not get ready within 10 s on port ${port}:\n${log}`));
    }, 10_000);
    const onData = (d: Buffer) => {
      log += d.toString();
      if (/Ready to accept connections/i.test(log)) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with code ${code} before it was ready on port ${port}:\n${log}`));
    });
  });
}

/**
 * Start a throwaway `redis-server` (tests, benchmarks, trying the executor out on one machine): on
 * 127.0.0.1 at a random free port, without persistence, in a temporary directory; killed when
 * `stop` is called or this process exits. Throws with the install command when redis-server is
 * missing (`scripts/ensure-redis.sh` installs Debian's package).
 * @example const redis = await startRedisServer(); ...; await redis.stop();
 */
export async function startRedisServer(): Promise<RedisServer> {
  const binary = redisBinary();
  const dir = mkdtempSync(join(tmpdir(), 'hepuq-redis-'));
  let lastError: unknown;
  // another process may take the free port between the probe and redis binding it: try again
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    try {
      const child = await launch(binary, port, dir);
      const kill = () => child.kill('SIGKILL');
      process.once('exit', kill);
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        stop: async () => {
          process.off('exit', kill);
          if (child.exitCode === null) {
            const exited = new Promise((r) => child.once('exit', r));
            child.kill('SIGTERM');
            await exited;
          }
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (e) {
      lastError = e;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError;
}
