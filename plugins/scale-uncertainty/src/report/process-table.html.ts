import { escapeHtml, formatNumber } from '@hepuq/core';
import type { ProcessPull, ScalePullsResult } from '../analysis/scale-pulls.result.js';

/**
 * The per-process table as an HTML fragment; rows in the tail (|t| above the threshold, plain or
 * corrected) carry `class="tail"`.
 * @example processTableHtml(result) // '<table class="hepuq-scale-pulls">...'
 */
export function processTableHtml(result: ScalePullsResult): string {
  const reference = result.reference !== undefined;
  const head = ['process', 'n', 'group', 'Δσ+/σ0', 'Δσ−/σ0', 'σ_NLO/σ_LO − 1', 't (plain)', ...(reference ? ['Δσref+/σ0', 'Δσref−/σ0', 't (reference)'] : [])];
  const inTail = (p: ProcessPull) => Math.abs(p.pullPlain) > result.tailThreshold || Math.abs(p.pullReference ?? 0) > result.tailThreshold;
  const rows = result.processes.map((p) => {
    const cells = [
      escapeHtml(p.process), String(p.nFinal), p.multiBoson ? 'electroweak (multi-boson)' : p.group,
      formatNumber(p.relUncUp), formatNumber(p.relUncDown), formatNumber(p.relShift), formatNumber(p.pullPlain),
      ...(reference ? [formatNumber(p.refUncUp as number), formatNumber(p.refUncDown as number), formatNumber(p.pullReference as number)] : []),
    ];
    return `<tr${inTail(p) ? ' class="tail"' : ''}>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  });
  const caption = `Pulls t = (σ_NLO − σ_LO)/Δσ_LO (${result.pullDefinition}); rows marked "tail" have |t| > ${result.tailThreshold}.`;
  return [
    '<table class="hepuq-scale-pulls">',
    `<caption>${escapeHtml(caption)}</caption>`,
    `<thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.join('')}</tbody>`,
    '</table>',
  ].join('\n');
}
