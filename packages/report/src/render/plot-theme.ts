import { REPORT_FONT_STACK } from './report-font.js';

/** Vega-Lite config shared by every hepuq plot; a spec's own `config` wins where it sets a key. */
export const PLOT_THEME: Record<string, unknown> = {
  font: REPORT_FONT_STACK,
  background: 'white',
  padding: 8,
  view: { continuousWidth: 420, continuousHeight: 280, stroke: '#888' },
  axis: { labelFontSize: 11, titleFontSize: 13, titleFontWeight: 'normal', grid: true, gridColor: '#e6e6e6' },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', orient: 'top', direction: 'horizontal', labelLimit: 400, symbolSize: 80 },
  title: { fontSize: 14, fontWeight: 'bold', anchor: 'start' },
};
