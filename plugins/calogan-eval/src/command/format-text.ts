import { formatNumber, formatWithError } from '@hepuq/core';
import { formatEquivalent } from '../amplification/format-equivalent.js';
import type { GenEvalResult } from '../evaluate/gen-eval.result.js';
import { prdcEvents } from '../metrics/prdc.metric.js';

/**
 * Human-readable lines of a gen-eval result: one line per metric with its error, then the summary table.
 * @example formatGenEval(result).forEach((line) => console.log(line))
 */
export function formatGenEval(r: GenEvalResult): string[] {
  const lines = [`gen-eval: ${r.generated.source} (${r.generated.n} events) vs ${r.reference.source} (${r.reference.n} events), ${r.features.length} features, normalise=${r.normalise}`];
  if (r.fpd) lines.push(`  FPD_inf             ${formatWithError(r.fpd.value, r.fpd.error)}`);
  if (r.kpd) lines.push(`  KPD (median)        ${formatWithError(r.kpd.value, r.kpd.error)}   mean ${formatWithError(r.kpd.mean, r.kpd.meanError)}`);
  if (r.w1) lines.push(`  W1 (mean marginal)  ${formatWithError(r.w1.mean.value, r.w1.mean.error)}   noise floor ${formatNumber(r.w1.noiseFloor.value)}`);
  if (r.prdc) {
    const p = r.prdc;
    lines.push(`  precision ${formatWithError(p.precision.value, p.precision.error)}  recall ${formatWithError(p.recall.value, p.recall.error)}  density ${formatWithError(p.density.value, p.density.error)}  coverage ${formatWithError(p.coverage.value, p.coverage.error)}  (k=${p.k}, ${prdcEvents(p)})`);
  }
  if (r.classifier) {
    const c = r.classifier;
    lines.push(`  classifier ${c.method}: AUC ${formatWithError(c.auc.value, c.auc.error)}  JSD ${formatWithError(c.jsd.value, c.jsd.error)}  mean w ${formatWithError(c.weights.mean, c.weights.meanError)}  w quantiles 1%/99% ${formatNumber(c.weights.quantiles['0.01'])}/${formatNumber(c.weights.quantiles['0.99'])}  clipped ${formatNumber(c.weights.clippedFraction)}`);
  }
  if (r.separation) lines.push(`  separation power    ${formatWithError(r.separation.mean.value, r.separation.mean.error)}   noise floor ${formatNumber(r.separation.mean.noiseFloor)}`);
  if (r.tails) lines.push(`  worst tail ratio    ${formatWithError(r.tails.worst.ratio, r.tails.worst.error)}  (${r.tails.worst.feature}, ${r.tails.worst.side})`);
  if (r.amplification) {
    const a = r.amplification;
    const train = a.settings[0]?.train;
    lines.push(`  amplification against ${a.truth.source} (${Math.round(a.truth.n)} events), training sample ${train?.source} (${Math.round(train?.n ?? 0)} events): factor = equivalent truth events / training events`);
    for (const s of a.settings) {
      const fit = s.fit ? `; fit ${formatEquivalent(s.fit.factor)}, plateau ${formatEquivalent(s.fit.asymptotic.factor)}` : '';
      lines.push(`    ${String(s.quantiles).padStart(4)} quantiles (${s.cells} cells): generated ${formatEquivalent(s.generated.factor)}, plateau ${formatEquivalent(s.generated.asymptotic.factor)}${fit}; training sample ${formatEquivalent(s.train.factor)} (expected 1)`);
    }
    for (const w of a.warnings) lines.push(`    warning: ${w}`);
  }
  lines.push('  summary:');
  for (const s of r.summary) {
    lines.push(`    ${s.aspect.padEnd(13)} ${s.metric.padEnd(40)} ${formatWithError(s.value, s.error).padEnd(22)} ${s.verdict}${s.pull === null ? '' : ` (${s.pull.toFixed(1)} sigma)`}`);
  }
  return lines;
}
