import { HepuqError } from '@hepuq/core';
import type { WorkspaceSpec } from './workspace.schema.js';

/** Inputs of `uncorrelatedBackground`: per-bin signal, background, absolute background uncertainty, and optional observations. */
export interface UncorrelatedBackgroundInput {
  signal: readonly number[];
  bkg: readonly number[];
  bkgUncertainty: readonly number[];
  /** Observed counts (default: the background, i.e. a b-only Asimov observation). */
  observations?: readonly number[];
}

/**
 * The workspace of pyhf's `simplemodels.uncorrelated_background`: one channel `singlechannel`, a
 * `signal` sample scaled by the normfactor `mu`, a `background` sample with a shapesys
 * `uncorr_bkguncrt` (one Poisson-constrained gamma per bin, tau = (b/sigma_b)^2), measurement
 * `Measurement` with POI `mu`.
 * @example
 * const ws = uncorrelatedBackground({ signal: [12, 11], bkg: [50, 52], bkgUncertainty: [3, 7], observations: [51, 48] });
 */
export function uncorrelatedBackground(input: UncorrelatedBackgroundInput): WorkspaceSpec {
  const n = input.signal.length;
  for (const [key, arr] of [['bkg', input.bkg], ['bkgUncertainty', input.bkgUncertainty], ['observations', input.observations]] as const) {
    if (arr && arr.length !== n) throw new HepuqError('ShapeMismatch', `uncorrelatedBackground: ${key} has ${arr.length} bins but signal has ${n}`);
  }
  return {
    channels: [
      {
        name: 'singlechannel',
        samples: [
          { name: 'signal', data: [...input.signal], modifiers: [{ name: 'mu', type: 'normfactor', data: null }] },
          { name: 'background', data: [...input.bkg], modifiers: [{ name: 'uncorr_bkguncrt', type: 'shapesys', data: [...input.bkgUncertainty] }] },
        ],
      },
    ],
    observations: [{ name: 'singlechannel', data: [...(input.observations ?? input.bkg)] }],
    measurements: [{ name: 'Measurement', config: { poi: 'mu', parameters: [] } }],
    version: '1.0.0',
  };
}
