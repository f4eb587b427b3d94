import { HepuqError } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';

/** Asymmetric scale uncertainty of one cross section; `up` and `down` are positive magnitudes. */
export interface ScaleEnvelope {
  central: number;
  up: number;
  down: number;
  relUp: number;
  relDown: number;
}

/**
 * Scale envelope Δσ+ = max_i σ(mu_i) - σ(mu0), Δσ- = σ(mu0) - min_i σ(mu_i) over the varied scales
 * (3-point or 7-point set) — arXiv:1405.0301, sec. 2.4.
 * @example scaleEnvelope(10, Float64Array.of(13, 10, 8)) // { up: 3, down: 2, relUp: 0.3, relDown: 0.2, ... }
 */
export function scaleEnvelope(central: number, variations: Float64Array): ScaleEnvelope {
  if (!(central > 0)) {
    throw new HepuqError('InvalidArgument', `central cross section must be positive, got ${central}`, { plugin: PLUGIN_NAME });
  }
  let max = central;
  let min = central;
  for (const sigma of variations) {
    if (sigma > max) max = sigma;
    if (sigma < min) min = sigma;
  }
  const up = max - central;
  const down = central - min;
  return { central, up, down, relUp: up / central, relDown: down / central };
}
