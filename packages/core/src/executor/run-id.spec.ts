import { describe, expect, it } from 'vitest';
import { runId, type RunTaskIdentity } from './run-id.js';

const versions = { core: '0.1.0', executor: '0.1.0' };
const module = { url: 'file:///p/node_modules/acme/dist/t.js', package: { name: 'acme', version: '1.0.0', path: 'dist/t.js' } };
const tasks = (): RunTaskIdentity[] => [0, 1, 2].map((i) => ({ module, export: 'train', seed: 10 + i, input: new Uint8Array([i, 1, 2]) }));

describe('runId', () => {
  it('is the same for the same tasks and versions (a resubmitted run finds its jobs)', () => {
    expect(runId(tasks(), versions)).toBe(runId(tasks(), { ...versions }));
    expect(runId(tasks(), versions)).toMatch(/^[0-9a-f]{20}$/);
  });

  it('changes with any input byte, seed, export, module version, version stamp or task order', () => {
    const base = runId(tasks(), versions);
    const variants = [
      tasks().map((t, i) => (i === 2 ? { ...t, input: new Uint8Array([2, 1, 3]) } : t)),
      tasks().map((t, i) => (i === 0 ? { ...t, seed: 99 } : t)),
      tasks().map((t) => ({ ...t, export: 'other' })),
      tasks().map((t) => ({ ...t, module: { ...module, package: { ...module.package, version: '1.0.1' } } })),
      tasks().reverse(),
      tasks().slice(0, 2),
    ];
    const ids = variants.map((v) => runId(v, versions));
    ids.push(runId(tasks(), { ...versions, core: '0.2.0' }));
    expect(new Set([base, ...ids]).size).toBe(ids.length + 1);
  });

  it('ignores where the package is installed (the same run from another checkout reuses results)', () => {
    const elsewhere = tasks().map((t) => ({ ...t, module: { ...module, url: 'file:///other/node_modules/acme/dist/t.js' } }));
    expect(runId(elsewhere, versions)).toBe(runId(tasks(), versions));
  });
});
