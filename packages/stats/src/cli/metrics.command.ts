import { z } from 'zod';
import { buildReportDocument, type CommandDefinition, measurementText, type MetricValue, parseOrThrow, RegistriesToken } from '@hepuq/core';
import { computeMetricOutputs, mergeMetricValues } from '../metrics/compute-metrics.js';
import { weightSummary } from '../weighted/weighted-stats.js';
import { readPredictions } from './read-predictions.js';

/**
 * Where `hepuq metrics --report` puts its metric outputs (`Record<key, MetricOutput>`) in the report
 * context's `artifacts`, for a report section (@hepuq/report's `metric-plots`) to draw.
 */
export const METRIC_OUTPUTS_ARTIFACT = 'metricOutputs';

const list = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const MetricsCommandOptions = z.object({
  input: z.string({ message: 'is required (--input <file>)' }),
  kind: z.enum(['regression', 'classification', 'multiclass']).optional(),
  mean: z.string().optional(),
  sigma: z.string().optional(),
  truth: z.string().optional(),
  target: z.string().min(1).optional(),
  weight: z.string().optional(),
  prob: z.string().optional(),
  label: z.string().optional(),
  features: list.optional(),
  metrics: list.optional(),
  format: z.string().optional(),
  report: z.string().optional(),
  json: z.boolean().optional(),
});

/**
 * Aligned `name  value ± error` table, each measurement rounded by the PDG rule (`measurementText`);
 * a value without an error is shown alone.
 * @example formatMetricTable({ auc: { value: 0.8488, error: 0.0055 } }) // ['metric  value ± error (1σ)', 'auc     0.849 ± 0.006']
 */
export function formatMetricTable(values: Record<string, MetricValue>): string[] {
  const rows = Object.entries(values).map(([k, v]) => {
    const text = measurementText(v.value, v.error);
    const at = text.indexOf(' ± ');
    return at < 0 ? [k, text, ''] : [k, text.slice(0, at), text.slice(at)];
  });
  const w0 = Math.max(6, ...rows.map((r) => r[0].length));
  const w1 = Math.max(5, ...rows.map((r) => r[1].length));
  return [`${'metric'.padEnd(w0)}  ${'value'.padStart(w1)} ± error (1σ)`, ...rows.map(([k, v, e]) => `${k.padEnd(w0)}  ${v.padStart(w1)}${e}`)];
}

/**
 * `hepuq metrics --input preds.csv [--kind ...] [column flags] [--json] [--report dir]`: every applicable
 * metric of the predictions in a file (read through the registered data formats).
 */
export const metricsCommand: CommandDefinition = {
  name: 'metrics',
  description: 'Calibration and scoring metrics (with errors) of predictions stored in a file',
  options: [
    { flags: '--input <file>', description: 'predictions file, optionally file:item (an HDF5 dataset, a ROOT tree); format chosen by extension, e.g. .csv' },
    { flags: '--kind <kind>', description: 'regression | classification | multiclass (default: from the columns; prob_<class> columns mean multiclass)' },
    { flags: '--mean <col>', description: 'predicted mean column (default: mean)' },
    { flags: '--sigma <col>', description: 'predicted total sigma column (default: sigma_tot, else sigma)' },
    { flags: '--truth <col>', description: 'true value column (default: truth, else y)' },
    { flags: '--target <name>', description: 'one target of a multi-target predictions file: its mean_<name>, sigma_*_<name>, replica_<r>_<name> and truth <name> columns' },
    { flags: '--weight <col>', description: 'event weight column (default: weight if present)' },
    { flags: '--prob <col>', description: 'predicted probability column (default: prob)' },
    { flags: '--label <col>', description: 'label column, 0/1 or 0..K-1 (default: label, else y)' },
    { flags: '--features <cols>', description: 'comma-separated feature columns for pull and accuracy over phase space' },
    { flags: '--metrics <keys>', description: 'comma-separated metric keys (default: every applicable metric)' },
    { flags: '--format <key>', description: 'data format key, overriding the file extension' },
    { flags: '--report <dir>', description: 'write report.html with pull, calibration, reliability (also per class) and ROC plots', output: 'directory' },
    { flags: '--json', description: 'print one JSON object keyed by metric value name ({ value, error })' },
  ],
  async run(_args, options, ctx) {
    const o = parseOrThrow(MetricsCommandOptions, options, { code: 'InvalidArgument', where: 'hepuq metrics', flags: true });
    const registries = ctx.services.resolve(RegistriesToken);
    const { input, kind } = await readPredictions(registries, o.input, o);
    const outputs = computeMetricOutputs(registries.metrics, input, o.metrics);
    const values = mergeMetricValues(outputs);
    const json = ctx.json || o.json === true;
    if (o.report) {
      const s = weightSummary(input.weights ?? new Float32Array(input.truth.length).fill(1));
      // the plots come from the registered report sections (@hepuq/report draws metric outputs), so
      // this package holds no plot specs and needs no dependency on the report
      const sections = registries.reportSections.entries().map((e) => e.value);
      const doc = buildReportDocument(sections, {
        name: o.input,
        metadata: { input: o.input, kind, events: s.n, sumWeights: s.sumW, effectiveEvents: s.neff },
        metrics: values,
        prediction: input.prediction,
        artifacts: { [METRIC_OUTPUTS_ARTIFACT]: outputs },
      }, `hepuq metrics: ${o.input}`);
      const files = await ctx.writeReport(o.report, doc);
      if (!json) ctx.print(`report written: ${files.join(', ')}`);
    }
    if (json) ctx.print(JSON.stringify(values));
    else for (const line of formatMetricTable(values)) ctx.print(line);
    return 0;
  },
};
