import type { WorkspaceSpec } from '@hepuq/inference';
import type { Templates } from './template-sample.js';

/** What a profile workspace is built from: templates at Z nominal and at nominal -/+ one sigma, and the observed histogram. */
export interface WorkspaceInputs {
  nominal: Templates;
  lo: Templates;
  hi: Templates;
  observed: Float64Array;
}

/** Names and bounds written into the workspace. */
export interface WorkspaceNames {
  /** The constrained nuisance parameter (alpha = (z - zNominal)/zStd); the model's nuisance column name. */
  parameter: string;
  /** Bounds of mu (the POI). */
  muBounds: [number, number];
  /** Bounds of alpha (pyhf's default [-5, 5], widened to cover the Z grid). */
  alphaBounds: [number, number];
  measurement: string;
}

/** The channel of the score histogram (one channel, one bin per score bin). */
export const SCORE_CHANNEL = 'score';
export const POI = 'mu';

/**
 * A pyhf JSON workspace for the score histogram: samples `signal` (normfactor `mu`) and `background`,
 * both with a histosys `parameter` whose lo/hi data are the templates at zNominal -/+ zStd, i.e. a
 * Gaussian-constrained alpha = (z - zNominal)/zStd (HistFactory, CERN-OPEN-2012-016). No normsys: every
 * template is normalised to its class total (see `templatesAt`), so Z moves shapes, not totals.
 * @example const ws = profileWorkspace(inputs, { parameter: 'z', muBounds: [0, 3], alphaBounds: [-5, 5], measurement: 'aware' })
 */
export function profileWorkspace(t: WorkspaceInputs, names: WorkspaceNames): WorkspaceSpec {
  const list = (h: Float64Array): number[] => Array.from(h);
  const histosys = (lo: Float64Array, hi: Float64Array) => ({ name: names.parameter, type: 'histosys' as const, data: { lo_data: list(lo), hi_data: list(hi) } });
  const init = Math.min(Math.max(1, names.muBounds[0]), names.muBounds[1]);
  return {
    channels: [
      {
        name: SCORE_CHANNEL,
        samples: [
          { name: 'signal', data: list(t.nominal.signal), modifiers: [{ name: POI, type: 'normfactor', data: null }, histosys(t.lo.signal, t.hi.signal)] },
          { name: 'background', data: list(t.nominal.background), modifiers: [histosys(t.lo.background, t.hi.background)] },
        ],
      },
    ],
    observations: [{ name: SCORE_CHANNEL, data: list(t.observed) }],
    measurements: [
      {
        name: names.measurement,
        config: {
          poi: POI,
          parameters: [
            { name: POI, bounds: [names.muBounds], inits: [init] },
            { name: names.parameter, bounds: [names.alphaBounds] },
          ],
        },
      },
    ],
    version: '1.0.0',
  };
}
