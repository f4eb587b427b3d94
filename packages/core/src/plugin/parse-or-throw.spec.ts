import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERROR_CATALOG } from '../errors/error-catalog.js';
import { HepuqError } from '../errors/hepuq-error.js';
import { parseOrThrow } from './parse-or-throw.js';

const Options = z.object({ kpdDegree: z.number().int().min(1), name: z.string().optional() }).strict();

describe('parseOrThrow', () => {
  it('returns the parsed value', () => {
    expect(parseOrThrow(Options, { kpdDegree: 3 }, { code: 'InvalidArgument', where: 'x' })).toEqual({ kpdDegree: 3 });
  });

  it('raises the given catalog code naming where, every offending path, the plugin and the hint', () => {
    expect(() => parseOrThrow(Options, { kpdDegree: 0, bogus: 1 }, { code: 'InvalidConfig', where: 'toy "t"', path: 'options', plugin: '@acme/p', hint: 'see README' })).toThrow(
      expect.objectContaining({
        code: 'InvalidConfig', plugin: '@acme/p', hint: 'see README', message: expect.stringMatching(/^toy "t": options\.kpdDegree: .+; options: .+ \(bogus\)$/),
      }),
    );
  });

  it('names CLI flags as --kebab-case', () => {
    expect(() => parseOrThrow(Options, { kpdDegree: 1.5 }, { code: 'InvalidArgument', where: 'gen-eval', flags: true })).toThrow(
      expect.objectContaining({ plugin: undefined, hint: ERROR_CATALOG.InvalidArgument.hint, message: expect.stringMatching(/^gen-eval: --kpd-degree: /) }),
    );
    expect(() => parseOrThrow(Options, 'x', { code: 'InvalidArgument', where: 'w' })).toThrow(HepuqError);
  });
});
