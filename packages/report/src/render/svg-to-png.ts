import { Resvg } from '@resvg/resvg-js';
import { REPORT_FONT_FAMILY, reportFontFiles } from './report-font.js';

export interface RasterOptions {
  /** Pixel density relative to the SVG's CSS size (2 = sharp on high-DPI screens and in slides). */
  scale?: number;
  /** Font files to load; the bundled DejaVu Sans by default. Without any, resvg silently drops all text. */
  fontFiles?: string[];
}

/** RGBA pixels of an SVG drawn by resvg with the bundled font only (no system fonts, so output is the same on every machine). */
export function rasterizeSvg(svg: string, options: RasterOptions = {}): { width: number; height: number; pixels: Uint8Array; png: Uint8Array } {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    background: 'white',
    font: { fontFiles: options.fontFiles ?? reportFontFiles(), loadSystemFonts: false, defaultFontFamily: REPORT_FONT_FAMILY },
  });
  const image = resvg.render();
  return { width: image.width, height: image.height, pixels: new Uint8Array(image.pixels), png: new Uint8Array(image.asPng()) };
}

/**
 * Rasterise an SVG to PNG bytes with resvg and the bundled DejaVu Sans font.
 * @example await writeFileAtomic('plots/pulls.png', svgToPng(await renderSvg(spec)))
 */
export function svgToPng(svg: string, options: RasterOptions = {}): Uint8Array {
  return rasterizeSvg(svg, options).png;
}
