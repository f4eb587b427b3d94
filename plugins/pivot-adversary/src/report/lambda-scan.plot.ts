import type { PlotSpec } from '@hepuq/core';
import { linePlot } from '@hepuq/report';
import type { LambdaPoint } from '../lambda-scan/lambda-scan.step.js';

/**
 * The decorrelation trade-off over lambda: AUC (±1σ) and the flatness of AUC over the nuisance
 * (chi2/ndf against a constant), each against lambda.
 */
export function lambdaScanPlots(points: readonly LambdaPoint[]): PlotSpec[] {
  const lambda = points.map((p) => p.lambda);
  const plots = [linePlot({
    name: 'lambda-scan-auc', title: 'Separation against decorrelation strength', xTitle: 'λ', yTitle: 'AUC',
    series: [{ label: 'AUC', x: lambda, y: points.map((p) => p.auc.value), error: points.map((p) => p.auc.error ?? 0) }],
  })];
  const chi2 = points.map((p) => (p.diagnostics.auc_by_nuisance_chi2_ndf as { value?: number } | undefined)?.value);
  if (chi2.every((v) => typeof v === 'number')) {
    plots.push(linePlot({
      name: 'lambda-scan-flatness', title: 'Dependence of AUC on the nuisance', xTitle: 'λ', yTitle: 'χ²/ndf of AUC by nuisance bin',
      series: [{ label: 'χ²/ndf', x: lambda, y: chi2 as number[] }],
    }));
  }
  return plots;
}
