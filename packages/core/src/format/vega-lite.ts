/**
 * The `$schema` of a `PlotSpec.spec`: the Vega-Lite version plot specs are written in. @hepuq/report
 * renders them with this major version of vega-lite (a spec there checks that its dependency agrees),
 * so every package names the version through this constant.
 * @example const spec = { $schema: VEGA_LITE_SCHEMA, data: { values }, mark: 'point', encoding }
 */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
