import { z } from 'zod';
import { type CommandDefinition, HepuqError, RegistriesToken, type MetricOutput, type MetricValue, describeZodError, type PlotSpec } from '@hepuq/core';
import { computeMetricOutputs, mergeMetricValues } from '../metrics/compute-metrics.js';
import { weightSummary } from '../weighted/weighted-stats.js';
import { calibrationCurveSpec, pullHistogramSpec, reliabilitySpec, rocSpec } from './metric-plots.js';
import { readPredictions } from './read-predictions.js';

const list = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const MetricsCommandOptions = z.object({
  input: z.string({ message: 'is required (--input <file>)' }),
  kind: z.enum(['regression', 'classification']).optional(),
  mean: z.string().optional(),
  sigma: z.string().optional(),
  truth: z.string().optional(),
  weight: z.string().optional(),
  prob: z.string().optional(),
  label: z.string().optional(),
  features: list.optional(),
  metrics: list.optional(),
  format: z.string().optional(),
  report: z.string().optional(),
  json: z.boolean().optional(),
});

/** `value ± error` with 4 significant digits. */
function fmt(v: MetricValue): [string, string] {
  const n = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e5 ? x.toPrecision(4) : x.toExponential(3)) : String(x));
  return [n(v.value), v.error === undefined ? '' : n(v.error)];
}

/** Aligned `name  value  ± error` table. */
export function formatMetricTable(values: Record<string, MetricValue>): string[] {
  const rows = Object.entries(values).map(([k, v]) => [k, ...fmt(v)]);
  const w0 = Math.max(6, ...rows.map((r) => r[0].length));
  const w1 = Math.max(5, ...rows.map((r) => r[1].length));
  return [`${'metric'.padEnd(w0)}  ${'value'.padStart(w1)}  error`, ...rows.map(([k, v, e]) => `${k.padEnd(w0)}  ${v.padStart(w1)}  ${e ? `± ${e}` : ''}`.trimEnd())];
}

/** The report plots available from the metric outputs. */
export function metricPlots(outputs: Record<string, MetricOutput>): PlotSpec[] {
  const plots: PlotSpec[] = [];
  const p = (key: string) => outputs[key]?.plots as Record<string, never> | undefined;
  if (p('pulls')?.pullHistogram) plots.push(pullHistogramSpec(p('pulls')!.pullHistogram));
  if (p('calibration')?.intervalCalibration) plots.push(calibrationCurveSpec(p('calibration')!.intervalCalibration, p('calibration')!.quantileCalibration));
  for (const key of ['mixture-calibration', 'sample-calibration']) {
    if (p(key)?.intervalCalibration) plots.push(calibrationCurveSpec(p(key)!.intervalCalibration, p(key)!.quantileCalibration, `${key}-curve`));
  }
  if (p('ece')?.reliability) plots.push(reliabilitySpec(p('ece')!.reliability));
  if (p('auc')?.roc) plots.push(rocSpec(p('auc')!.roc, outputs.auc.values.auc?.value));
  return plots;
}

/**
 * `hepuq metrics --input preds.csv [--kind ...] [column flags] [--json] [--report dir]`: every applicable
 * metric of the predictions in a file (read through the registered data formats).
 */
export const metricsCommand: CommandDefinition = {
  name: 'metrics',
  description: 'Calibration and scoring metrics (with errors) of predictions stored in a file',
  options: [
    { flags: '--input <file>', description: 'predictions file (format chosen by extension, e.g. .csv)' },
    { flags: '--kind <kind>', description: 'regression | classification (default: from the columns)' },
    { flags: '--mean <col>', description: 'predicted mean column (default: mean)' },
    { flags: '--sigma <col>', description: 'predicted total sigma column (default: sigma_tot, else sigma)' },
    { flags: '--truth <col>', description: 'true value column (default: truth, else y)' },
    { flags: '--weight <col>', description: 'event weight column (default: weight if present)' },
    { flags: '--prob <col>', description: 'predicted probability column (default: prob)' },
    { flags: '--label <col>', description: '0/1 label column (default: label, else y)' },
    { flags: '--features <cols>', description: 'comma-separated feature columns for pull and accuracy over phase space' },
    { flags: '--metrics <keys>', description: 'comma-separated metric keys (default: every applicable metric)' },
    { flags: '--format <key>', description: 'data format key, overriding the file extension' },
    { flags: '--report <dir>', description: 'write report.html with pull, calibration, reliability and ROC plots', output: 'directory' },
    { flags: '--json', description: 'print one JSON object keyed by metric value name ({ value, error })' },
  ],
  async run(_args, options, ctx) {
    const parsed = MetricsCommandOptions.safeParse(options);
    if (!parsed.success) throw new HepuqError('InvalidArgument', `hepuq metrics: ${describeZodError(parsed.error, '--')}`);
    const o = parsed.data;
    const registries = ctx.services.resolve(RegistriesToken);
    const { input, kind } = await readPredictions(registries, o.input, o);
    const outputs = computeMetricOutputs(registries.metrics, input, o.metrics);
    const values = mergeMetricValues(outputs);
    const json = ctx.json || o.json === true;
    if (o.report) {
      const s = weightSummary(input.weights ?? new Float32Array(input.truth.length).fill(1));
      const files = await ctx.writeReport(o.report, {
        title: `hepuq metrics: ${o.input}`,
        metadata: { input: o.input, kind, events: s.n, sumWeights: s.sumW, effectiveEvents: s.neff },
        metrics: values,
        plots: metricPlots(outputs),
      });
      if (!json) ctx.print(`report written: ${files.join(', ')}`);
    }
    if (json) ctx.print(JSON.stringify(values));
    else for (const line of formatMetricTable(values)) ctx.print(line);
    return 0;
  },
};
