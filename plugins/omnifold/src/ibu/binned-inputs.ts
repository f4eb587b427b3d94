import { ibuError } from './ibu-error.js';
import { binIndex } from '@hepuq/core';
import { checkEdges, weightedHistogram, type NumericColumn } from './weighted-histogram.js';

/**
 * One observable of a simulation and a measurement, event by event: the simulation's particle-level
 * (`simGen`) and detector-level (`simReco`) values, weights and pass flags (1 = the event passes;
 * absent: all pass), the measured `dataReco` with its weights, and the bin edges of both levels.
 */
export interface BinnedSample {
  simGen: NumericColumn;
  simReco: NumericColumn;
  simWeights?: NumericColumn;
  passGen?: Uint8Array;
  passReco?: Uint8Array;
  dataReco: NumericColumn;
  dataWeights?: NumericColumn;
  /** Pass flags of the measured events (absent: all pass). */
  dataPassReco?: Uint8Array;
  genEdges: number[];
  recoEdges: number[];
}

/** pyunfold's six inputs built from a sample (plain arrays: spread them into an IBU problem), with what went into them. */
export interface BinnedUnfoldingInputs {
  /** Measured weighted counts per reco bin after the fake subtraction: (1 - fake_i) D_i. */
  data: number[];
  /** (1 - fake_i) sqrt(sum of squared data weights in reco bin i). */
  data_err: number[];
  /** response[i][j] = P(reco bin i | gen bin j) = R_ij / T_j; column j sums to efficiencies[j]. */
  response: number[][];
  /** sqrt(P_ij (1 - P_ij) / N_j): binomial error with the Kish effective number N_j = T_j^2 / sum w^2 of gen bin j. */
  response_err: number[][];
  /** eps_j = sum_i R_ij / T_j: the weighted fraction of gen bin j reconstructed inside the reco edges. */
  efficiencies: number[];
  /** eps_j / sqrt(N_j), so pyunfold's effective simulation size (eps/eps_err)^2 is N_j. */
  efficiencies_err: number[];
  fakes: {
    /** fake_i = F_i / S_i: share of the simulated weight in reco bin i with no gen bin. */
    fraction: number[];
    /** The measured counts before the fake subtraction (D_i) and their errors. */
    dataBeforeFakes: number[];
    dataBeforeFakesErr: number[];
  };
  /** The simulation's particle-level histogram T_j in the gen bins, its sum of w^2 and Kish effective size N_j. */
  simTruth: { sumW: number[]; sumW2: number[]; effectiveEvents: number[] };
  genEdges: number[];
  recoEdges: number[];
}

/**
 * Build pyunfold's binned inputs from events. A simulated event with weight w is "in gen bin j" when
 * it passes gen and its gen value lies in the gen edges, "in reco bin i" likewise at reco level:
 *   T_j = sum w in gen bin j, R_ij = sum w in gen bin j and reco bin i, S_i = sum w in reco bin i;
 *   response P_ij = R_ij / T_j (normalised per cause column so that it sums to the efficiency, as
 *   pyunfold's docs require); efficiency eps_j = sum_i P_ij (events failing reco or reconstructed
 *   outside the reco edges lower it);
 *   response_err = sqrt(P_ij (1 - P_ij) / N_j), N_j = T_j^2 / sum w^2 (Kish) — the binomial error, i.e.
 *   the diagonal of the multinomial covariance pyunfold uses by default (its tutorial's Poisson
 *   sqrt(counts) / column-sum is the small-P limit of it); efficiencies_err = eps_j / sqrt(N_j);
 *   fakes: simulated events in a reco bin with no gen bin (failing gen, or gen outside the edges):
 *   fake_i = F_i / S_i, and the measured count of reco bin i is scaled by (1 - fake_i) (its error too).
 * Numerics in Float64; a gen bin with no simulated weight gets a zero response column and efficiency
 * (which `iterativeUnfold` rejects, naming the cause bin).
 * @example const inputs = binnedUnfoldingInputs({ simGen, simReco, simWeights, passGen, passReco, dataReco, dataWeights, genEdges: [0, 1, 2], recoEdges: [0, 0.5, 1, 1.5, 2] })
 */
