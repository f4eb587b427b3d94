import { describe, expect, it } from 'vitest';
import { parseBackendName, selectBackend } from './select-backend.js';

describe('selectBackend', () => {
  it('chooses wasm when tfjs-node is not installed, and honours a forced backend', async () => {
    const auto = await selectBackend();
    expect(auto.name).toBe('wasm');
    expect(auto.forced).toBe(false);
    const cpu = await selectBackend('cpu');
    expect(cpu).toMatchObject({ name: 'cpu', forced: true });
    await selectBackend('wasm');
  });

  it('explains an unavailable forced backend and rejects unknown names', async () => {
    await expect(selectBackend('tensorflow')).rejects.toMatchObject({ code: 'BackendUnavailable' });
    expect(() => parseBackendName('gpu2')).toThrow(/not one of/);
    await selectBackend('wasm');
  });
});
