/**
 * Prefix every `id` in an SVG (and the `url(#id)` / `href="#id"` references to it): vega numbers clip
 * paths `clip1`, `clip2`, ... in every SVG, and several inline SVGs in one HTML page would otherwise
 * share ids, so one plot's clip region would cut another's marks.
 */
export function uniquifySvgIds(svg: string, prefix: string): string {
  const ids = new Set<string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) ids.add(m[1]);
  if (ids.size === 0) return svg;
  const safe = prefix.replace(/[^A-Za-z0-9_-]/g, '_');
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (all, a: string, id: string, b: string) => (ids.has(id) ? `${a}${safe}-${id}${b}` : all))
    .replace(/url\(#([^)]+)\)/g, (all, id: string) => (ids.has(id) ? `url(#${safe}-${id})` : all))
    .replace(/(href=")#([^"]+)(")/g, (all, a: string, id: string, b: string) => (ids.has(id) ? `${a}#${safe}-${id}${b}` : all));
}
