import { createRequire } from 'node:module';

/**
 * The one font family every plot uses, in SVG and PNG alike. DejaVu Sans ships in the
 * `dejavu-fonts-ttf` npm package (Bitstream Vera licence, DejaVu changes public domain) and covers
 * the glyphs physics labels need (σ, μ, ±, √, χ², Greek).
 */
export const REPORT_FONT_FAMILY = 'DejaVu Sans';

/** CSS font stack for SVG text: the bundled family first, a generic fallback for browsers without it. */
export const REPORT_FONT_STACK = `${REPORT_FONT_FAMILY}, Verdana, sans-serif`;

const require = createRequire(import.meta.url);

/** Absolute paths of the bundled TTF files (regular and bold) handed to resvg. */
export function reportFontFiles(): string[] {
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => require.resolve(`dejavu-fonts-ttf/ttf/${f}`));
}
