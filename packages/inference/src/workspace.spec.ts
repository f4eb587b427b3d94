import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { HepuqError } from '@hepuq/core';
import { formatJsonPath, parseWorkspace } from './parse-workspace.js';
import { uncorrelatedBackground } from './simple-models.js';

const fixture = (name: string): Record<string, any> => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

function invalidMessage(json: unknown): string {
  try {
    parseWorkspace(json, 'ws.json');
  } catch (e) {
    expect(e).toBeInstanceOf(HepuqError);
    expect((e as HepuqError).code).toBe('InvalidWorkspace');
    return (e as HepuqError).message;
  }
  throw new Error('expected InvalidWorkspace');
}

describe('parseWorkspace', () => {
  it('accepts every validation workspace and the simple model', () => {
    for (const name of ['1bin_lumi.json', '2bin_histosys.json', '2bin_2channel_coupledshapefactor.json']) {
      expect(parseWorkspace(fixture(name)).channels.length).toBeGreaterThan(0);
    }
    const ws = uncorrelatedBackground({ signal: [12, 11], bkg: [50, 52], bkgUncertainty: [3, 7], observations: [51, 48] });
    expect(parseWorkspace(ws).measurements[0].config.poi).toBe('mu');
  });

  it('formats JSON paths', () => {
    expect(formatJsonPath(['channels', 0, 'samples', 1, 'data'])).toBe('channels[0].samples[1].data');
    expect(formatJsonPath([])).toBe('(root)');
  });

  it('names the path of a schema violation', () => {
    const ws = fixture('1bin_normsys.json');
    ws.channels[0].samples[1].modifiers[0].data.hi = 'big';
    expect(invalidMessage(ws)).toContain('channels[0].samples[1].modifiers[0].data.hi');
    const extra = fixture('1bin_normsys.json');
    extra.channels[0].samples[0].colour = 'red';
    expect(invalidMessage(extra)).toMatch(/channels\[0\]\.samples\[0\].*colour/);
    const unknownType = fixture('1bin_normsys.json');
    unknownType.channels[0].samples[0].modifiers[0].type = 'normfactr';
    expect(invalidMessage(unknownType)).toContain('channels[0].samples[0].modifiers[0]');
  });

  it('checks bin counts of samples, modifiers and observations', () => {
    const sample = fixture('1bin_normsys.json');
    sample.channels[0].samples[1].data = [100];
    expect(invalidMessage(sample)).toContain('channels[0].samples[1].data: has 1 bins');
    const histo = fixture('2bin_histosys.json');
    histo.channels[0].samples[1].modifiers[0].data.lo_data = [98];
    expect(invalidMessage(histo)).toContain('channels[0].samples[1].modifiers[0].data.lo_data');
    const obs = fixture('1bin_normsys.json');
    obs.observations[0].data = [120];
    expect(invalidMessage(obs)).toContain('observations[0].data');
  });

  it('checks cross-references: observations, POI, parameter configs, modifier types', () => {
    const noObs = fixture('2bin_2channel.json');
    noObs.observations = noObs.observations.filter((o: { name: string }) => o.name !== 'control');
    expect(invalidMessage(noObs)).toMatch(/channels\[\d\]\.name: channel "control" has no entry in observations/);
    const poi = fixture('1bin_normsys.json');
    poi.measurements[0].config.poi = 'xsec';
    expect(invalidMessage(poi)).toContain('measurements[0].config.poi: POI "xsec"');
    const par = fixture('1bin_lumi.json');
    par.measurements[0].config.parameters[0].name = 'lumy';
    expect(invalidMessage(par)).toContain('measurements[0].config.parameters[0].name');
    const lumi = fixture('1bin_lumi.json');
    delete lumi.measurements[0].config.parameters[0].sigmas;
    expect(invalidMessage(lumi)).toContain('lumi parameter "lumi" needs an entry with "sigmas"');
    const clash = fixture('2bin_2channel_couplednorm.json');
    clash.channels[0].samples[2].modifiers[0] = { name: 'coupled_normsys', type: 'normfactor', data: null };
    expect(invalidMessage(clash)).toMatch(/modifiers\[0\]\.type: parameter "coupled_normsys" is a normfactor here but a normsys/);
    const bounds = fixture('1bin_lumi.json');
    bounds.measurements[0].config.parameters[0].bounds = [[2, 1]];
    expect(invalidMessage(bounds)).toContain('config.parameters[0].bounds[0]');
  });

  it('rejects shapesys sharing and empty channels', () => {
    const shared = fixture('2bin_2channel.json');
    shared.channels[1].samples[0].modifiers[0].name = shared.channels[0].samples[1].modifiers[0].name;
    expect(invalidMessage(shared)).toContain('shapesys parameters cannot be shared');
    expect(invalidMessage({ channels: [], observations: [], measurements: [] })).toContain('channels');
    expect(invalidMessage(42)).toContain('(root)');
  });
});
