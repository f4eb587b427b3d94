import { escapeHtml, formatNumber, formatWithError } from '@hepuq/core';
import type { HuntArtifact } from '../hunt/cwola-hunt.step.js';
import type { CorrelationResult } from '../hunt/correlation-check.js';
import type { InjectionScan } from '../hunt/injection-scan.js';
import { rangeText, selectionLabel } from './hunt-plot.helpers.js';
import type { UndrawnPoint } from './p-value-scan.plot.js';

/** A number for a table: `formatNumber`, or '-' where there is none (a failed fit, a value lost to JSON). */
const num = (x: number | null | undefined) => (typeof x === 'number' ? formatNumber(x) : '-');

/** An HTML table; every header and cell is text and is escaped here. */
function table(head: readonly string[], rows: readonly (readonly string[])[], caption?: string): string {
  return '<table class="metrics">'
    + (caption ? `<caption>${escapeHtml(caption)}</caption>` : '')
    + `<thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`
    + `<tbody>${rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td class="num">${escapeHtml(c)}</td>`)).join('')}</tr>`).join('')}</tbody></table>`;
}

/** The selections without a p-value, each with the fit's own message (escaped: it can quote a column or file name). */
export function undrawnHtml(undrawn: readonly UndrawnPoint[]): string {
  if (!undrawn.length) return '';
  const items = undrawn.map((u) => `<li>signal region ${escapeHtml(u.region.index)} (${escapeHtml(rangeText(u.region.sr_range))}), ${escapeHtml(selectionLabel(u.efficiency))}: ${escapeHtml(u.why)}</li>`);
  return `<p>Left out of the p-value scan (no local p-value):</p><ul>${items.join('')}</ul>`;
}

/**
 * The sculpting check per signal region: AUC ± error of a classifier trained on background alone to
 * tell signal region from sidebands (1/2 when the features do not know the resonance variable), its
 * excess in standard errors, and a warning above the configured threshold.
 * @example correlationHtml(artifact.correlation, artifact)
 */
export function correlationHtml(correlation: readonly CorrelationResult[], hunt: Pick<HuntArtifact, 'edges' | 'resonance'>): string {
  const warned = correlation.filter((c) => c.warn);
  const range = (c: CorrelationResult) => (hunt.edges.length > c.sr[1] + 1 ? rangeText([hunt.edges[c.sr[0]], hunt.edges[c.sr[1] + 1]]) : `bins ${c.sr[0]}-${c.sr[1]}`);
  const rows = correlation.map((c) => [
    String(c.index), range(c), typeof c.auc?.value === 'number' ? formatWithError(c.auc.value, c.auc.error) : '-', num(c.z), c.warn ? 'WARNING: sculpting' : 'ok',
  ]);
  const warning = warned.length
    ? `<p class="warning"><strong>Warning:</strong> in signal region${warned.length > 1 ? 's' : ''} ${escapeHtml(warned.map((c) => c.index).join(', '))} a classifier trained on background alone separates the signal region from its sidebands: the features know ${escapeHtml(hunt.resonance)}, so a selection there can sculpt a bump out of background, and its p-values cannot be trusted.</p>`
    : '';
  return `<h3>Correlation check: do the features know ${escapeHtml(hunt.resonance)}?</h3>${warning}`
    + table(['signal region', `range (${hunt.resonance})`, 'AUC (background only)', 'z = (AUC − ½)/error', 'check'], rows,
      'Out-of-fold AUC of signal region against sidebands for a classifier trained on background alone (bootstrap error); ½ when the features are independent of the resonance variable.');
}

/**
 * The injection scan as a table: per injected signal, the signal and background in the signal
 * region before selection, S/√B, and z per selection efficiency.
 * @example injectionHtml(artifact.injection)
 */
export function injectionHtml(scan: InjectionScan): string {
  const efficiencies = [...new Set(scan.points.flatMap((p) => p.selections.map((s) => s.efficiency)))].sort((a, b) => b - a);
  const rows = scan.points.map((p) => [
    String(p.signals), num(p.signal_sr), num(p.background_sr), num(p.s_over_sqrt_b),
    ...efficiencies.map((e) => {
      const s = p.selections.find((x) => x.efficiency === e);
      return s?.error ? `fit failed: ${s.error}` : num(s?.z);
    }),
  ]);
  return `<h3>Signal injection in signal region ${escapeHtml(scan.index)}</h3>`
    + table(['signal events injected', 'signal in SR', 'background in SR', 'S/√B', ...efficiencies.map((e) => `z, ${selectionLabel(e)}`)], rows,
      'Weighted event counts in the signal region before any selection (exact for the sample: the scan knows the truth); z is the local significance of each selection, a test statistic without an error of its own.');
}

/**
 * Every signal region at every efficiency: observed count, fitted background ± its fit
 * uncertainty, z and p0 (and the true signal selected, when the hunt had the truth).
 * @example summaryHtml(artifact)
 */
export function summaryHtml(hunt: Pick<HuntArtifact, 'regions' | 'resonance'>): string {
  const selections = hunt.regions.flatMap((r) => r.selections.map((s) => ({ r, s })));
  const truth = selections.some(({ s }) => typeof s.signal === 'number');
  const errors = selections.some(({ s }) => s.error);
  const rows = selections.map(({ r, s }) => [
    String(r.index), rangeText(r.sr_range), selectionLabel(s.efficiency), num(s.observed),
    typeof s.expected === 'number' ? formatWithError(s.expected, s.sigma_b) : '-', num(s.z), num(s.p0),
    ...(truth ? [num(s.signal)] : []), ...(errors ? [s.error ?? ''] : []),
  ]);
  const head = ['signal region', `range (${hunt.resonance})`, 'selection', 'observed N', 'expected B ± σ_B', 'z', 'p0', ...(truth ? ['true signal selected'] : []), ...(errors ? ['fit error'] : [])];
  return '<h3>All signal regions</h3>' + table(head, rows,
    'Observed: selected (weighted) events in the signal region, the count whose Poisson fluctuation z tests. Expected: the dijet fit to the sidebands, ± its fit uncertainty. z and p0: local significance (one-sided), test statistics without an error of their own.');
}
