import { normalPdf } from '../../special/normal.js';

/** Bins and half-range of the pull histograms (pulls on [-5, 5] in 40 bins of 0.25). */
export const PULL_BINS = 40;
export const PULL_RANGE = 5;

/** A pull histogram as a density with its errors and the unit Gaussian at the bin centres. */
export interface PullHistogram {
  center: number[];
  density: number[];
  densityError: number[];
  gaussian: number[];
}

/** Weighted histogram of pulls on [-range, range] normalised to a density, with the unit Gaussian. */
export function pullHistogram(t: Float64Array, w: Float32Array, sumW: number, bins = PULL_BINS, range = PULL_RANGE): PullHistogram {
  const width = (2 * range) / bins;
  const counts = new Float64Array(bins);
  const sumW2 = new Float64Array(bins);
  for (let i = 0; i < t.length; i++) {
    const b = Math.floor((t[i] + range) / width);
    if (b >= 0 && b < bins) {
      counts[b] += w[i];
      sumW2[b] += w[i] * w[i];
    }
  }
  return pullDensity(counts, sumW2, sumW, range);
}

/** Density c_b / (W width) with error sqrt(sum_b w^2) / (W width) from per-bin sums of w and w^2. */
export function pullDensity(counts: Float64Array, sumW2: Float64Array, sumW: number, range = PULL_RANGE): PullHistogram {
  const bins = counts.length;
  const width = (2 * range) / bins;
  const center = Array.from({ length: bins }, (_, b) => -range + (b + 0.5) * width);
  return {
    center,
    density: Array.from(counts, (c) => c / (sumW * width)),
    densityError: Array.from(sumW2, (s) => Math.sqrt(s) / (sumW * width)),
    gaussian: center.map(normalPdf),
  };
}
