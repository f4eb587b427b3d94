import { createHepuq, Rng, type HepuqApp, type HepuqPlugin, type RunStep, type RunStepInput } from '@hepuq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJsonRoundTrip, snapshot, UNKNOWN_KEY, withUnknownKey, zodErrorText } from './conformance-helpers.js';
import { syntheticRun } from './synthetic-run.js';

/** What a run hands a step besides its options and generator. */
export type RunStepFixture = Omit<RunStepInput, 'options' | 'rng' | 'services' | 'events'>;

export interface RunStepConformanceOptions {
  step: RunStep;
  /** Valid raw options, as a run config's `options:` holds them (parsed by `step.options`). */
  options: unknown;
  /** The finished run the step follows; default `syntheticRun` of the step's first task (regression). */
  run?: () => RunStepFixture | Promise<RunStepFixture>;
  /** Plugins of the app whose services, events and registries the step gets (core's are always there). */
  plugins?: () => HepuqPlugin[];
  /** Options the schema must reject, each with the key its error must name. */
  invalidOptions?: readonly { options: unknown; field: string }[];
  /** Seed of the step's generator (default 7). */
  seed?: number;
  /** Result fields that may differ between identical runs (wall-clock timings), each with the reason; dotted paths. */
  volatile?: readonly { path: string; reason: string }[];
  /**
   * Known contract violations, each with its reason or issue: their checks run as `it.fails`, so the
   * suite stays green while they are open and turns red once fixed (then drop the entry).
   */
  knownIssues?: {
    /** The result holds values JSON does not keep (NaN, Infinity, typed arrays). */
    json?: string;
  };
}

/** `value` without the fields at the dotted `paths`. */
function without(value: unknown, paths: readonly string[]): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  for (const path of paths) {
    const keys = path.split('.');
    let at: Record<string, unknown> | undefined = copy;
    for (const k of keys.slice(0, -1)) at = at?.[k] as Record<string, unknown> | undefined;
    if (at) delete at[keys[keys.length - 1]];
  }
  return copy;
}

/**
 * The contract every run step must meet: a strict options schema (unknown keys and bad values are
 * rejected with issues naming the key, before a run trains anything); `run` returns a record that
 * survives the JSON round trip into steps.json, identical for the same seed (but for declared
 * `volatile` fields such as timings), and leaves the run's data and prediction intact.
 * @example describeRunStepConformance({ step: app.registries.steps.get('acme/closure'), options: { bins: 5 }, invalidOptions: [{ options: { bins: 1 }, field: 'bins' }] })
 */
export function describeRunStepConformance(c: RunStepConformanceOptions): void {
  const { step } = c;
  let app: HepuqApp;
  const fixture = async (): Promise<RunStepFixture> => {
    if (c.run) return c.run();
    const task = step.tasks?.[0] ?? 'regression';
    return syntheticRun({ task, n: 300, seed: 3 });
  };
  const run = async (seed: number, data?: RunStepFixture) =>
    step.run({ ...(data ?? (await fixture())), options: step.options.parse(c.options), rng: new Rng(seed), services: app.services, events: app.events });

  describe(`run step conformance: ${step.key}`, () => {
    beforeAll(async () => {
      app = await createHepuq({ plugins: c.plugins?.() ?? [] });
    });
    afterAll(() => app?.dispose());

    it('describes itself and has a strict options schema', () => {
      expect(step.key).toMatch(/^(?:[a-z0-9][a-z0-9-]*\/)?[a-z0-9][a-z0-9.-]*$/);
      expect(step.description.trim()).not.toBe('');
      for (const task of step.tasks ?? []) expect(['regression', 'classification', 'generation']).toContain(task);
      expect(zodErrorText(step.options.safeParse(c.options)), 'the conformance options must parse').toBe('');
      const bad = step.options.safeParse(withUnknownKey(c.options));
      expect(bad.success, 'an unknown option key must be rejected').toBe(false);
      expect(zodErrorText(bad)).toContain(UNKNOWN_KEY);
    });

    for (const bad of c.invalidOptions ?? []) {
      it(`rejects invalid option "${bad.field}" naming it`, () => {
        const result = step.options.safeParse(bad.options);
        expect(result.success).toBe(false);
        expect(zodErrorText(result)).toContain(bad.field);
      });
    }

    const knownJson = c.knownIssues?.json;
    (knownJson ? it.fails : it)(`returns a record that survives the JSON round trip into steps.json${knownJson ? ` (known issue: ${knownJson})` : ''}`, async () => {
      const out = await run(c.seed ?? 7);
      expect(typeof out === 'object' && out !== null && !Array.isArray(out), 'a record').toBe(true);
      expectJsonRoundTrip(out, `${step.key} result`);
    });

    it('gives the same result for the same seed and leaves the run intact', async () => {
      const data = await fixture();
      const before = snapshot({ train: data.train, test: data.test, prediction: data.prediction });
      const seed = c.seed ?? 7;
      const out = await run(seed, data);
      expect(snapshot({ train: data.train, test: data.test, prediction: data.prediction }), 'the run is unchanged').toBe(before);
      const volatile = c.volatile ?? [];
      for (const v of volatile) expect(v.reason.trim(), `volatile ${v.path} needs a reason`).not.toBe('');
      const stable = (r: unknown) => JSON.stringify(without(r, volatile.map((v) => v.path)));
      expect(stable(await run(seed)), 'the same seed gives the same result').toBe(stable(out));
    });
  });
}
