import { HepuqError } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import type { HuntBins, SignalRegions } from './hunt.options.js';

/** One signal region: its bins and those of the sidebands around it (0-based, inclusive). */
export interface SignalRegion {
  index: number;
  /** First and last bin of the signal region. */
  sr: [number, number];
  /** First and last bin of signal region and sidebands together (the training window). */
  window: [number, number];
}

/** The bin edges the options describe. */
export function huntEdges(bins: HuntBins): number[] {
  if ('edges' in bins) return [...bins.edges];
  const { n, min, max, scale } = bins;
  // the end points exactly, whatever the rounding in between
  return Array.from({ length: n + 1 }, (_, i) => (i === n ? max : scale === 'log' ? min * (max / min) ** (i / n) : min + ((max - min) * i) / n));
}

/**
 * The signal regions over `nBins` bins: sliding windows whose sidebands fit inside the bins, or the
 * explicit windows, each checked to leave `sideband` bins on both sides.
 * @example signalRegions({ width: 2, sideband: 2, step: 1 }, 10).map((r) => r.sr) // [[2,3], [3,4], ..., [6,7]]
 */
export function signalRegions(options: SignalRegions, nBins: number): SignalRegion[] {
  const sb = options.sideband;
  const ranges: [number, number][] = [];
  if ('windows' in options) {
    options.windows.forEach(([lo, hi], i) => {
      if (hi < lo || lo - sb < 0 || hi + sb > nBins - 1) {
        throw new HepuqError('InvalidConfig', `signalRegions.windows[${i}]: bins ${lo}..${hi} need ${sb} sideband bin(s) on each side within bins 0..${nBins - 1}`, {
          hint: 'A signal region at the edge of the spectrum has no sideband there: move it inward or add bins.', plugin: PLUGIN_NAME,
        });
      }
      ranges.push([lo, hi]);
    });
  } else {
    for (let lo = sb; lo + options.width - 1 + sb <= nBins - 1; lo += options.step) ranges.push([lo, lo + options.width - 1]);
    if (ranges.length === 0) {
      throw new HepuqError('InvalidConfig', `signalRegions: ${nBins} bins cannot hold a signal region of ${options.width} bin(s) with ${sb} sideband bin(s) on each side`, {
        hint: 'Use more bins, a narrower signal region or fewer sideband bins.', plugin: PLUGIN_NAME,
      });
    }
  }
  return ranges.map((sr, index) => ({ index, sr, window: [sr[0] - sb, sr[1] + sb] }));
}
