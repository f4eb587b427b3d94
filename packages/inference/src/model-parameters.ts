import type { ModifierType, ParameterConfigSpec, WorkspaceSpec } from './workspace.schema.js';

/** How a parameter set enters the likelihood besides the main Poisson term. */
export type ConstraintKind = 'none' | 'normal' | 'poisson';

/**
 * One named parameter set (a scalar like `mu` or one entry per bin like a shapesys), with the
 * pyhf defaults filled in and the measurement's overrides applied.
 */
export interface ParameterSet {
  name: string;
  type: ModifierType;
  /** Index of the first entry in the flat parameter vector. */
  offset: number;
  size: number;
  inits: number[];
  bounds: [number, number][];
  fixed: boolean[];
  constraint: ConstraintKind;
  /** Auxiliary measurements (normal: the mean; poisson: tau, the observed auxiliary count). */
  auxdata: number[];
  /** Normal constraint widths (normal only). */
  sigmas: number[];
  /** Poisson constraint scale factors tau (poisson only): auxiliary rate = gamma * tau. */
  factors: number[];
}

/** Per-bin data gathered from the samples that carry a staterror or shapesys modifier. */
export interface PerBinSource {
  nominal: number[][];
  uncertainty: number[][];
}

const fill = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);

/** Relative staterror width per bin: sqrt(sum_s u_sb^2) / sum_s nom_sb (zero when the bin is empty), pyhf's Barlow-Beeston-lite. */
export function staterrorSigmas(src: PerBinSource): number[] {
  const nbins = src.nominal[0].length;
  return Array.from({ length: nbins }, (_, b) => {
    const total = src.nominal.reduce((acc, nom) => acc + nom[b], 0);
    if (!(total > 0)) return 0;
    return Math.sqrt(src.uncertainty.reduce((acc, u) => acc + (u[b] / total) ** 2, 0));
  });
}

/** shapesys Poisson scale tau_b = (nom_b / sigma_b)^2; bins with nom <= 0 or sigma <= 0 get tau = 1 and are fixed. */
export function shapesysFactors(nominal: number[], uncertainty: number[]): { factors: number[]; fixed: boolean[] } {
  const valid = nominal.map((n, b) => n > 0 && uncertainty[b] > 0);
  return {
    factors: nominal.map((n, b) => (valid[b] ? (n * n) / (uncertainty[b] * uncertainty[b]) : 1)),
    fixed: valid.map((v) => !v),
  };
}

function defaults(type: ModifierType, size: number, src: PerBinSource | undefined): Omit<ParameterSet, 'name' | 'offset'> {
  const base = { type, size, auxdata: [] as number[], sigmas: [] as number[], factors: [] as number[] };
  switch (type) {
    case 'normfactor':
    case 'shapefactor':
      return { ...base, inits: fill(size, 1), bounds: fill(size, [0, 10]), fixed: fill(size, false), constraint: 'none' };
    case 'lumi':
      return { ...base, inits: [1], bounds: [[0, 10]], fixed: [false], constraint: 'normal', auxdata: [1], sigmas: [1] };
    case 'normsys':
    case 'histosys':
      return { ...base, inits: [0], bounds: [[-5, 5]], fixed: [false], constraint: 'normal', auxdata: [0], sigmas: [1] };
    case 'staterror': {
      const widths = staterrorSigmas(src!);
      const fixed = widths.map((w) => w === 0);
      return {
        ...base, inits: fill(size, 1), bounds: fill(size, [1e-10, 10]), fixed, constraint: 'normal',
        auxdata: fill(size, 1), sigmas: widths.map((w) => (w === 0 ? 1 : w)),
      };
    }
    case 'shapesys': {
      const { factors, fixed } = shapesysFactors(src!.nominal[0], src!.uncertainty[0]);
      return { ...base, inits: fill(size, 1), bounds: fill(size, [1e-10, 10]), fixed, constraint: 'poisson', auxdata: factors, factors };
    }
  }
}

function applyConfig(set: ParameterSet, cfg: ParameterConfigSpec | undefined): void {
  if (!cfg) return;
  if (cfg.inits) set.inits = [...cfg.inits];
  if (cfg.bounds) set.bounds = cfg.bounds.map(([lo, hi]) => [lo, hi]);
  if (cfg.fixed !== undefined) set.fixed = fill(set.size, cfg.fixed);
  if (cfg.auxdata && set.constraint !== 'none') set.auxdata = [...cfg.auxdata];
  if (cfg.sigmas && set.constraint === 'normal') set.sigmas = [...cfg.sigmas];
  if (cfg.factors && set.constraint === 'poisson') set.factors = [...cfg.factors];
  // a configured lumi starts at its auxiliary measurement unless inits says otherwise
  if (set.type === 'lumi' && cfg.auxdata && !cfg.inits) set.inits = [...cfg.auxdata];
}

/**
 * The parameter sets of a workspace under one measurement, sorted by name (as pyhf orders its
 * parameters), with flat offsets assigned.
 */
export function buildParameterSets(ws: WorkspaceSpec, config: ParameterConfigSpec[]): ParameterSet[] {
  const sizes = new Map<string, { type: ModifierType; size: number }>();
  const perBin = new Map<string, PerBinSource>();
  for (const channel of ws.channels) {
    for (const sample of channel.samples) {
      for (const mod of sample.modifiers) {
        const isPerBin = mod.type === 'shapesys' || mod.type === 'staterror' || mod.type === 'shapefactor';
        if (!sizes.has(mod.name)) sizes.set(mod.name, { type: mod.type, size: isPerBin ? sample.data.length : 1 });
        if (mod.type === 'shapesys' || mod.type === 'staterror') {
          const src = perBin.get(mod.name) ?? { nominal: [], uncertainty: [] };
          src.nominal.push(sample.data);
          src.uncertainty.push(mod.data);
          perBin.set(mod.name, src);
        }
      }
    }
  }
  let offset = 0;
  return [...sizes.keys()].sort().map((name) => {
    const { type, size } = sizes.get(name)!;
    const set: ParameterSet = { name, offset, ...defaults(type, size, perBin.get(name)) };
    applyConfig(set, config.find((c) => c.name === name));
    offset += size;
    return set;
  });
}
