import { formatNumber, formatWithError } from '@hepuq/core';
import type { GroupSummaries, ScalePullsResult, TailProcess } from '../analysis/scale-pulls.result.js';

/** Left-aligned columns. */
function columns(rows: string[][]): string[] {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) => r.map((c, j) => c.padEnd(widths[j])).join('  ').trimEnd());
}

/** One line per group: n, mean, std, median, fractions beyond 1/2/3 sigma. */
function summaryLines(label: string, summaries: GroupSummaries): string[] {
  const header = [label, 'n', 'mean', 'std', 'median', '|t|>1', '|t|>2', '|t|>3'];
  const rows = Object.entries(summaries).map(([group, s]) => [
    group, String(s.n), formatWithError(s.mean, s.meanError), formatWithError(s.std, s.stdError), formatNumber(s.median),
    ...s.beyond.map((b) => formatWithError(b.fraction, b.error)),
  ]);
  const gaussian = summaries.all.beyond.map((b) => b.gaussian.toFixed(4));
  return columns([header, ...rows, ['unit Gaussian', '', '0', '1', '0', ...gaussian]]);
}

const tailLine = (label: string, tail: TailProcess[], threshold: number) =>
  `${label} tail (|t| > ${threshold}): ${tail.length === 0 ? 'none' : tail.map((p) => `${p.process} (${formatNumber(p.pull)}${p.multiBoson ? ', multi-boson' : ''})`).join('; ')}`;

/**
 * Human-readable output of `hepuq scale-pulls`: inputs, per-process pulls, summaries against the
 * unit Gaussian, the tail, and (method `reference`) the before/after comparison.
 * @example formatScalePulls(result).forEach((line) => ctx.print(line))
 */
export function formatScalePulls(result: ScalePullsResult): string[] {
  const ref = result.reference;
  const lines = [
    `scale-pulls: ${result.table.path} (${result.table.processes} processes, layout ${result.table.layout}); pull ${result.pullDefinition}, method ${result.method}`,
  ];
  if (ref) {
    const a = ref.qcdPerParticle;
    lines.push(`QCD per-particle average <Δσ/(nσ0)> from ${ref.path} (${a.processes} processes): +${formatWithError(a.up, a.upError)} / -${formatWithError(a.down, a.downError)}`);
  }
  lines.push('');
  const head = ['process', 'n', 'group', 'Δσ+/σ0', 'Δσ-/σ0', 't plain', ...(ref ? ['Δσref+/σ0', 't reference'] : [])];
  const rows = result.processes.map((p) => [
    p.process, String(p.nFinal), p.multiBoson ? 'ew multi-boson' : p.group, formatNumber(p.relUncUp), formatNumber(p.relUncDown), formatNumber(p.pullPlain),
    ...(ref ? [formatNumber(p.refUncUp as number), formatNumber(p.pullReference as number)] : []),
  ]);
  lines.push(...columns([head, ...rows]), '');
  lines.push(...summaryLines('plain', result.summary.plain));
  lines.push(tailLine('plain', result.tail.plain, result.tailThreshold));
  if (result.summary.reference && result.tail.reference) {
    lines.push('', ...summaryLines('reference', result.summary.reference));
    lines.push(tailLine('reference', result.tail.reference, result.tailThreshold));
  }
  if (result.largestPulls) {
    lines.push('', 'largest plain pulls, before -> after the reference method:');
    for (const p of result.largestPulls) lines.push(`  ${p.process}: ${formatNumber(p.before)} -> ${formatNumber(p.after)} (${formatNumber(p.factor)}x smaller)`);
  }
  return lines;
}
