import { HepuqError } from '@hepuq/core';
import { loader as vegaLoader, parse, View, type Loader } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { PLOT_THEME } from './plot-theme.js';
import { useDejavuTextMetrics } from './text-metrics.js';

/** A loader that refuses every URL: report plots carry their data inline, so rendering never touches the network or disk. */
function inlineOnlyLoader(): Loader {
  const base = vegaLoader();
  return {
    ...base,
    sanitize: async (uri: string) => {
      throw new HepuqError('InvalidArgument', `plot specs must carry inline data (data.values); refusing to load "${uri}"`);
    },
  };
}

/**
 * Render a Vega-Lite spec to an SVG string headlessly in Node (vega's SVG string renderer, no canvas):
 * compile with the hepuq plot theme (the spec's own `config` wins), run the dataflow, serialise.
 * @example const svg = await renderSvg({ data: { values: [{ x: 1, y: 2 }] }, mark: 'point',
 *   encoding: { x: { field: 'x', type: 'quantitative', title: 'x' }, y: { field: 'y', type: 'quantitative', title: 'y' } } });
 */
export async function renderSvg(spec: Record<string, unknown>, name = 'plot'): Promise<string> {
  useDejavuTextMetrics();
  let vgSpec;
  try {
    vgSpec = compile(spec as unknown as TopLevelSpec, { config: PLOT_THEME as never }).spec;
  } catch (e) {
    throw new HepuqError('InvalidArgument', `plot "${name}": invalid Vega-Lite spec: ${(e as Error).message}`, { cause: e });
  }
  const external = (vgSpec.data ?? []).find((d) => 'url' in d && d.url !== undefined);
  if (external) {
    throw new HepuqError('InvalidArgument', `plot "${name}": data "${external.name}" is loaded from a URL; report plots must carry inline data (data.values)`);
  }
  const view = new View(parse(vgSpec), { renderer: 'none', loader: inlineOnlyLoader(), logLevel: 0 });
  try {
    return await view.toSVG();
  } catch (e) {
    if (e instanceof HepuqError) throw e;
    throw new HepuqError('InvalidArgument', `plot "${name}": Vega could not render the spec: ${(e as Error).message}`, { cause: e });
  } finally {
    view.finalize();
  }
}
