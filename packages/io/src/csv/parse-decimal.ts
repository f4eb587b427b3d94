const POW10 = Float64Array.from({ length: 23 }, (_, i) => 10 ** i);
const SPACE = 0x20;
const TAB = 0x09;

/**
 * Parse an ASCII decimal number in `b[s, e)` without making a string. Fast path (Clinger 1990): at
 * most 15 significant digits and |exponent| <= 22, where m * 10^e is exactly rounded in double;
 * anything else goes through `Number()` on the text. Returns NaN for text that is not a number
 * (callers tell `nan` apart from garbage with `classifyCell`).
 */
export function parseDecimal(b: Uint8Array, s: number, e: number): number {
  while (s < e && (b[s] === SPACE || b[s] === TAB)) s++;
  while (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB)) e--;
  let i = s;
  let neg = false;
  if (i < e && (b[i] === 0x2d || b[i] === 0x2b)) {
    neg = b[i] === 0x2d;
    i++;
  }
  let m = 0;
  let sig = 0;
  let exp = 0;
  let digits = 0;
  for (; i < e; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) break;
    m = m * 10 + d;
    if (m !== 0) sig++;
    digits++;
  }
  if (i < e && b[i] === 0x2e) {
    for (i++; i < e; i++) {
      const d = b[i] - 48;
      if (d < 0 || d > 9) break;
      m = m * 10 + d;
      if (m !== 0) sig++;
      exp--;
      digits++;
    }
  }
  if (digits === 0) return slowParse(b, s, e);
  if (i < e && (b[i] === 0x65 || b[i] === 0x45)) {
    i++;
    let eneg = false;
    if (i < e && (b[i] === 0x2d || b[i] === 0x2b)) {
      eneg = b[i] === 0x2d;
      i++;
    }
    let ev = 0;
    const es = i;
    for (; i < e && b[i] >= 48 && b[i] <= 57 && ev < 100000; i++) ev = ev * 10 + (b[i] - 48);
    if (i === es) return NaN;
    exp += eneg ? -ev : ev;
  }
  if (i !== e || sig > 15) return slowParse(b, s, e);
  let v: number;
  if (exp === 0) v = m;
  else if (exp > 0 && exp <= 22) v = m * POW10[exp];
  else if (exp < 0 && exp >= -22) v = m / POW10[-exp];
  else return slowParse(b, s, e);
  return neg ? -v : v;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL = /^([+-]?)(nan|inf|infinity)$/i;

function slowParse(b: Uint8Array, s: number, e: number): number {
  const text = cellText(b, s, e);
  if (NUMBER.test(text)) return Number(text);
  const special = SPECIAL.exec(text);
  if (!special) return NaN;
  if (special[2].toLowerCase() === 'nan') return NaN;
  return special[1] === '-' ? -Infinity : Infinity;
}

/** The bytes `b[s, e)` as UTF-8 text (for error messages and the slow number path). */
export function cellText(b: Uint8Array, s: number, e: number): string {
  return Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('utf8');
}

/** Why a cell did not give a finite float32: `empty`, `nonfinite` (nan/inf text or float32 overflow) or `garbage`. */
export function classifyCell(text: string): 'empty' | 'nonfinite' | 'garbage' {
  const t = text.trim();
  if (t === '') return 'empty';
  if (SPECIAL.test(t) || NUMBER.test(t)) return 'nonfinite';
  return 'garbage';
}
