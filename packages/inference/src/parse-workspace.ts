import { HepuqError } from '@hepuq/core';
import { WorkspaceSpec, type ModifierType } from './workspace.schema.js';

/** `channels[0].samples[1].data` from a zod-style path. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out || '(root)';
}

function invalid(source: string, path: readonly PropertyKey[], message: string): HepuqError {
  return new HepuqError('InvalidWorkspace', `${source}: ${formatJsonPath(path)}: ${message}`);
}

/** Where a named parameter is used: its modifier type, its size (bins for per-bin modifiers), its first use. */
export interface ParameterUse {
  type: ModifierType;
  size: number;
  path: readonly PropertyKey[];
  channel: string;
  samples: number;
}

/** Walk channels and samples: bin counts, modifier data lengths and name/type consistency. */
function checkChannels(ws: WorkspaceSpec, source: string): Map<string, ParameterUse> {
  const uses = new Map<string, ParameterUse>();
  const channelNames = new Set<string>();
  ws.channels.forEach((channel, c) => {
    if (channelNames.has(channel.name)) throw invalid(source, ['channels', c, 'name'], `duplicate channel "${channel.name}"`);
    channelNames.add(channel.name);
    const nbins = channel.samples[0].data.length;
    const sampleNames = new Set<string>();
    channel.samples.forEach((sample, s) => {
      const at = ['channels', c, 'samples', s];
      if (sampleNames.has(sample.name)) throw invalid(source, [...at, 'name'], `duplicate sample "${sample.name}" in channel "${channel.name}"`);
      sampleNames.add(sample.name);
      if (sample.data.length !== nbins) throw invalid(source, [...at, 'data'], `has ${sample.data.length} bins but channel "${channel.name}" has ${nbins}`);
      sample.modifiers.forEach((mod, m) => {
        const mat = [...at, 'modifiers', m];
        const perBin = mod.type === 'shapesys' || mod.type === 'staterror' || mod.type === 'shapefactor';
        const lengths: [string, number][] =
          mod.type === 'histosys' ? [['hi_data', mod.data.hi_data.length], ['lo_data', mod.data.lo_data.length]]
            : mod.type === 'shapesys' || mod.type === 'staterror' ? [['', mod.data.length]] : [];
        for (const [key, len] of lengths) {
          if (len !== nbins) throw invalid(source, [...mat, 'data', ...(key ? [key] : [])], `has ${len} bins but sample "${sample.name}" has ${nbins}`);
        }
        const prev = uses.get(mod.name);
        if (!prev) {
          uses.set(mod.name, { type: mod.type, size: perBin ? nbins : 1, path: mat, channel: channel.name, samples: 1 });
          return;
        }
        if (prev.type !== mod.type) throw invalid(source, [...mat, 'type'], `parameter "${mod.name}" is a ${mod.type} here but a ${prev.type} at ${formatJsonPath(prev.path)}`);
        if (mod.type === 'shapesys') throw invalid(source, [...mat, 'name'], `shapesys "${mod.name}" is already used at ${formatJsonPath(prev.path)}; shapesys parameters cannot be shared`);
        if (mod.type === 'staterror' && prev.channel !== channel.name) throw invalid(source, [...mat, 'name'], `staterror "${mod.name}" is already used in channel "${prev.channel}"; use one staterror name per channel`);
        if (perBin && prev.size !== nbins) throw invalid(source, [...mat, 'name'], `${mod.type} "${mod.name}" spans ${nbins} bins here but ${prev.size} at ${formatJsonPath(prev.path)}`);
        prev.samples += 1;
      });
    });
  });
  return uses;
}

function checkObservations(ws: WorkspaceSpec, source: string): void {
  const seen = new Set<string>();
  ws.observations.forEach((obs, o) => {
    const channel = ws.channels.find((c) => c.name === obs.name);
    if (!channel) throw invalid(source, ['observations', o, 'name'], `no channel named "${obs.name}"`);
    if (seen.has(obs.name)) throw invalid(source, ['observations', o, 'name'], `duplicate observation for channel "${obs.name}"`);
    seen.add(obs.name);
    const nbins = channel.samples[0].data.length;
    if (obs.data.length !== nbins) throw invalid(source, ['observations', o, 'data'], `has ${obs.data.length} bins but channel "${obs.name}" has ${nbins}`);
  });
  ws.channels.forEach((channel, c) => {
    if (!seen.has(channel.name)) throw invalid(source, ['channels', c, 'name'], `channel "${channel.name}" has no entry in observations`);
  });
}

function checkMeasurements(ws: WorkspaceSpec, uses: Map<string, ParameterUse>, source: string): void {
  const names = new Set<string>();
  ws.measurements.forEach((meas, i) => {
    const at = ['measurements', i];
    if (names.has(meas.name)) throw invalid(source, [...at, 'name'], `duplicate measurement "${meas.name}"`);
    names.add(meas.name);
    if (!uses.has(meas.config.poi)) throw invalid(source, [...at, 'config', 'poi'], `POI "${meas.config.poi}" is not a modifier of any sample`);
    const configured = new Set<string>();
    meas.config.parameters.forEach((par, p) => {
      const pat = [...at, 'config', 'parameters', p];
      const use = uses.get(par.name);
      if (!use) throw invalid(source, [...pat, 'name'], `parameter "${par.name}" is not a modifier of any sample`);
      if (configured.has(par.name)) throw invalid(source, [...pat, 'name'], `parameter "${par.name}" is configured twice`);
      configured.add(par.name);
      for (const key of ['inits', 'bounds', 'auxdata', 'sigmas', 'factors'] as const) {
        const value = par[key];
        if (value && value.length !== use.size) throw invalid(source, [...pat, key], `has ${value.length} entries but "${par.name}" has ${use.size} parameter(s)`);
      }
      par.bounds?.forEach(([lo, hi], b) => {
        if (!(lo < hi)) throw invalid(source, [...pat, 'bounds', b], `lower bound ${lo} is not below upper bound ${hi}`);
      });
    });
    for (const [name, use] of uses) {
      if (use.type !== 'lumi') continue;
      const cfg = meas.config.parameters.find((p) => p.name === name);
      if (!cfg?.sigmas) throw invalid(source, [...at, 'config', 'parameters'], `lumi parameter "${name}" needs an entry with "sigmas" (and usually "auxdata": [1])`);
    }
  });
}

/**
 * Validate a parsed JSON value as a pyhf workspace: the zod schema, then the cross-references
 * (bin counts, observations for every channel, POI and parameter configs). Errors are
 * `InvalidWorkspace` naming the JSON path, e.g. `channels[0].samples[1].modifiers[0].data.hi`.
 * @example const ws = parseWorkspace(JSON.parse(text), 'workspace.json');
 */
export function parseWorkspace(json: unknown, source = 'workspace'): WorkspaceSpec {
  const result = WorkspaceSpec.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const keys = issue.code === 'unrecognized_keys' ? ` (${(issue as { keys: string[] }).keys.join(', ')})` : '';
    throw invalid(source, issue.path, `${issue.message}${keys}`);
  }
  const ws = result.data;
  const uses = checkChannels(ws, source);
  checkObservations(ws, source);
  checkMeasurements(ws, uses, source);
  return ws;
}

/** Parameter uses of a validated workspace (type and size of each named parameter). */
export function parameterUses(ws: WorkspaceSpec): Map<string, ParameterUse> {
  return checkChannels(ws, 'workspace');
}
