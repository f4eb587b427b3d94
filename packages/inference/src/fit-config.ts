import { HepuqError } from '@hepuq/core';
import type { HistFactoryModel } from './histfactory-model.js';

/** Starting values, bounds and fixed flags of one fit (flat parameter order of the model). */
export interface FitConfig {
  init: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  fixed: Uint8Array;
}

/** User overrides by parameter label: `{ fixed: { lumi: 1 }, bounds: { mu: [-5, 5] }, init: { mu: 0.5 } }`. */
export interface FitOverrides {
  init?: Record<string, number>;
  bounds?: Record<string, readonly [number, number]>;
  fixed?: Record<string, number>;
}

/** The measurement's suggested init, bounds and fixed flags, with overrides applied. */
export function fitConfig(model: HistFactoryModel, overrides: FitOverrides = {}): FitConfig {
  const cfg: FitConfig = { init: model.init.slice(), lower: model.lower.slice(), upper: model.upper.slice(), fixed: model.fixed.slice() };
  for (const [label, [lo, hi]] of Object.entries(overrides.bounds ?? {})) {
    if (!(lo < hi)) throw new HepuqError('InvalidArgument', `bounds of "${label}": lower ${lo} is not below upper ${hi}`);
    const i = model.parameterIndex(label);
    cfg.lower[i] = lo;
    cfg.upper[i] = hi;
  }
  for (const [label, v] of Object.entries(overrides.init ?? {})) cfg.init[model.parameterIndex(label)] = v;
  for (const [label, v] of Object.entries(overrides.fixed ?? {})) {
    const i = model.parameterIndex(label);
    cfg.init[i] = v;
    cfg.fixed[i] = 1;
  }
  return cfg;
}

/** A copy of `cfg` with parameter `index` fixed at `value` (the conditional fits of profile likelihoods). */
export function withFixedParameter(cfg: FitConfig, index: number, value: number): FitConfig {
  const out: FitConfig = { init: cfg.init.slice(), lower: cfg.lower, upper: cfg.upper, fixed: cfg.fixed.slice() };
  out.init[index] = value;
  out.fixed[index] = 1;
  return out;
}
