import { createHepuq, HepuqError, type HepuqPlugin } from '@hepuq/core';
import { describe, expect, it } from 'vitest';

export interface PluginConformanceOptions {
  /** The plugin factory. */
  factory: (options?: unknown) => HepuqPlugin;
  /** package.json of the plugin, to check meta.name and meta.version. */
  packageJson: { name: string; version: string };
  /** Options the factory must reject, each with the field its error must name. */
  invalidOptions?: { options: unknown; field: string }[];
}

/**
 * The contract every plugin must meet: meta matches package.json, registration works in a fresh app
 * and adds at least one entry, bad options are rejected in the factory with `InvalidPluginOptions`
 * naming the plugin and the field, and registering twice is refused.
 */
export function describePluginConformance(c: PluginConformanceOptions): void {
  describe(`plugin conformance: ${c.packageJson.name}`, () => {
    it('meta matches package.json and names a core range', () => {
      const { meta } = c.factory();
      expect(meta.name).toBe(c.packageJson.name);
      expect(meta.version).toBe(c.packageJson.version);
      expect(meta.core).toMatch(/\d+\.\d+/);
    });

    it('registers entries attributed to the plugin in a fresh app', async () => {
      const app = await createHepuq({ plugins: [c.factory()] });
      const owned = Object.values(app.registries.all()).flatMap((r) => r.entries()).filter((e) => e.owner === c.packageJson.name);
      expect(owned.length).toBeGreaterThan(0);
      for (const e of owned) expect(e.key).toMatch(/^(?:[a-z0-9][a-z0-9-]*\/)?[a-z0-9][a-z0-9.-]*$/);
      await expect(app.use(c.factory())).rejects.toBeInstanceOf(HepuqError);
      app.dispose();
    });

    for (const bad of c.invalidOptions ?? []) {
      it(`rejects invalid option "${bad.field}" in the factory`, () => {
        let err: unknown;
        try {
          c.factory(bad.options);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(HepuqError);
        expect(err).toMatchObject({ code: 'InvalidPluginOptions', plugin: c.packageJson.name });
        expect((err as HepuqError).message).toContain(bad.field);
      });
    }
  });
}
