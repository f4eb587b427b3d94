import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHepuq } from './hepuq-app.js';
import { HepuqError } from '../errors/hepuq-error.js';
import { createToken } from '../di/token.js';
import type { HepuqEvent } from '../events/event-map.js';
import type { HepuqPlugin } from '../plugin/plugin.js';
import type { RunStep, RunStepInput } from '../run-step/run-step.js';
import { RegistriesToken, ReportWriterToken } from '../tokens.js';

const step = (key: string, run: RunStep['run']): RunStep => ({ key, description: key, options: z.object({}).strict(), run });

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
      plugins: [plugin('acme-a', '^0.1.0', (ctx) => ctx.steps.add('acme/l', step('acme/l', () => ({}))))],
    });
    expect(app.registries.steps.entries()[0].owner).toBe('acme-a');
    const dup = plugin('acme-b', '^0.1.0', (ctx) => ctx.steps.add('acme/l', app.registries.steps.get('acme/l')));
    await expect(app.use(dup)).rejects.toMatchObject({ code: 'DuplicateKey', plugin: 'acme-b' });
    const over = plugin('acme-c', '^0.1.0', (ctx) => ctx.steps.add('acme/l', app.registries.steps.get('acme/l'), { override: true }));
    await app.use(over);
    expect(app.registries.steps.entries()[0].owner).toBe('acme-c');
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

  it('stamps the plugin on what its entries throw and on the events they emit, sync and async', async () => {
    const seen: HepuqEvent[] = [];
    const app = await createHepuq({
      plugins: [plugin('acme-x', '^0.1.0', (ctx) => {
        ctx.steps.add('acme/bad', step('acme/bad', () => { throw new HepuqError('InvalidConfig', 'nope'); }));
        ctx.steps.add('acme/bug', step('acme/bug', async () => { throw new TypeError('undefined is not a function'); }));
        ctx.steps.add('acme/talk', step('acme/talk', ({ events }) => {
          events.emit('log:info', { message: 'hi' }, 'acme/talk');
          return {};
        }));
      })],
    });
    app.events.events$.subscribe((e) => seen.push(e));
    const input = { options: {}, events: app.events, services: app.services } as unknown as RunStepInput;
    expect(() => app.registries.steps.get('acme/bad').run(input)).toThrow(expect.objectContaining({ code: 'InvalidConfig', plugin: 'acme-x' }));
    await expect(app.registries.steps.get('acme/bug').run(input)).rejects.toMatchObject({ code: 'InternalError', plugin: 'acme-x', hint: expect.stringContaining('npm bugs acme-x') });
    await app.registries.steps.get('acme/talk').run(input);
    expect(seen).toContainEqual(expect.objectContaining({ type: 'log:info', source: 'acme/talk', plugin: 'acme-x' }));
    app.dispose();
  });

  it('isolates sync and async handler failures on errors$ under their owner', async () => {
    const app = await createHepuq();
    const errors: string[] = [];
    app.events.errors$.subscribe((e) => errors.push(`${e.owner}:${(e.error as Error).message}`));
    app.events.on('log:info', 'sync-owner', () => { throw new Error('a'); });
    app.events.on('log:info', 'async-owner', async () => { throw new Error('b'); });
    app.events.emit('log:info', { message: 'x' });
    await new Promise((r) => setTimeout(r, 0));
    expect(errors.sort()).toEqual(['async-owner:b', 'sync-owner:a']);
    app.dispose();
  });

  it('resolves services, lets a plugin provide or replace one, and names a missing one', async () => {
    const Greeting = createToken<string>('acme:greeting');
    const writer = async () => ['x'];
    const app = await createHepuq({
      services: [{ token: Greeting, value: 'from the host' }],
      host: 'test-host',
      plugins: [plugin('acme-s', '^0.1.0', (ctx) => {
        ctx.provide(Greeting, 'from acme');
        ctx.provide(ReportWriterToken, writer);
      })],
    });
    expect(app.services.resolve(Greeting)).toBe('from acme');
    expect(app.services.resolve(RegistriesToken)).toBe(app.registries);
    expect(await app.services.resolve(ReportWriterToken)('d', {} as never)).toEqual(['x']);
    expect(app.serviceProviders()).toContainEqual({ token: 'acme:greeting', owner: 'acme-s' });
    expect(() => app.services.resolve(createToken<number>('acme:nothing'))).toThrow(expect.objectContaining({ code: 'MissingService' }));
    app.dispose();
  });
});
