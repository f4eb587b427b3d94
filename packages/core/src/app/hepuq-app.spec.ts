import { describe, expect, it } from 'vitest';
import { createHepuq } from './hepuq-app.js';
import { HepuqError } from '../errors/hepuq-error.js';
import type { HepuqPlugin } from '../plugin/plugin.js';

const plugin = (name: string, core = '^0.1.0', register: HepuqPlugin['register'] = () => {}): HepuqPlugin => ({
  meta: { name, version: '1.0.0', core },
  register,
});

describe('createHepuq', () => {
  it('selects the wasm backend by default and loads core built-ins', async () => {
    const app = await createHepuq({ seed: 3 });
    expect(app.backend.name).toBe('wasm');
    expect(app.plugins().map((p) => p.name)).toContain('@hepuq/core');
    app.dispose();
  });

  it('attributes registry entries to the plugin and rejects duplicates unless override', async () => {
    const app = await createHepuq({
      plugins: [plugin('acme-a', '^0.1.0', (ctx) => ctx.losses.add('acme/l', { key: 'acme/l', description: '', inputs: [], compute: () => { throw new Error(); } }))],
    });
    expect(app.registries.losses.entries()[0].owner).toBe('acme-a');
    const dup = plugin('acme-b', '^0.1.0', (ctx) => ctx.losses.add('acme/l', app.registries.losses.get('acme/l')));
    await expect(app.use(dup)).rejects.toMatchObject({ code: 'DuplicateKey', plugin: 'acme-b' });
    const over = plugin('acme-c', '^0.1.0', (ctx) => ctx.losses.add('acme/l', app.registries.losses.get('acme/l'), { override: true }));
    await app.use(over);
    expect(app.registries.losses.entries()[0].owner).toBe('acme-c');
    app.dispose();
  });

  it('fails with a clear error naming a plugin built for another core', async () => {
    const err = await createHepuq({ plugins: [plugin('old-plugin', '^9.0.0')] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HepuqError);
    expect(err).toMatchObject({ code: 'IncompatiblePlugin', plugin: 'old-plugin' });
  });

  it('rejects objects that are not plugins', async () => {
    const err = await createHepuq({ plugins: [{ name: 'x' } as unknown as HepuqPlugin] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'InvalidPlugin' });
  });

  it('gives each app its own registries', async () => {
    const a = await createHepuq();
    const b = await createHepuq();
    a.registries.metrics.add('acme/m', {} as never);
    expect(b.registries.metrics.has('acme/m')).toBe(false);
    a.dispose();
    b.dispose();
  });
});