export function binnedUnfoldingInputs(s: BinnedSample): BinnedUnfoldingInputs {
  checkEdges(s.genEdges, 'genEdges');
  checkEdges(s.recoEdges, 'recoEdges');
  const n = s.simGen.length;
  for (const [name, col] of [['simReco', s.simReco], ['simWeights', s.simWeights], ['passGen', s.passGen], ['passReco', s.passReco]] as const) {
    if (col && col.length !== n) throw ibuError('ShapeMismatch', `${name} has ${col.length} events but simGen has ${n}`, 'Give every simulation column for the same events.');
  }
  for (const [name, col] of [['dataWeights', s.dataWeights], ['dataPassReco', s.dataPassReco]] as const) {
    if (col && col.length !== s.dataReco.length) throw ibuError('ShapeMismatch', `${name} has ${col.length} events but dataReco has ${s.dataReco.length}`);
  }
  const nC = s.genEdges.length - 1;
  const nE = s.recoEdges.length - 1;
  const T = new Float64Array(nC);
  const T2 = new Float64Array(nC);
  const R = new Float64Array(nE * nC);
  const S = new Float64Array(nE);
  const F = new Float64Array(nE);
  for (let k = 0; k < n; k++) {
    const j = s.passGen && !s.passGen[k] ? -1 : binOf(s.simGen[k], s.genEdges, 'simGen', k);
    const i = s.passReco && !s.passReco[k] ? -1 : binOf(s.simReco[k], s.recoEdges, 'simReco', k);
    if (i < 0 && j < 0) continue;
    const w = s.simWeights ? s.simWeights[k] : 1;
    if (!Number.isFinite(w)) throw ibuError('NonFiniteValue', `simWeights[${k}] is ${w}`, 'Remove or fix the event; hepuq never drops NaN/Inf silently.');
    if (j >= 0) {
      T[j] += w;
      T2[j] += w * w;
    }
    if (i >= 0) {
      S[i] += w;
      if (j >= 0) R[i * nC + j] += w;
      else F[i] += w;
    }
  }
  const neff = Array.from(T, (t, j) => (T2[j] > 0 ? (t * t) / T2[j] : 0));
  const response = Array.from({ length: nE }, (_, i) => Array.from({ length: nC }, (_, j) => (T[j] !== 0 ? R[i * nC + j] / T[j] : 0)));
  const efficiencies = Array.from({ length: nC }, (_, j) => response.reduce((acc, row) => acc + row[j], 0));
  const responseErr = response.map((row) => row.map((p, j) => (neff[j] > 0 ? Math.sqrt(Math.max(p * (1 - p), 0) / neff[j]) : 0)));
  const efficienciesErr = efficiencies.map((e, j) => (neff[j] > 0 ? e / Math.sqrt(neff[j]) : 0));

  const measured = weightedHistogram(s.dataReco, s.dataWeights, s.recoEdges, s.dataPassReco, 'dataReco');
  const fakeFraction = Array.from(S, (si, i) => (si !== 0 ? F[i] / si : 0));
  const keep = fakeFraction.map((f) => 1 - f);
  return {
    data: Array.from(measured.sumW, (d, i) => keep[i] * d),
    data_err: Array.from(measured.sumW2, (d2, i) => keep[i] * Math.sqrt(d2)),
    response,
    response_err: responseErr,
    efficiencies,
    efficiencies_err: efficienciesErr,
    fakes: { fraction: fakeFraction, dataBeforeFakes: Array.from(measured.sumW), dataBeforeFakesErr: Array.from(measured.sumW2, Math.sqrt) },
    simTruth: { sumW: Array.from(T), sumW2: Array.from(T2), effectiveEvents: neff },
    genEdges: [...s.genEdges],
    recoEdges: [...s.recoEdges],
  };
}

function binOf(x: number, edges: number[], name: string, k: number): number {
  if (!Number.isFinite(x)) throw ibuError('NonFiniteValue', `${name}[${k}] is ${x}`, 'Remove or fix the event (or set its pass flag to 0); hepuq never drops NaN/Inf silently.');
  return binIndex(x, edges);
}
