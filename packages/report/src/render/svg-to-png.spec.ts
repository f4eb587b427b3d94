import { describe, expect, it } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import { renderSvg } from './render-svg.js';
import { reportFontFiles, REPORT_FONT_FAMILY } from './report-font.js';
import { rasterizeSvg, svgToPng } from './svg-to-png.js';
import { dejavuTextWidth } from './text-metrics.js';

const TITLE = 'predicted probability σ_pred ± 1';

/** Same layout either way: the x-axis title is drawn black or fully transparent. */
function titledSpec(visible: boolean): Record<string, unknown> {
  return {
    data: { values: [{ a: 0, b: 0 }, { a: 1, b: 1 }] },
    mark: 'line',
    encoding: {
      x: { field: 'a', type: 'quantitative', title: TITLE, axis: { titleColor: visible ? 'black' : 'white' } },
      y: { field: 'b', type: 'quantitative', title: 'y' },
    },
  };
}

/** Dark pixels (luminance < 128) in the bottom `rows` pixel rows, where the x-axis title sits. */
function darkPixelsInBottomRows(img: { width: number; height: number; pixels: Uint8Array }, rows: number): number {
  let n = 0;
  for (let y = img.height - rows; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const o = (y * img.width + x) * 4;
      if (0.299 * img.pixels[o] + 0.587 * img.pixels[o + 1] + 0.114 * img.pixels[o + 2] < 128) n++;
    }
  }
  return n;
}

describe('svgToPng', () => {
  it('writes a PNG (signature and IHDR size match the 2x raster)', async () => {
    const svg = await renderSvg(titledSpec(true));
    const png = svgToPng(svg);
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const view = new DataView(png.buffer, png.byteOffset);
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    expect(view.getUint32(16)).toBe(2 * width);
  });

  it('draws the axis title text with the bundled font (title region differs with and without it)', async () => {
    const shown = rasterizeSvg(await renderSvg(titledSpec(true)), { scale: 1 });
    const hidden = rasterizeSvg(await renderSvg(titledSpec(false)), { scale: 1 });
    expect(shown.height).toBe(hidden.height);
    // bottom 20 px hold only the x-axis title (padding 8 px below it); a 32-glyph title at 13 px
    // covers a few hundred dark pixels, the hidden one none
    const withTitle = darkPixelsInBottomRows(shown, 20);
    expect(withTitle).toBeGreaterThan(150);
    expect(darkPixelsInBottomRows(hidden, 20)).toBe(0);
  });

  it('drops all text without a font, which is why the font is bundled', async () => {
    const bare = rasterizeSvg(await renderSvg(titledSpec(true)), { scale: 1, fontFiles: [] });
    expect(darkPixelsInBottomRows(bare, 20)).toBe(0);
  });

  it('lays text out with DejaVu Sans widths that match what resvg draws (within 2 %)', () => {
    const text = 'expected coverage of the central interval σ_tot';
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="40"><text x="0" y="20" font-family="${REPORT_FONT_FAMILY}" font-size="13">${text}</text></svg>`;
    const bbox = new Resvg(svg, { font: { fontFiles: reportFontFiles(), loadSystemFonts: false, defaultFontFamily: REPORT_FONT_FAMILY } }).getBBox();
    expect(bbox).toBeDefined();
    expect(Math.abs(dejavuTextWidth(text, 13) - bbox!.width) / bbox!.width).toBeLessThan(0.02);
  });
});
