import { Rng, type Dataset, type TaskKind, type ToyGenerator } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { caught, expectCatalogError, UNKNOWN_KEY, withUnknownKey, zodErrorText } from './conformance-helpers.js';

export interface ToyConformanceOptions {
  toy: ToyGenerator;
  /** Raw options (parsed by `toy.options`); default `{}`. */
  options?: unknown;
  /** Events per draw (default 500). */
  n?: number;
  /** Truth columns `extras` must hold; default by task, as `ToyGenerator` documents them. */
  truthColumns?: readonly string[];
  /** Options the schema must reject, each with the key its error must name. */
  invalidOptions?: readonly { options: unknown; field: string }[];
}

/** The truth columns `ToyGenerator` promises per task. */
export const TOY_TRUTH_COLUMNS: Readonly<Record<TaskKind, readonly string[]>> = {
  regression: ['true_mean', 'true_sigma'],
  classification: ['true_prob'],
  generation: ['true_density'],
};

function columns(ds: Dataset): [string, Float32Array][] {
  return [...ds.allColumns()];
}

/**
 * The contract every toy generator must meet: strict options; `generate(n)` gives exactly n finite
 * rows with the task's columns (a target, 0/1 labels) and its truth columns in `extras`; the same
 * seed gives the same events and another seed other events; n < 1 or fractional n is rejected with
 * a catalog error.
 * @example describeToyConformance({ toy: heteroscedastic1dToy, options: { noiseScale: 0.5 }, invalidOptions: [{ options: { noiseScale: -1 }, field: 'noiseScale' }] })
 */
export function describeToyConformance(c: ToyConformanceOptions): void {
  const { toy } = c;
  const n = c.n ?? 500;
  const raw = c.options ?? {};
  const generate = (seed: number, events = n) => toy.generate(events, toy.options.parse(raw), new Rng(seed));

  describe(`toy conformance: ${toy.key}`, () => {
    it('describes itself and has strict options', () => {
      expect(toy.key).toMatch(/^(?:[a-z0-9][a-z0-9-]*\/)?[a-z0-9][a-z0-9.-]*$/);
      expect(['regression', 'classification', 'generation']).toContain(toy.task);
      expect(toy.description.trim()).not.toBe('');
      expect(zodErrorText(toy.options.safeParse(raw)), 'the conformance options must parse').toBe('');
      const bad = toy.options.safeParse(withUnknownKey(raw));
      expect(bad.success, 'an unknown option key must be rejected').toBe(false);
      expect(zodErrorText(bad)).toContain(UNKNOWN_KEY);
    });

    for (const bad of c.invalidOptions ?? []) {
      it(`rejects invalid option "${bad.field}" naming it`, () => {
        const result = toy.options.safeParse(bad.options);
        expect(result.success).toBe(false);
        expect(zodErrorText(result)).toContain(bad.field);
      });
    }

    it('generates n finite rows with the task\'s columns and its truth', () => {
      for (const events of [n, 1]) {
        const ds = generate(1, events);
        expect(ds.n).toBe(events);
        for (const [name, col] of columns(ds)) {
          expect(col.length, name).toBe(events);
          expect(col.every(Number.isFinite), `${name} finite`).toBe(true);
        }
      }
      const ds = generate(1);
      if (toy.task === 'regression') expect(ds.target, 'a regression toy has a target').toBeDefined();
      if (toy.task === 'classification') {
        expect(ds.label, 'a classification toy has labels').toBeDefined();
        expect(ds.label!.every((l) => Number.isInteger(l) && l >= 0), 'labels are class indices 0..K-1 (0/1 for two classes)').toBe(true);
      }
      // a toy with several regression targets has the truth of each: true_mean_<target>, true_sigma_<target>
      const perTarget = ds.targets.length > 1 ? ds.targets.flatMap((t) => TOY_TRUTH_COLUMNS.regression.map((col) => `${col}_${t.name}`)) : undefined;
      for (const name of c.truthColumns ?? perTarget ?? TOY_TRUTH_COLUMNS[toy.task]) expect(Object.keys(ds.extras), `truth column ${name}`).toContain(name);
    });

    it('is reproducible by seed, and other seeds give other events', () => {
      const [a, b, other] = [generate(3), generate(3), generate(4)];
      expect(columns(b)).toEqual(columns(a));
      const changed = columns(a).filter(([name, col]) => col.some((v, i) => v !== columnOf(other, name)[i]));
      expect(changed.length, 'seed 4 must change some column of seed 3').toBeGreaterThan(0);
    });

    it('rejects n = 0 and fractional n with a catalog error', async () => {
      for (const bad of [0, 2.5]) expectCatalogError(await caught(() => generate(1, bad)), `generate(${bad})`);
    });
  });
}

function columnOf(ds: Dataset, name: string): Float32Array {
  return columns(ds).find(([n]) => n === name)![1];
}
