import { binIndex, binning, type Binning } from '../stats/binning.js';
import { column, weightAt, type FeatureSample } from '../sample/feature-sample.js';

/**
 * The quantile cells of a truth sample: every feature cut at its q-quantiles (q equal-probability bins,
 * open outer bins), the cells the product grid of those bins (q^d of them). In 1-D every cell holds 1/q
 * of the truth; in d-D the cells hold the truth's joint fractions, which the correlations make unequal
 * (Butter et al. 2008.06545 bin the ring and the spherical shell the same way).
 */
export interface QuantileCells {
  /** Quantiles asked for per feature. */
  quantiles: number;
  /** One quantile binning per feature (fewer than q bins where ties merge edges). */
  binnings: Binning[];
  /** Number of cells, the product of the bins per feature. */
  cells: number;
}

/**
 * Cut every feature of `truth` at its weighted q-quantiles.
 * @example const cells = quantileCells(truth, 10); // 10 bins per feature, 10^d cells
 */
export function quantileCells(truth: FeatureSample, quantiles: number): QuantileCells {
  const binnings = truth.names.map((_, j) => {
    const values = column(truth, j);
    return binning('quantile', values, truth.weights, values, quantiles);
  });
  return { quantiles, binnings, cells: binnings.reduce((m, b) => m * b.nBins, 1) };
}

/**
 * The cell of every event (row-major over the features' bins).
 * @example const index = cellIndices(cells, generated); // index[i] in [0, cells.cells)
 */
export function cellIndices(cells: QuantileCells, sample: FeatureSample): Int32Array {
  const out = new Int32Array(sample.n);
  const { d, data } = sample;
  for (let i = 0; i < sample.n; i++) {
    let c = 0;
    for (let j = 0; j < d; j++) c = c * cells.binnings[j].nBins + binIndex(cells.binnings[j], data[i * d + j]);
    out[i] = c;
  }
  return out;
}

/** Weighted cell fractions of some events and their Kish effective number. */
export interface CellFractions {
  fractions: Float64Array;
  /** Kish effective number of events (sum w)^2 / sum w^2; the event count for unit weights. */
  nEff: number;
}

/**
 * Fractions of the (weighted) events `rows` (default: all) per cell; negative weights count as 0, as
 * in every quantile bin of this plugin.
 * @example const { fractions, nEff } = cellFractions(index, cells.cells, sample);
 */
export function cellFractions(index: Int32Array, cells: number, sample: FeatureSample, rows?: ArrayLike<number>): CellFractions {
  const fractions = new Float64Array(cells);
  const count = rows ? rows.length : index.length;
  let sw = 0, sw2 = 0;
  for (let r = 0; r < count; r++) {
    const i = rows ? rows[r] : r;
    const w = Math.max(0, weightAt(sample, i));
    fractions[index[i]] += w;
    sw += w;
    sw2 += w * w;
  }
  for (let c = 0; c < cells; c++) fractions[c] /= sw;
  return { fractions, nEff: (sw * sw) / sw2 };
}
