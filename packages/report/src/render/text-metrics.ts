import * as vega from 'vega';
import { DEJAVU_SANS_ADVANCE, DEJAVU_SANS_BOLD_ADVANCE } from './dejavu-sans-metrics.js';

interface TextItem {
  fontSize?: number | string;
  fontWeight?: string | number;
}

type WidthFn = (item: TextItem, text?: unknown) => number;

/** Advance for characters outside the table (DejaVu Sans is wide: its average glyph is ~0.6 em). */
const FALLBACK_EM = 0.62;

/** Width in px of `text` set in DejaVu Sans: the sum of the glyph advances times the font size (no kerning). */
export function dejavuTextWidth(text: string, fontSize: number, bold = false): number {
  const table = bold ? DEJAVU_SANS_BOLD_ADVANCE : DEJAVU_SANS_ADVANCE;
  let em = 0;
  for (const ch of text) em += table[ch.codePointAt(0)!] ?? FALLBACK_EM;
  return em * fontSize;
}

function isBold(weight: TextItem['fontWeight']): boolean {
  return weight === 'bold' || weight === 'bolder' || (typeof weight === 'number' && weight >= 600) || (typeof weight === 'string' && Number(weight) >= 600);
}

const measure: WidthFn = (item, text) => {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const s = text == null ? '' : String(text).trim();
  return size <= 0 || s.length === 0 ? 0 : dejavuTextWidth(s, size, isBold(item.fontWeight));
};

/**
 * Make vega measure text with DejaVu Sans advance widths. Without a canvas vega guesses
 * 0.8 em per character, which truncates legend labels and misplaces axis titles; vega supports a
 * user-defined `textMetrics.width` for exactly this case (vl-convert does the same). Every hepuq plot
 * uses DejaVu Sans, so the table is exact up to kerning. Idempotent.
 */
export function useDejavuTextMetrics(): void {
  const metrics = (vega as unknown as { textMetrics: { width: WidthFn } }).textMetrics;
  if (metrics.width !== measure) metrics.width = measure;
}
