import type { InferenceProcedure } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { caught, expectCatalogError, expectJsonRoundTrip, UNKNOWN_KEY, withUnknownKey, zodErrorText } from './conformance-helpers.js';

export interface InferenceProcedureConformanceOptions {
  procedure: InferenceProcedure;
  /** A valid input (small: the procedure runs four times). */
  input: unknown;
  /** Inputs `run` must reject with `InvalidArgument`, each with the key its message must name. */
  invalidInputs?: readonly { input: unknown; field: string }[];
}

/**
 * The contract every inference procedure must meet: a strict input schema (an unknown key is
 * rejected by the schema and by `run` with `InvalidArgument` naming it); `run` returns a record of
 * snake_case keys that survives a JSON round trip, the same one on every call; bad inputs are
 * rejected with `InvalidArgument` naming the key.
 * @example describeInferenceProcedureConformance({ procedure: fitProcedure, input: { workspace }, invalidInputs: [{ input: { workspace, normsys: 'code9' }, field: 'normsys' }] })
 */
export function describeInferenceProcedureConformance(c: InferenceProcedureConformanceOptions): void {
  const { procedure } = c;

  describe(`inference procedure conformance: ${procedure.key}`, () => {
    it('describes itself and has a strict input schema', () => {
      expect(procedure.key).toMatch(/^(?:[a-z0-9][a-z0-9-]*\/)?[a-z0-9][a-z0-9.-]*$/);
      expect(procedure.description.trim()).not.toBe('');
      expect(procedure.input, 'an input schema (run steps and configs check inputs before running)').toBeDefined();
      expect(procedure.input!.safeParse(c.input).success, 'the conformance input must parse').toBe(true);
      const bad = procedure.input!.safeParse(withUnknownKey(c.input));
      expect(bad.success, 'an unknown key must be rejected').toBe(false);
      expect(zodErrorText(bad)).toContain(UNKNOWN_KEY);
    });

    it('rejects an unknown input key in run with InvalidArgument naming it', async () => {
      const err = await caught(() => procedure.run(withUnknownKey(c.input)));
      expectCatalogError(err, 'unknown input key', { code: 'InvalidArgument', mentions: [UNKNOWN_KEY] });
    });

    it('returns a JSON record with snake_case keys, the same on every run', async () => {
      const out = await procedure.run(c.input);
      expect(typeof out === 'object' && out !== null && !Array.isArray(out), 'a record').toBe(true);
      for (const key of Object.keys(out)) expect(key, 'output keys are snake_case').toMatch(/^[a-z][a-z0-9_]*$/);
      expectJsonRoundTrip(out, `${procedure.key} output`);
      expect(await procedure.run(c.input)).toEqual(out);
    });

    for (const bad of c.invalidInputs ?? []) {
      it(`rejects invalid input "${bad.field}" with InvalidArgument naming it`, async () => {
        const err = await caught(() => procedure.run(bad.input));
        expectCatalogError(err, `invalid ${bad.field}`, { code: 'InvalidArgument', mentions: [bad.field] });
      });
    }
  });
}
