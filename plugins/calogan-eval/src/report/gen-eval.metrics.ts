import type { MetricValue, ReportDocument } from '@hepuq/core';
import type { Equivalent } from '../amplification/equivalent-events.js';
import type { GenEvalResult } from '../evaluate/gen-eval.result.js';
import { genEvalHtml } from './gen-eval.html.js';
import { genEvalPlots } from './gen-eval.plots.js';

/**
 * Flat metrics (`fpd`, `kpd`, `w1.mean`, `prdc.precision`, `classifier.auc`, `separation.mean`,
 * `tails.worst_ratio`, `timing.ms_per_event`, `amplification.q10.factor`, ...) each with its error, for
 * metrics tables. Amplification factors without an upper bound (value null) are left out.
 * @example genEvalMetrics(result).fpd // { value: 0.0012, error: 0.0009 }
 */
export function genEvalMetrics(r: GenEvalResult): Record<string, MetricValue> {
  const m: Record<string, MetricValue> = {};
  if (r.fpd) m.fpd = { value: r.fpd.value, error: r.fpd.error };
  if (r.kpd) {
    m.kpd = { value: r.kpd.value, error: r.kpd.error };
    m['kpd.mean'] = { value: r.kpd.mean, error: r.kpd.meanError };
  }
  if (r.w1) {
    m['w1.mean'] = { value: r.w1.mean.value, error: r.w1.mean.error };
    m['w1.noise_floor'] = { value: r.w1.noiseFloor.value, error: r.w1.noiseFloor.meanError };
  }
  if (r.prdc) for (const k of ['precision', 'recall', 'density', 'coverage'] as const) m[`prdc.${k}`] = { value: r.prdc[k].value, error: r.prdc[k].error };
  if (r.classifier) {
    m['classifier.auc'] = { value: r.classifier.auc.value, error: r.classifier.auc.error };
    m['classifier.jsd'] = { value: r.classifier.jsd.value, error: r.classifier.jsd.error };
    m['classifier.mean_w'] = { value: r.classifier.weights.mean, error: r.classifier.weights.meanError };
  }
  if (r.separation) m['separation.mean'] = { value: r.separation.mean.value, error: r.separation.mean.error };
  if (r.tails) m['tails.worst_ratio'] = { value: r.tails.worst.ratio, error: r.tails.worst.error };
  if (r.timing) m['timing.ms_per_event'] = { value: r.timing.best.msPerEvent, error: r.timing.best.error };
  const put = (key: string, e: Equivalent | undefined) => {
    if (e?.value != null) m[key] = { value: e.value, error: e.error ?? undefined };
  };
  for (const s of r.amplification?.settings ?? []) {
    const k = `amplification.q${s.quantiles}`;
    put(`${k}.factor`, s.generated.factor);
    put(`${k}.factor_plateau`, s.generated.asymptotic.factor);
    put(`${k}.train_factor`, s.train.factor);
    put(`${k}.fit_factor`, s.fit?.factor);
    put(`${k}.fit_factor_plateau`, s.fit?.asymptotic.factor);
  }
  return m;
}

/** The standalone report of `hepuq gen-eval --report dir`. */
export function genEvalReportDocument(r: GenEvalResult): ReportDocument {
  return {
    title: `Generator evaluation: ${r.generated.source} vs ${r.reference.source}`,
    metadata: { reference: r.reference, generated: r.generated, features: r.features, normalise: r.normalise, seed: r.seed, seconds: r.seconds },
    metrics: genEvalMetrics(r),
    plots: genEvalPlots(r),
    html: genEvalHtml(r),
  };
}
