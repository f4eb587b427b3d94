import { formatNumber } from '@hepuq/core';
import type { IbuResult } from './iterative-unfold.js';

/** Left-aligned columns. */
function columns(rows: string[][]): string[] {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) => r.map((c, j) => c.padEnd(widths[j])).join('  ').trimEnd());
}

/**
 * The readable output of `hepuq ibu`: how the iterations stopped, then one row per cause bin with
 * the unfolded count, its statistical and its response (simulation) uncertainty, and with
 * `return_iterations` the test statistic of every iteration.
 * @example formatIbuTable(result, 'problem.json').forEach((line) => ctx.print(line))
 */
export function formatIbuTable(result: IbuResult, source: string): string[] {
  const stopped = result.ts_iter < result.ts_stopping
    ? `converged: ks = ${formatNumber(result.ts_iter, 3)} < ts_stopping ${result.ts_stopping}`
    : `not converged (stopped at max_iter): ks = ${formatNumber(result.ts_iter, 3)}, ts_stopping ${result.ts_stopping}`;
  const lines = [`ibu ${source}: ${result.num_iterations} iteration${result.num_iterations === 1 ? '' : 's'}, ${stopped}`, ''];
  const rows = result.unfolded.map((u, j) => [String(j), formatNumber(u, 4), formatNumber(result.stat_err[j], 3), formatNumber(result.sys_err[j], 3)]);
  const total = result.unfolded.reduce((a, b) => a + b, 0);
  lines.push(...columns([['cause', 'unfolded', 'stat_err', 'sys_err'], ...rows, ['total', formatNumber(total, 4), '', '']]));
  if (result.iterations) {
    lines.push('', ...columns([['iteration', 'ks'], ...result.iterations.map((it) => [String(it.num_iterations), formatNumber(it.ts_iter, 3)])]));
  }
  return lines;
}
