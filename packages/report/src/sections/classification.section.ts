import type { ClassificationPrediction, PlotSpec, ReportContext, ReportSection } from '@hepuq/core';
import { binnedMeanMap } from '../plots/binned-mean-map.js';
import { heatmapPlot } from '../plots/heatmap.plot.js';
import { muSigmaPlot } from '../plots/mu-sigma.plot.js';
import { MAX_PLOT_POINTS, withUnit } from '../plots/plot-data.js';
import { reliabilityDiagramPlot } from '../plots/reliability-diagram.plot.js';
import { rocCurvePlot } from '../plots/roc-curve.plot.js';
import type { StandardSectionOptions } from './regression.section.js';

export const CLASSIFICATION_SECTION = 'classification';

function classificationPlots(ctx: ReportContext, maxPoints: number): PlotSpec[] {
  const test = ctx.test!;
  const pred = ctx.prediction as ClassificationPrediction;
  const label = test.label!;
  const plots = [
    reliabilityDiagramPlot({ prob: pred.prob, label, weights: test.weights }),
    rocCurvePlot({ prob: pred.prob, label, weights: test.weights, maxPoints }),
    muSigmaPlot({ prob: pred.prob, sigmaProb: pred.sigmaProb, maxPoints }),
  ];
  if (test.nFeatures >= 2) {
    const [f0, f1] = test.featureNames;
    const map = binnedMeanMap(test.features[f0], test.features[f1], pred.sigmaProb, 30, 30, test.weights);
    plots.push(heatmapPlot({
      name: 'sigma-prob-map', title: `Mean σ_pred of the probability over (${f0}, ${f1})`,
      xTitle: withUnit(f0, test.units[f0]), yTitle: withUnit(f1, test.units[f1]), colorTitle: 'mean σ_pred', ...map, maxPoints,
    }));
  }
  return plots;
}

/**
 * Report section for binary classification runs: reliability diagram, ROC curve, the μ–σ plane
 * (and a σ_pred map over the first two features).
 * @example registries.reportSections.add(CLASSIFICATION_SECTION, classificationSection())
 */
export function classificationSection(options: StandardSectionOptions = {}): ReportSection {
  const maxPoints = options.maxPoints ?? MAX_PLOT_POINTS;
  return {
    key: CLASSIFICATION_SECTION,
    title: 'Classification',
    order: 20,
    applies: (ctx) => ctx.prediction?.kind === 'classification' && ctx.test?.label !== undefined && ctx.test.n > 0,
    plots: (ctx) => classificationPlots(ctx, maxPoints),
  };
}
