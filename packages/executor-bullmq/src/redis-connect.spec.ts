import { describe, expect, it } from 'vitest';
import { redactUrl } from './redis-connect.js';

// connectRedis itself runs against a real server (and a closed port) in bullmq-executor.spec.ts
describe('redactUrl', () => {
  it('hides a password and leaves the rest', () => {
    expect(redactUrl('redis://user:s3cret@db:6379/2')).toBe('redis://user:***@db:6379/2');
    expect(redactUrl('rediss://:s3cret@db:6380')).toBe('rediss://:***@db:6380');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
