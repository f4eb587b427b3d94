import { VEGA_LITE_SCHEMA, type PlotSpec } from '@hepuq/core';
import { histogramPlot, type HistogramSeries } from '@hepuq/report';
import type { ObservableSummary } from '../observables/unfolded-observable.js';
import type { IbuObservable } from '../observables/ibu-comparison.js';

/** unfolded.json's entry for one observable, as the report reads it. */
export type ReportedObservable = ObservableSummary & { ibu?: IbuObservable };

/**
 * One observable unfolded: OmniFold (its quoted error, `total_err`), IBU
 * (statistical and systematic), the simulation before unfolding and the truth when known, above a
 * ratio panel to the truth (or, without truth, to OmniFold), where the reference is the line at 1.
 */
export function unfoldedSpectrumPlot(o: ReportedObservable): PlotSpec {
  const series: HistogramSeries[] = [{ label: 'OmniFold', values: o.omnifold.density, errors: o.omnifold.total_err ?? undefined }];
  if (o.ibu) series.push({ label: 'IBU', values: o.ibu.density, errors: o.ibu.total_err });
  if (o.truth) series.push({ label: 'truth', values: o.truth.density });
  series.push({ label: 'simulation (prior)', values: o.prior.density });
  const reference = o.truth?.density ?? o.omnifold.density;
  const ratio = (s: HistogramSeries): HistogramSeries => ({
    label: s.label,
    values: Array.from(s.values, (v, b) => (reference[b] > 0 ? v / reference[b] : 0)),
    errors: s.errors && Array.from(s.errors, (e, b) => (reference[b] > 0 ? e / reference[b] : 0)),
  });
  const name = `unfolded-${o.column.replace(/[^A-Za-z0-9_.-]+/g, '-')}`;
  const main = histogramPlot({ name, title: `Unfolded ${o.column}`, xTitle: o.column, yTitle: 'normalised density', edges: o.edges, series });
  const panel = histogramPlot({
    name: `${name}-ratio`, title: '', xTitle: o.column, yTitle: `ratio to ${o.truth ? 'truth' : 'OmniFold'}`, edges: o.edges,
    series: series.map(ratio),
  });
  const strip = ({ $schema: _schema, ...rest }: Record<string, unknown>) => rest;
  return { name: main.name, title: main.title, spec: { $schema: VEGA_LITE_SCHEMA, vconcat: [strip(main.spec), { ...strip(panel.spec), height: 100 }] } };
}
