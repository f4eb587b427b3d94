import { escapeHtml, formatNumber, formatWithError } from '@hepuq/core';
import { formatEquivalent } from '../amplification/format-equivalent.js';
import type { GenEvalResult } from '../evaluate/gen-eval.result.js';

const table = (head: string[], rows: string[][]) =>
  `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

/**
 * HTML tables of a gen-eval result: the summary of orthogonal metrics with verdicts, then the
 * regions where the classifier's w deviates most, the worst tail fractions and the amplification factors.
 * @example genEvalHtml(result)[0].startsWith('<h3>')
 */
export function genEvalHtml(r: GenEvalResult): string[] {
  const out: string[] = [];
  out.push(
    `<h3>Generator summary: ${escapeHtml(r.generated.source)} (${r.generated.n} events) vs ${escapeHtml(r.reference.source)} (${r.reference.n} events)</h3>` +
      table(
        ['aspect', 'metric', 'value', 'ideal', 'pull', 'verdict'],
        r.summary.map((s) => [s.aspect, s.metric, formatWithError(s.value, s.error), s.ideal === null ? '-' : formatNumber(s.ideal), s.pull === null ? '-' : s.pull.toFixed(1), s.verdict]),
      ),
  );
  const c = r.classifier;
  if (c && c.regions.length) {
    out.push(
      `<h3>Where w = D/(1-D) deviates most (w &gt; 1: generator under-populates, w &lt; 1: over-populates)</h3>` +
        table(['feature', 'range', 'mean w', 'pull', 'generated fraction'], c.regions.map((g) => [g.feature, `[${formatNumber(g.lo)}, ${formatNumber(g.hi)})`, formatWithError(g.meanW, g.error), g.pull.toFixed(1), formatNumber(g.fraction)])),
    );
  }
  if (r.tails) {
    const worst = [...r.tails.sides].sort((a, b) => Math.abs(b.pull) - Math.abs(a.pull)).slice(0, 8);
    out.push(
      `<h3>Tail fractions beyond the reference ${r.tails.quantile} and ${1 - r.tails.quantile} quantiles</h3>` +
        table(['feature', 'side', 'cut', 'reference', 'generated', 'ratio', 'pull'], worst.map((s) => [s.feature, s.side, formatNumber(s.cut), formatNumber(s.reference), formatNumber(s.generated), formatWithError(s.ratio, s.error), s.pull.toFixed(1)])),
    );
  }
  const a = r.amplification;
  if (a) {
    const withFit = a.settings.some((s) => s.fit);
    out.push(
      `<h3>Amplification: equivalent truth events per training event (training sample ${escapeHtml(a.settings[0].train.source)}, ${Math.round(a.settings[0].train.n)} events; truth ${escapeHtml(a.truth.source)}, ${Math.round(a.truth.n)} events)</h3>` +
        table(
          ['quantiles per feature', 'cells', 'training sample (expected 1)', `generated (${Math.round(a.settings[0].generated.n)} events)`, 'generated, plateau', ...(withFit ? ['fit', 'fit, plateau'] : [])],
          a.settings.map((s) => [
            String(s.quantiles), String(s.cells), formatEquivalent(s.train.factor), formatEquivalent(s.generated.factor), formatEquivalent(s.generated.asymptotic.factor),
            ...(withFit ? [s.fit ? formatEquivalent(s.fit.factor) : '-', s.fit ? formatEquivalent(s.fit.asymptotic.factor) : '-'] : []),
          ]),
        ) +
        a.warnings.map((w) => `<p>warning: ${escapeHtml(w)}</p>`).join(''),
    );
  }
  return out;
}
