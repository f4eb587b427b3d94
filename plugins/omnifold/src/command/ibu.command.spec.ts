import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHepuq, type HepuqApp } from '@hepuq/core';
import { captureCommandContext, describeCommandConformance } from '@hepuq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectIbuError, thrownBy } from '../ibu/fixtures/expect-ibu-error.js';
import { publishedFixtures } from '../ibu/fixtures/load-fixtures.js';
import { IBU, ibuCommand } from './ibu.command.js';

const dir = mkdtempSync(join(tmpdir(), 'hepuq-ibu-'));
const write = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const { docstring, tests } = publishedFixtures();
const problemPath = write('problem.json', docstring.problem);
const nonSquarePath = write('non-square.json', tests[2].problem);
const badJsonPath = write('bad.json', '{"data": [1, 2],');
const unknownKeyPath = write('unknown.json', { ...docstring.problem, iterations: 3 });
const zeroEffPath = write('zero-eff.json', { ...docstring.problem, efficiencies: [1, 0] });

describe('hepuq ibu', () => {
  let app: HepuqApp;
  beforeAll(async () => {
    app = await createHepuq({ backend: 'cpu' });
  });
  afterAll(() => app.dispose());

  const run = async (args: string[], options: Record<string, unknown> = {}, json = false) => {
    const { ctx, lines } = captureCommandContext(app, json);
    const code = await ibuCommand().run(args, options, ctx);
    return { code, lines };
  };

  it('--json prints pyunfold\'s result keys with its docstring example\'s values', async () => {
    const { code, lines } = await run([problemPath], { json: true });
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(['num_iterations', 'stat_err', 'sys_err', 'ts_iter', 'ts_stopping', 'unfolded', 'unfolding_matrix']);
    const expected = docstring.expected;
    expect(out.num_iterations).toBe(4);
    // printed to 8 decimals in pyunfold's docstring: at worst 3.3e-7 relative
    for (const key of ['unfolded', 'stat_err', 'sys_err', 'unfolding_matrix'] as const) {
      const got = (out[key] as number[]).flat();
      expected[key].flat().forEach((v, i) => expect(Math.abs(got[i] - v) / v, `${key}[${i}]`).toBeLessThan(5e-7));
    }
    expect(out.ts_iter).toBeCloseTo(expected.ts_iter, 15);
  });

  it('with return_iterations, adds one object per iteration (the global --json works too)', async () => {
    const { lines } = await run([nonSquarePath], {}, true);
    const out = JSON.parse(lines[0]) as { iterations: { num_iterations: number; unfolded: number[] }[]; unfolded: number[]; unfolding_matrix: number[][] };
    expect(out.iterations.map((r) => r.num_iterations)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(out.iterations[7].unfolded).toEqual(out.unfolded);
    expect(out.unfolding_matrix.map((r) => r.length)).toEqual([3, 3]);
    tests[2].expected_iterations[7].unfolded.forEach((v, i) => expect(Math.abs(out.unfolded[i] - v) / v).toBeLessThan(1e-9));
  });

  it('prints a readable table without --json', async () => {
    const { lines } = await run([problemPath]);
    expect(lines[0]).toMatch(/^ibu .*problem\.json: 4 iterations, converged: ks = 3\.83e-3 < ts_stopping 0\.01$/);
    expect(lines).toContain('cause  unfolded  stat_err  sys_err');
    expect(lines.some((l) => /^0\s+94\.32\s+11\.2\s+0\.656$/.test(l))).toBe(true);
    expect(lines.some((l) => /^total\s+250$/.test(l))).toBe(true);
  });

  it('names the file in its errors: missing, unreadable, invalid JSON, unknown keys, zero efficiency', async () => {
    expectIbuError(await thrownBy(() => run([])), 'InvalidArgument', ['<problem>']);
    expectIbuError(await thrownBy(() => run([join(dir, 'nope.json')])), 'FileUnreadable', ['nope.json']);
    expectIbuError(await thrownBy(() => run([badJsonPath])), 'ParseError', ['bad.json']);
    expectIbuError(await thrownBy(() => run([unknownKeyPath])), 'InvalidConfig', ['unknown.json', 'iterations']);
    expectIbuError(await thrownBy(() => run([zeroEffPath])), 'InvalidArgument', ['zero-eff.json', 'efficiencies[1] is 0', 'cause bin 1']);
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeCommandConformance({
  command: ibuCommand(),
  examples: [{ args: [problemPath] }, { args: [nonSquarePath], options: { json: true } }],
  invalid: [{ args: [badJsonPath], mentions: 'bad.json' }, { args: [zeroEffPath], mentions: 'efficiencies[1]' }],
});

it('is registered under the key ibu', () => {
  expect(ibuCommand().name).toBe(IBU);
});
