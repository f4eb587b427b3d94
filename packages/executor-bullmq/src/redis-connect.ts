import { HepuqError } from '@hepuq/core';
import type { Redis } from 'ioredis';
import { PLUGIN_NAME } from './plugin-meta.js';

/**
 * `url` with its password replaced by `***`, for messages and logs.
 * @example redactUrl('redis://user:secret@db:6379') // 'redis://user:***@db:6379'
 */
export function redactUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}

/**
 * A connected Redis client for BullMQ (`maxRetriesPerRequest: null`, as its blocking commands need),
 * or an `ExecutorUnreachable` error naming `who` and the server when none answers within
 * `timeoutMs`. Only the first connection fails fast: once connected, a lost connection is retried
 * (a restarted server or a network blip does not end a run).
 * @example const redis = await connectRedis('redis://127.0.0.1:6379', { timeoutMs: 5000, who: 'executor "bullmq"' })
 */
export async function connectRedis(url: string, opts: { timeoutMs: number; who: string }): Promise<Redis> {
  const { Redis: RedisClient } = await import('ioredis');
  let connected = false;
  let lastError: Error | undefined;
  const client = new RedisClient(url, {
    lazyConnect: true,
    connectTimeout: opts.timeoutMs,
    maxRetriesPerRequest: null,
    retryStrategy: (times) => (connected ? Math.min(times * 200, 2000) : null),
  });
  // ioredis reports connection errors as events; without a listener it prints them itself
  client.on('error', (e: Error) => (lastError = e));
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    });
    await Promise.race([client.connect().then(() => client.ping()), timeout]);
    connected = true;
    return client;
  } catch (e) {
    client.disconnect();
    const reason = (lastError ?? (e as Error)).message || String(e);
    throw new HepuqError('ExecutorUnreachable', `${opts.who}: cannot reach Redis at ${redactUrl(url)}: ${reason}`, { plugin: PLUGIN_NAME, cause: e });
  } finally {
    clearTimeout(timer);
  }
}
