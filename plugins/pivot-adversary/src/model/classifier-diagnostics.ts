import type { Dataset, MetricValue, ModelDiagnostics } from '@hepuq/core';
import { optionalColumn } from '../data/decorrelation-target.js';
import { aucByNuisance, flatness } from '../diagnostics/auc-by-nuisance.js';
import { sculptingJsd } from '../diagnostics/sculpting-jsd.js';

/** What the diagnostics need to know of a trained classifier. */
export interface DiagnosticsSpec {
  nuisance: string;
  nuisanceBins: number;
  sculpt?: string;
  sculptEfficiency: number;
  /** Values measured at training time (e.g. the adversary's final loss and the entropy of Z). */
  training?: Record<string, MetricValue>;
}

/**
 * metrics.json entries of a decorrelated or nuisance-aware classifier on the test set:
 * `auc_by_nuisance` (AUC with error in bins of the nuisance) and its flatness (chi2/ndf and p-value
 * against a constant), `sculpting_jsd` of the mass-like `sculpt` column, and the training values.
 * Columns the test set lacks are skipped.
 */
export function classifierDiagnostics(test: Dataset, prob: Float32Array, spec: DiagnosticsSpec): ModelDiagnostics {
  const out: ModelDiagnostics = { ...spec.training };
  if (!test.label) return out;
  const z = optionalColumn(test, spec.nuisance);
  if (z) {
    const bins = aucByNuisance(prob, test.label, test.weights, z, { bins: spec.nuisanceBins });
    out.auc_by_nuisance = bins;
    if (bins.length > 1) {
      const flat = flatness(bins);
      out.auc_by_nuisance_chi2_ndf = { value: flat.chi2 / flat.ndf };
      out.auc_by_nuisance_pvalue = { value: flat.pValue };
    }
  }
  const m = spec.sculpt ? optionalColumn(test, spec.sculpt) : undefined;
  if (m) {
    const jsd = sculptingJsd(prob, test.label, test.weights, m, { signalEfficiency: spec.sculptEfficiency });
    out.sculpting_jsd = { value: jsd.value, error: jsd.error };
  }
  return out;
}
