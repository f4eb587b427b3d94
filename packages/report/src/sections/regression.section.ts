import { classSuffixes } from '@hepuq/stats';
import { predictionTargets, type Dataset, type PlotSpec, type RegressionPrediction, type ReportContext, type ReportSection, type TargetPrediction } from '@hepuq/core';
import { binnedMeanMap } from '../plots/binned-mean-map.js';
import { calibrationCurvePlot } from '../plots/calibration-curve.plot.js';
import { heatmapPlot } from '../plots/heatmap.plot.js';
import { MAX_PLOT_POINTS, withUnit } from '../plots/plot-data.js';
import { predictedVsTruePlot } from '../plots/predicted-vs-true.plot.js';
import { predictionBandPlot } from '../plots/prediction-band.plot.js';
import { pullHistogramPlot } from '../plots/pull-histogram.plot.js';
import { sigmaVsFeaturePlot } from '../plots/sigma-vs-feature.plot.js';

export const REGRESSION_SECTION = 'regression';

export interface StandardSectionOptions {
  /** Cap on data rows per plot. */
  maxPoints?: number;
}

function anyNonZero(v: ArrayLike<number>): boolean {
  for (let i = 0; i < v.length; i++) if (v[i] !== 0) return true;
  return false;
}

/**
 * The standard regression plots for a run with a test set, a target and a regression prediction; with
 * several targets, the plots of every target the test set has, named `<plot>-<target>` and titled
 * with the target (truth columns `true_mean_<target>`, `true_sigma_<target>`).
 */
function regressionPlots(ctx: ReportContext, maxPoints: number): PlotSpec[] {
  const test = ctx.test!;
  const pred = ctx.prediction as RegressionPrediction;
  if (!pred.targets) return targetPlots(test, predictionTargets(pred, test.targetName)[0], test.target!, { mean: test.extras.true_mean, sigma: test.extras.true_sigma }, maxPoints);
  // plot names become file names: the target name as a metric suffix (letters, digits, _), unique
  const suffixes = classSuffixes(pred.targets.map((t) => t.name));
  return pred.targets.flatMap((t, k) => {
    const truth = test.targets.find((c) => c.name === t.name)?.values;
    if (!truth) return [];
    const plots = targetPlots(test, t, truth, { mean: test.extras[`true_mean_${t.name}`], sigma: test.extras[`true_sigma_${t.name}`] }, maxPoints);
    return plots.map((plot) => ({ ...plot, name: `${plot.name}-${suffixes[k]}`, title: `${plot.title} (${t.name})` }));
  });
}

/** The plots of one target: its prediction `pred`, its true values `truth` and, for toys, its true mean and width. */
function targetPlots(
  test: Dataset, pred: TargetPrediction, truth: Float32Array, truthColumns: { mean?: Float32Array; sigma?: Float32Array }, maxPoints: number,
): PlotSpec[] {
  const unit = test.units[pred.name];
  const targetTitle = withUnit(pred.name, unit);
  const [f0, f1] = test.featureNames;
  const x = f0 === undefined ? undefined : test.features[f0];
  const xTitle = withUnit(f0, test.units[f0]);
  // a run on particle sets alone has no flat feature: only the plots that need none
  const oneD = test.nFeatures === 1;
  const trueMean = truthColumns.mean;
  const hasStat = anyNonZero(pred.sigmaStat);
  const plots: PlotSpec[] = [];
  if (oneD && x) {
    plots.push(predictionBandPlot({
      x, xTitle, yTitle: targetTitle, mean: pred.mean, sigmaTot: pred.sigmaTot,
      sigmaStat: hasStat ? pred.sigmaStat : undefined, trueMean, target: truth, maxPoints,
    }));
  }
  if (!oneD || !trueMean) {
    plots.push(predictedVsTruePlot({ truth, mean: pred.mean, sigmaTot: pred.sigmaTot, targetTitle, maxPoints }));
  }
  plots.push(pullHistogramPlot({ truth, mean: pred.mean, sigma: pred.sigmaTot, weights: test.weights }));
  plots.push(calibrationCurvePlot({ truth, mean: pred.mean, sigma: pred.sigmaTot, weights: test.weights }));
  if (!x) return plots;
  plots.push(sigmaVsFeaturePlot({
    x, xTitle, sigmaStat: pred.sigmaStat, sigmaSyst: pred.sigmaSyst, sigmaTot: pred.sigmaTot,
    trueSigma: truthColumns.sigma, unit, connect: oneD, maxPoints,
  }));
  if (test.nFeatures > 1) {
    const map = binnedMeanMap(x, test.features[f1], pred.sigmaTot, 30, 30, test.weights);
    plots.push(heatmapPlot({
      name: 'sigma-map', title: `Mean σ_tot over (${f0}, ${f1})`, xTitle, yTitle: withUnit(f1, test.units[f1]),
      colorTitle: withUnit('mean σ_tot', unit), ...map, maxPoints,
    }));
  }
  return plots;
}

/**
 * Report section for regression runs: prediction with ±1σ bands against truth, pulls, calibration
 * curve, uncertainty by source along the first feature (and a σ_tot map for 2+ features), for every
 * target of a multi-target run; a run without flat features (particle sets only) gets the plots that need none.
 * @example registries.reportSections.add(REGRESSION_SECTION, regressionSection())
 */
export function regressionSection(options: StandardSectionOptions = {}): ReportSection {
  const maxPoints = options.maxPoints ?? MAX_PLOT_POINTS;
  return {
    key: REGRESSION_SECTION,
    title: 'Regression',
    order: 10,
    applies: (ctx) => ctx.prediction?.kind === 'regression' && ctx.test?.target !== undefined && ctx.test.n > 0,
    plots: (ctx) => regressionPlots(ctx, maxPoints),
  };
}
