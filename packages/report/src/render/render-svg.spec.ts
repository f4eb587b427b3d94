import { isHepuqError } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { REPORT_FONT_STACK } from './report-font.js';
import { renderSvg } from './render-svg.js';

const spec = (xTitle: string) => ({
  data: { values: [{ a: 1, b: 2 }, { a: 2, b: 3 }, { a: 3, b: 1 }] },
  mark: 'line',
  encoding: { x: { field: 'a', type: 'quantitative', title: xTitle }, y: { field: 'b', type: 'quantitative', title: 'observed coverage' } },
});

describe('renderSvg', () => {
  it('renders a Vega-Lite spec headlessly to SVG with its axis titles as text in the bundled font', async () => {
    const svg = await renderSvg(spec('pull (y − μ) / σ_tot & <x>'));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('observed coverage');
    // vega escapes markup characters in text content
    expect(svg).toContain('pull (y − μ) / σ_tot &amp; &lt;x&gt;');
    expect(svg).toContain(`font-family="${REPORT_FONT_STACK}"`);
    expect(svg).toMatch(/width="\d+" height="\d+"/);
  });

  it('refuses data loaded from a URL, so rendering never touches the network', async () => {
    const remote = { ...spec('x'), data: { url: 'https://example.org/data.csv' } };
    const err = await renderSvg(remote, 'remote-plot').catch((e: unknown) => e);
    expect(isHepuqError(err) && err.code === 'InvalidArgument').toBe(true);
    expect((err as Error).message).toContain('remote-plot');
  });

  it('turns an invalid spec into a catalog error naming the plot', async () => {
    const err = await renderSvg({ mark: 'no-such-mark', data: { values: [] } }, 'broken').catch((e: unknown) => e);
    expect(isHepuqError(err)).toBe(true);
    expect((err as Error).message).toContain('"broken"');
  });
});
