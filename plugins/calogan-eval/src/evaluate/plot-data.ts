import type { ClassifierTestResult } from '../classifier/classifier-test.js';
import type { SeparationResult } from '../metrics/separation-power.metric.js';
import type { TailResult } from '../metrics/tail-fraction.metric.js';
import { column, type FeatureSample } from '../sample/feature-sample.js';
import type { Normalised } from '../sample/normalise.js';
import { binning, fillHistogram, type Binning } from '../stats/binning.js';
import type { GenEvalResult, HistogramBin } from './gen-eval.result.js';

/** x' -> x for feature j: undo the reference normalisation. */
const original = (norm: Normalised, j: number, x: number) => x * norm.scale[j] + norm.shift[j];

function range(values: Float64Array[]): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) for (const x of v) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
  return [lo, hi];
}

/** Finite bin edges (nBins + 1) of a binning; open outer bins end at the data range. */
function finiteEdges(b: Binning, lo: number, hi: number): number[] {
  if (!b.open) return Array.from(b.edges);
  return [Math.min(lo, b.edges[0] ?? lo), ...b.edges, Math.max(hi, b.edges[b.edges.length - 1] ?? hi)];
}

function normalisedHist(b: Binning, values: Float64Array, weights?: Float64Array): number[] {
  const { sumW } = fillHistogram(b, values, weights);
  const tot = sumW.reduce((s, v) => s + v, 0);
  return Array.from(sumW, (v) => v / tot);
}

/** Separation result with its histograms in the original units, as plain JSON. */
export function separationPlotData(sep: SeparationResult, ref: FeatureSample, gen: FeatureSample, norm: Normalised): NonNullable<GenEvalResult['separation']> {
  return {
    mean: sep.mean,
    binning: sep.features[0]?.binning.rule ?? 'quantile',
    features: sep.features.map((f, j) => {
      const [lo, hi] = range([column(ref, j), column(gen, j)]);
      const edges = finiteEdges(f.binning, lo, hi).map((x) => original(norm, j, x));
      const bins: HistogramBin[] = Array.from(f.reference, (r, k) => ({ lo: edges[k], hi: edges[k + 1], reference: r, generated: f.generated[k] }));
      return { feature: f.feature, value: f.value, error: f.error, noiseFloor: f.noiseFloor, bins };
    }),
  };
}

/** Tail cuts back in the original units. */
export function toOriginalUnits(tails: TailResult, norm: Normalised): TailResult {
  const names = norm.reference.names;
  const sides = tails.sides.map((s) => ({ ...s, cut: original(norm, names.indexOf(s.feature), s.cut) }));
  const worst = sides[tails.sides.indexOf(tails.worst)];
  return { ...tails, sides, worst };
}

/**
 * ROC curve (reference = positive class), at most `points` points, event-weighted. Not core's
 * `rocCurve`: it is thinned by event count (every `step`-th event, ties split in sort order), which
 * the result's `roc` field keeps.
 */
function rocCurve(c: ClassifierTestResult, points = 101): { fpr: number; tpr: number }[] {
  const s = [...Array.from(c.scores.reference, (v, i) => ({ v, pos: 1, w: c.referenceTest.weights?.[i] ?? 1 })), ...Array.from(c.scores.generated, (v, i) => ({ v, pos: 0, w: c.generatedTest.weights?.[i] ?? 1 }))];
  s.sort((a, b) => b.v - a.v);
  const totP = s.reduce((t, e) => t + e.pos * e.w, 0);
  const totN = s.reduce((t, e) => t + (1 - e.pos) * e.w, 0);
  const out = [{ fpr: 0, tpr: 0 }];
  let tp = 0, fp = 0;
  const step = Math.max(1, Math.floor(s.length / (points - 1)));
  s.forEach((e, i) => {
    if (e.pos) tp += e.w;
    else fp += e.w;
    if ((i + 1) % step === 0 || i === s.length - 1) out.push({ fpr: fp / totN, tpr: tp / totP });
  });
  return out;
}

/** Classifier-test result as plain JSON with its plot data (w histogram, ROC, reweighted marginals). */
export function classifierPlotData(c: ClassifierTestResult, norm: Normalised, bins = 10): NonNullable<GenEvalResult['classifier']> {
  const logW = c.w.map((w) => Math.log10(w));
  const [lo, hi] = range([logW]);
  const nLog = 40;
  const width = hi > lo ? (hi - lo) / nLog : 1;
  const counts = new Array<number>(nLog).fill(0);
  for (const x of logW) counts[Math.min(nLog - 1, Math.floor((x - lo) / width))]++;
  const names = norm.reference.names;
  const reweighted = Float64Array.from(c.w, (w, i) => w * (c.generatedTest.weights?.[i] ?? 1));
  const marginals = names.map((feature, j) => {
    const rc = column(c.referenceTest, j);
    const gc = column(c.generatedTest, j);
    const b = binning('quantile', rc, c.referenceTest.weights, gc, bins);
    const [a, z] = range([rc, gc]);
    const edges = finiteEdges(b, a, z).map((x) => original(norm, j, x));
    const r = normalisedHist(b, rc, c.referenceTest.weights);
    const g = normalisedHist(b, gc, c.generatedTest.weights);
    const rw = normalisedHist(b, gc, reweighted);
    return { feature, bins: r.map((v, k) => ({ lo: edges[k], hi: edges[k + 1], reference: v, generated: g[k], reweighted: rw[k] })) };
  });
  const regions = c.regions.map((region) => {
    const j = names.indexOf(region.feature);
    const [a, z] = range([column(c.generatedTest, j)]);
    return { ...region, lo: original(norm, j, Number.isFinite(region.lo) ? region.lo : a), hi: original(norm, j, Number.isFinite(region.hi) ? region.hi : z) };
  });
  return {
    method: c.method,
    auc: c.auc,
    jsd: c.jsd,
    weights: c.weights,
    reweighting: c.reweighting,
    regions,
    logWeights: counts.map((count, k) => ({ lo: lo + k * width, hi: lo + (k + 1) * width, count })),
    roc: rocCurve(c),
    marginals,
  };
}
