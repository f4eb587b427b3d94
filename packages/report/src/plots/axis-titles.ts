/**
 * Every axis title a Vega-Lite spec sets in its `x`/`y` encodings (layers included), so tests can
 * check that each plot labels its axes and that the rendered page shows those labels.
 * @example plotAxisTitles(pullHistogramPlot(input).spec) // ['pull (y − μ)/σ_tot', 'density']
 */
export function plotAxisTitles(spec: Record<string, unknown>): string[] {
  const titles = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { encoding?: Record<string, { title?: unknown }>; layer?: unknown[] };
    for (const channel of ['x', 'y']) {
      const t = n.encoding?.[channel]?.title;
      if (typeof t === 'string' && t.length > 0) titles.add(t);
    }
    n.layer?.forEach(visit);
  };
  visit(spec);
  return [...titles];
}
