import type { AmplificationResult } from '../amplification/amplification.result.js';
import type { ClassifierTestResult } from '../classifier/classifier-test.js';
import type { FpdResult } from '../metrics/fpd.metric.js';
import type { KpdResult } from '../metrics/kpd.metric.js';
import type { PrdcResult } from '../metrics/prdc.metric.js';
import type { TailResult } from '../metrics/tail-fraction.metric.js';
import type { W1Result } from '../metrics/wasserstein.metric.js';
import type { NormaliseMode } from '../sample/normalise.js';
import type { SummaryRow } from '../summary/summary-row.js';
import type { TimingResult } from '../timing/generation-timing.js';

/** Marks a gen-eval result among a run's artifacts. */
export const GEN_EVAL_RESULT_KIND = 'hepuq/gen-eval';

/** One bin of a plotted histogram (finite edges, original feature units). */
export interface HistogramBin {
  lo: number;
  hi: number;
  reference: number;
  generated: number;
  /** Generated after reweighting by w (classifier plots only). */
  reweighted?: number;
}

/**
 * The result of `gen-eval`: plain JSON (no typed arrays), keyed by metric, every number with its
 * error; small plot data ride along. This is what `--json` prints and a run stores in steps.json.
 */
export interface GenEvalResult {
  kind: typeof GEN_EVAL_RESULT_KIND;
  reference: { source: string; n: number };
  generated: { source: string; n: number };
  features: string[];
  normalise: NormaliseMode;
  seed: number;
  fpd?: FpdResult;
  kpd?: KpdResult;
  w1?: W1Result;
  prdc?: PrdcResult;
  /** The classifier test's numbers (region edges in original units) and its plot data. */
  classifier?: Pick<ClassifierTestResult, 'method' | 'auc' | 'jsd' | 'weights' | 'reweighting' | 'regions'> & {
    /** Histogram of log10 w over generated test events. */
    logWeights: { lo: number; hi: number; count: number }[];
    roc: { fpr: number; tpr: number }[];
    /** Marginals of the classifier test split: reference, generated and generated x w. */
    marginals: { feature: string; bins: HistogramBin[] }[];
  };
  separation?: {
    mean: { value: number; error: number; noiseFloor: number };
    binning: string;
    features: { feature: string; value: number; error: number; noiseFloor: number; bins: HistogramBin[] }[];
  };
  tails?: TailResult;
  timing?: TimingResult;
  /** Training vs generated (vs fitted) samples against a truth sample: quantile MSE curves and amplification factors. */
  amplification?: AmplificationResult;
  summary: SummaryRow[];
  /** Wall time per metric, seconds. */
  seconds: Record<string, number>;
}
