/**
 * Which N(0, 1) draws a kernel makes: the Philox4x32-10 key (key0, key1) and two counter words
 * (stream, substream); draw j is lane j % 4 of counter block (j / 4, stream, substream, 0). All four
 * are uint32. One key with distinct streams gives independent sequences (Salmon et al., SC'11).
 */
export interface PhiloxStream {
  key0: number;
  key1: number;
  stream?: number;
  substream?: number;
}

/** The high 32 bits of the 64-bit product of two uint32, exact in doubles (16-bit halves). */
function mulhi(a: number, b: number): number {
  const ah = a >>> 16, al = a & 0xffff, bh = b >>> 16, bl = b & 0xffff;
  const mid = ah * bl + al * bh + ((al * bl) >>> 16);
  return (ah * bh + Math.floor(mid / 65536)) >>> 0;
}

/**
 * Philox4x32-10 (Salmon, Moraes, Dror, Shaw, SC'11, "Parallel random numbers: as easy as 1, 2, 3"):
 * ten rounds of (x0, x1, x2, x3) <- (hi(M1 x2) ^ x1 ^ k0, lo(M1 x2), hi(M0 x0) ^ x3 ^ k1, lo(M0 x0))
 * with the key bumped by the Weyl constants between rounds. Writes the four uint32 into `out`.
 * @example philox4x32([0, 0, 0, 0], 0, 0, new Uint32Array(4)) // 6627e8d5 e169c58d bc57ac4c 9b00dbd8 (Random123 known answer)
 */
export function philox4x32(counter: readonly number[], key0: number, key1: number, out: Uint32Array): Uint32Array {
  let [x0, x1, x2, x3] = counter.map((c) => c >>> 0);
  let a = key0 >>> 0, b = key1 >>> 0;
  for (let round = 0; round < 10; round++) {
    const hi0 = mulhi(0xd2511f53, x0), lo0 = Math.imul(0xd2511f53, x0) >>> 0;
    const hi1 = mulhi(0xcd9e8d57, x2), lo1 = Math.imul(0xcd9e8d57, x2) >>> 0;
    x0 = (hi1 ^ x1 ^ a) >>> 0;
    x2 = (hi0 ^ x3 ^ b) >>> 0;
    x1 = lo1;
    x3 = lo0;
    a = (a + 0x9e3779b9) >>> 0;
    b = (b + 0xbb67ae85) >>> 0;
  }
  out[0] = x0; out[1] = x1; out[2] = x2; out[3] = x3;
  return out;
}

const f = Math.fround;
// the f32 constants of assembly/variational.ts (the same decimal literals rounded to f32)
const [S1, S2, S3, S4, S5] = [-0.16666666666666666, 0.008333333333333333, -0.0001984126984126984, 2.7557319223985893e-6, -2.505210838544172e-8].map(f);
const [C1, C2, C3, C4, C5, C6] = [-0.5, 0.041666666666666664, -0.001388888888888889, 2.48015873015873e-5, -2.755731922398589e-7, 2.08767569878681e-9].map(f);
const [L3, L5, L7, L9, L11] = [0.3333333333333333, 0.2, 0.14285714285714285, 0.1111111111111111, 0.09090909090909091].map(f);
const [LN2, SQRT2, TWO_M32, QUARTER_STEP] = [0.6931471805599453, 1.4142135623730951, 2.3283064365386963e-10, 1.4629180792671596e-9].map(f);
const bits = new Float32Array(1);
const bitsInt = new Int32Array(bits.buffer);

/**
 * One lane of the kernel's f32x4 Box-Muller, every operation rounded to f32 as wasm's f32x4 ops
 * round (float64 then Math.fround gives the correctly rounded f32 result of + - * / and sqrt), so
 * the bits agree: r = sqrt(-2 ln u), ln u from u = 2^e m and the atanh series, sin and cos of the
 * angle within b's quadrant by Taylor polynomials. Writes r cos theta and r sin theta to out[at], out[at + 1].
 */
function boxMuller(a: number, b: number, out: Float32Array, at: number): void {
  bits[0] = f(f(f(a) + 0.5) * TWO_M32);
  const u = bitsInt[0];
  const e0 = (u >> 23) - 127;
  bitsInt[0] = (u & 0x007fffff) | 0x3f800000;
  const m0 = bits[0];
  const high = m0 > SQRT2;
  const m = high ? f(m0 * 0.5) : m0;
  const e = high ? e0 + 1 : e0;
  const s = f(f(m - 1) / f(m + 1));
  const q = f(s * s);
  let poly = f(L9 + f(q * L11));
  poly = f(L7 + f(q * poly));
  poly = f(L5 + f(q * poly));
  poly = f(L3 + f(q * poly));
  const series = f(s + f(f(s * q) * poly));
  const ln = f(f(e * LN2) + f(2 * series));
  const r = f(Math.sqrt(f(-2 * ln)));

  const p = f(f(f(b & 0x3fffffff) + 0.5) * QUARTER_STEP);
  const p2 = f(p * p);
  let sp = f(S4 + f(p2 * S5));
  sp = f(S3 + f(p2 * sp));
  sp = f(S2 + f(p2 * sp));
  sp = f(S1 + f(p2 * sp));
  const sinP = f(p + f(f(p * p2) * sp));
  let cp = f(C5 + f(p2 * C6));
  cp = f(C4 + f(p2 * cp));
  cp = f(C3 + f(p2 * cp));
  cp = f(C2 + f(p2 * cp));
  cp = f(C1 + f(p2 * cp));
  const cosP = f(1 + f(p2 * cp));
  // quadrant: odd swaps sin and cos; cos < 0 in quadrants 1, 2 and sin < 0 in 2, 3
  const quadrant = b >>> 30;
  const cq = quadrant & 1 ? sinP : cosP, sq = quadrant & 1 ? cosP : sinP;
  if (at < out.length) out[at] = r * ((quadrant + 1) & 2 ? -cq : cq);
  if (at + 1 < out.length) out[at + 1] = r * (quadrant & 2 ? -sq : sq);
}

/**
 * N(0, 1) draws 0..count-1 of `stream` (exactly what the wasm kernels draw, bit for bit): Philox4x32-10 blocks through Box-Muller, lanes (0, 1) and (2, 3) a pair each.
 * @example philoxNormals(5, { key0: 1, key1: 2 }) // the eps of a 5-element variational layer with that stream
 */
export function philoxNormals(count: number, stream: PhiloxStream): Float32Array {
  const out = new Float32Array(count);
  const block = new Uint32Array(4);
  const c1 = (stream.stream ?? 0) >>> 0, c2 = (stream.substream ?? 0) >>> 0;
  for (let j = 0; j < count; j += 4) {
    philox4x32([j / 4, c1, c2, 0], stream.key0, stream.key1, block);
    boxMuller(block[0], block[1], out, j);
    boxMuller(block[2], block[3], out, j + 2);
  }
  return out;
}
