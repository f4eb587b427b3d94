import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHepuq, type HepuqApp } from '@hepuq/core';
import { captureCommandContext, describeCommandConformance } from '@hepuq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpFit } from '../bump-fit/bump-fit.js';
import { expectBumpFitError, thrownBy } from '../bump-fit/fixtures/expect-bump-fit-error.js';
import { scipyReference } from '../bump-fit/fixtures/spectra.js';
import { BUMP_FIT, bumpFitCommand, parseSrRange } from './bump-fit.command.js';

const dir = mkdtempSync(join(tmpdir(), 'hepuq-bump-fit-'));
const write = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const bump = scipyReference().cases.find((c) => c.name === 'dijet3-bump')!;
// rows written highest mass first, with an extra column: neither may change the result
const countsPath = write('counts.csv', ['count,low,high,note', ...bump.low.map((l, i) => `${bump.counts[i]},${l},${bump.high[i]},x`).reverse()].join('\n'));
const noCountPath = write('no-count.csv', 'low,high,n\n2000,2100,3\n');
const spectrum = { low: bump.low, high: bump.high, counts: bump.counts };

describe('hepuq bump-fit', () => {
  let app: HepuqApp;
  beforeAll(async () => {
    app = await createHepuq({ backend: 'cpu' });
  });
  afterAll(() => app.dispose());

  const run = async (options: Record<string, unknown>, json = false) => {
    const { ctx, lines } = captureCommandContext(app, json);
    const code = await bumpFitCommand().run([], options, ctx);
    return { code, lines };
  };

  it('--json prints the contract keys first, then the rest of bumpFit\'s result, with the same values', async () => {
    const { code, lines } = await run({ counts: countsPath, sr: '14:16', json: true });
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(Object.keys(out).slice(0, 7)).toEqual(['fit_params', 'observed', 'expected', 'sigma_b', 'mu_hat', 'z', 'p0']);
    expect(out).toEqual(JSON.parse(JSON.stringify(bumpFit(spectrum, { sr: [14, 16] }))));
    expect(Math.abs((out.z as number) - bump.z)).toBeLessThan(1e-4);
  });

  it('passes --function, --fit and --sqrt-s on (strings, as commander gives them; the global --json works too)', async () => {
    const { lines } = await run({ counts: countsPath, sr: '14:16', function: 'dijet4', fit: 'poisson', sqrtS: '14000' }, true);
    expect(JSON.parse(lines[0])).toEqual(JSON.parse(JSON.stringify(bumpFit(spectrum, { sr: [14, 16], function: 'dijet4', fit: 'poisson', sqrtS: 14000 }))));
  });

  it('prints one readable line per key without --json', async () => {
    const { lines } = await run({ counts: countsPath, sr: '14:16', function: 'dijet3', sqrtS: '13000', fit: 'lsq' });
    expect(lines[0]).toMatch(/^bump-fit .*counts\.csv: dijet3, least squares .* over 27 sideband bins, chi2\/ndf = 23\.87\/24, converged in \d+ iterations$/);
    for (const key of ['sr', 'fit_params', 'observed', 'expected', 'sigma_b', 'mu_hat', 'z', 'p0']) expect(lines.some((l) => l.startsWith(`${key} `)), key).toBe(true);
    expect(lines).toContain('observed    119');
    expect(lines.some((l) => /^z\s+3\.24 \(one-sided\)$/.test(l))).toBe(true);
    expect(lines.some((l) => /^sr\s+bins 14\.\.16 \(mass order\), 4333\.33-4833\.33 GeV$/.test(l))).toBe(true);
  });

  it('parses --sr first:last', async () => {
    expect(parseSrRange('15:17')).toEqual([15, 17]);
    expect(parseSrRange(' 3 : 3 ')).toEqual([3, 3]);
    for (const bad of ['17:15', 'a:b', '-1:2', '15', '1:2:3', '']) {
      expectBumpFitError(await thrownBy(() => run({ counts: countsPath, sr: bad })), 'InvalidArgument', ['--sr']);
    }
  });

  it('names the flag or the file in its errors', async () => {
    expectBumpFitError(await thrownBy(() => run({ sr: '14:16' })), 'InvalidArgument', ['--counts']);
    expectBumpFitError(await thrownBy(() => run({ counts: countsPath })), 'InvalidArgument', ['--sr']);
    expectBumpFitError(await thrownBy(() => run({ counts: countsPath, sr: '14:16', function: 'dijet5' })), 'InvalidArgument', ['--function']);
    expectBumpFitError(await thrownBy(() => run({ counts: countsPath, sr: '14:16', fit: 'chi2' })), 'InvalidArgument', ['--fit']);
    expectBumpFitError(await thrownBy(() => run({ counts: countsPath, sr: '14:16', sqrtS: 'lots' })), 'InvalidArgument', ['--sqrt-s']);
    expectBumpFitError(await thrownBy(() => run({ counts: countsPath, sr: '0:2' })), 'InvalidArgument', ['counts.csv', 'sr [0, 2]', 'edge']);
    expectBumpFitError(await thrownBy(() => run({ counts: noCountPath, sr: '1:2' })), 'MissingColumn', ['no-count.csv', '"count"']);
    expectBumpFitError(await thrownBy(() => run({ counts: join(dir, 'nope.csv'), sr: '1:2' })), 'FileUnreadable', ['nope.csv']);
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeCommandConformance({
  command: bumpFitCommand(),
  examples: [{ options: { counts: countsPath, sr: '14:16' } }, { options: { counts: countsPath, sr: '12:14', function: 'dijet4', fit: 'poisson' } }],
  invalid: [{ options: { counts: countsPath, sr: '17:15' }, mentions: '--sr' }, { options: { counts: noCountPath, sr: '1:2' }, mentions: 'no-count.csv' }],
});

it('is registered under the key bump-fit', () => {
  expect(bumpFitCommand().name).toBe(BUMP_FIT);
});
