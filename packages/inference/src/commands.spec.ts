import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CommandDefinition, HepuqError, type PluginContext, type ReportDocument } from '@hepuq/core';
import { captureCommandContext } from '@hepuq/testing';
import { fitCommand } from './fit.command.js';
import { hypotestCommand } from './hypotest.command.js';
import { inferencePlugin } from './index.js';
import { limitCommand } from './limit.command.js';
import { scanCommand } from './scan.command.js';
import { uncorrelatedBackground } from './simple-models.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hepuq-inference-'));
const readme = join(dir, 'readme.json');
writeFileSync(readme, JSON.stringify(uncorrelatedBackground({ signal: [12, 11], bkg: [50, 52], bkgUncertainty: [3, 7], observations: [51, 48] })));

async function run(cmd: CommandDefinition, args: string[], options: Record<string, unknown>, json = true) {
  const captured = captureCommandContext(undefined, json);
  const lines = captured.lines;
  const code = await cmd.run(args, options, captured.ctx);
  const reports = captured.reports.map((r): [string, ReportDocument] => [r.dir, r.doc]);
  return { code, lines, reports, out: json ? (JSON.parse(lines[0]) as Record<string, any>) : {} };
}

describe('inference commands', () => {
  it('hepuq hypotest --json prints CLs with self-describing keys', async () => {
    const { code, lines, out } = await run(hypotestCommand, [readme], { mu: '1' });
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(out.cls_obs).toBeCloseTo(0.0525, 4);
    expect(out.cls_exp).toHaveLength(5);
    expect(out.clsb_obs * 1).toBeCloseTo(out.cls_obs * out.clb_obs, 12);
    expect(out.test_stat).toBe('qtilde');
  });

  it('hepuq hypotest --test-stat q0 runs a discovery test', async () => {
    const { out } = await run(hypotestCommand, [fixture('1bin_shapesys_q0.json')], { mu: '0', testStat: 'q0', normsys: 'code1', histosys: 'code0' });
    expect(out.p0_obs).toBeCloseTo(0.003937, 5);
    expect(out.significance_obs).toBeGreaterThan(2.5);
  });

  it('hepuq fit --json prints parameters, uncertainties and correlations', async () => {
    const { out } = await run(fitCommand, [fixture('1bin_normsys.json')], { fix: 'bkg_norm=0' });
    expect(out.poi).toBe('mu');
    const alpha = out.parameters.find((p: { name: string }) => p.name === 'bkg_norm');
    expect(alpha).toMatchObject({ value: 0, uncertainty: 0, fixed: true });
    expect(out.correlation.labels).toEqual(['bkg_norm', 'mu']);
    expect(out.poi_uncertainty).toBeGreaterThan(0);
    expect(typeof out.twice_nll).toBe('number');
  });

  it('hepuq scan writes a Vega-Lite report and prints the 68% interval', async () => {
    const { out, reports } = await run(scanCommand, [readme], { poi: 'mu', range: '0:3:31', report: join(dir, 'scan') });
    expect(out.values).toHaveLength(31);
    expect(out.delta_twice_nll).toHaveLength(31);
    expect(reports).toHaveLength(1);
    const spec = reports[0][1].plots[0].spec as { layer: { data: { values: unknown[] } }[] };
    expect(spec.layer[0].data.values).toHaveLength(31);
    const text = await run(scanCommand, [readme], { range: '0:2:5' }, false);
    expect(text.lines[0]).toMatch(/^best fit mu = 0/);
  });

  it('hepuq scan --poi2 runs a 2-D scan', async () => {
    const { out } = await run(scanCommand, [readme], { poi: 'mu', range: '0:2:3', poi2: 'uncorr_bkguncrt[0]', range2: '0.9:1.1:3' });
    expect(out.parameters).toEqual(['mu', 'uncorr_bkguncrt[0]']);
    expect(out.delta_twice_nll).toHaveLength(3);
    expect(out.delta_twice_nll[0]).toHaveLength(3);
  });

  it('hepuq limit --json prints observed and expected limits, by root finding or on a grid', async () => {
    const { out } = await run(limitCommand, [readme], {});
    expect(out.upper_limit_obs).toBeCloseTo(1.0116, 3);
    expect(out.upper_limit_exp).toHaveLength(5);
    expect(out.method).toBe('root-finding');
    const grid = await run(limitCommand, [readme], { scan: '0:5:21' });
    expect(grid.out.upper_limit_obs).toBeCloseTo(1.0176, 3);
    expect(grid.out.n_tests).toBe(21);
  });

  it('turns bad input into HepuqErrors naming the file, path or flag', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ channels: [{ name: 'c', samples: [{ name: 's', data: [1], modifiers: [{ name: 'mu', type: 'normfactor', data: 3 }] }] }], observations: [], measurements: [] }));
    await expect(run(fitCommand, [bad], {})).rejects.toThrowError(/bad\.json: channels\[0\]\.samples\[0\]\.modifiers\[0\]\.data/);
    await expect(run(fitCommand, [bad], {})).rejects.toMatchObject({ code: 'InvalidWorkspace' });
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, '{ "channels": [');
    await expect(run(fitCommand, [notJson], {})).rejects.toMatchObject({ code: 'ParseError' });
    await expect(run(fitCommand, [join(dir, 'missing.json')], {})).rejects.toMatchObject({ code: 'FileUnreadable' });
    await expect(run(scanCommand, [readme], { range: '0:3' })).rejects.toThrowError(/--range: expected lo:hi:n/);
    await expect(run(hypotestCommand, [readme], { mu: 'one' })).rejects.toThrowError(HepuqError);
    await expect(run(hypotestCommand, [readme], { mu: '1', testStat: 'qq' })).rejects.toThrowError(/testStat/);
  });
});

describe('inferencePlugin', () => {
  it('registers the four procedures, each also as a run step, and their commands', () => {
    const added: Record<string, string[]> = { inference: [], steps: [], commands: [] };
    const adder = (name: string) => ({ add: (key: string) => added[name].push(key) });
    void inferencePlugin().register({ inference: adder('inference'), steps: adder('steps'), commands: adder('commands') } as unknown as PluginContext);
    expect(added.inference).toEqual(['fit', 'scan', 'hypotest', 'upper-limit']);
    expect(added.steps).toEqual(['fit', 'scan', 'hypotest', 'upper-limit']);
    expect(added.commands).toEqual(['fit', 'scan', 'hypotest', 'limit']);
  });
});
