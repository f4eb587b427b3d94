// f32x4 exp, log and log1p for the elementwise kernels (mean-field terms): polynomials on the
// SIMD lanes instead of AssemblyScript's scalar musl ports, accurate to a few float32 ulps.

const LOG2E: f32 = 1.4426950408889634, LN2_HI: f32 = 0.693359375, LN2_LO: f32 = -2.12194440e-4;
const LN2: f32 = 0.6931471805599453, SQRT2: f32 = 1.4142135623730951;
// Cephes expf: e^f - 1 - f = f^2 P(f) on |f| <= ln 2 / 2
const E0: f32 = 5.0000001201e-1, E1: f32 = 1.6666665459e-1, E2: f32 = 4.1665795894e-2;
const E3: f32 = 8.3334519073e-3, E4: f32 = 1.3981999507e-3, E5: f32 = 1.9875691500e-4;

/** e^x for x in [-86, 0] (below, clamped to -86: e^-86 ~ 4e-38, so 2^k stays a normal float32's exponent). */
export function exp4(x: v128): v128 {
  const xc = f32x4.max(x, f32x4.splat(-86));
  const k = f32x4.nearest(f32x4.mul(xc, f32x4.splat(LOG2E)));
  const f = f32x4.sub(f32x4.sub(xc, f32x4.mul(k, f32x4.splat(LN2_HI))), f32x4.mul(k, f32x4.splat(LN2_LO)));
  let p = f32x4.add(f32x4.splat(E4), f32x4.mul(f, f32x4.splat(E5)));
  p = f32x4.add(f32x4.splat(E3), f32x4.mul(f, p));
  p = f32x4.add(f32x4.splat(E2), f32x4.mul(f, p));
  p = f32x4.add(f32x4.splat(E1), f32x4.mul(f, p));
  p = f32x4.add(f32x4.splat(E0), f32x4.mul(f, p));
  const y = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(f, f), p), f), f32x4.splat(1));
  // times 2^k: k in [-124, 0] is added to y's exponent field (y in [0.7, 1.42), field 126 or 127)
  return i32x4.add(y, i32x4.shl(i32x4.trunc_sat_f32x4_s(k), 23));
}

/** 2 atanh(s) = 2 (s + s^3/3 + ... + s^(2K+1)/(2K+1)) for |s| <= 1/3, to s^17 (truncation < 2e-9 relative). */
function twoAtanh(s: v128): v128 {
  const q = f32x4.mul(s, s);
  let p = f32x4.add(f32x4.splat(<f32>(1.0 / 15)), f32x4.mul(q, f32x4.splat(<f32>(1.0 / 17))));
  p = f32x4.add(f32x4.splat(<f32>(1.0 / 13)), f32x4.mul(q, p));
  p = f32x4.add(f32x4.splat(<f32>(1.0 / 11)), f32x4.mul(q, p));
  p = f32x4.add(f32x4.splat(<f32>(1.0 / 9)), f32x4.mul(q, p));
  p = f32x4.add(f32x4.splat(<f32>(1.0 / 7)), f32x4.mul(q, p));
  p = f32x4.add(f32x4.splat(<f32>(1.0 / 5)), f32x4.mul(q, p));
  p = f32x4.add(f32x4.splat(<f32>(1.0 / 3)), f32x4.mul(q, p));
  return f32x4.mul(f32x4.splat(2), f32x4.add(s, f32x4.mul(f32x4.mul(s, q), p)));
}

/** ln x for positive normal x: x = 2^e m with m in [sqrt(1/2), sqrt(2)), ln m = 2 atanh((m - 1) / (m + 1)). */
export function log4(x: v128): v128 {
  const e0 = i32x4.sub(i32x4.shr_s(x, 23), i32x4.splat(127));
  const m0 = v128.or(v128.and(x, i32x4.splat(0x007fffff)), i32x4.splat(0x3f800000));
  const high = f32x4.gt(m0, f32x4.splat(SQRT2));
  const m = v128.bitselect(f32x4.mul(m0, f32x4.splat(0.5)), m0, high);
  const e = i32x4.sub(e0, high); // high lanes are -1: e + 1
  const s = f32x4.div(f32x4.sub(m, f32x4.splat(1)), f32x4.add(m, f32x4.splat(1)));
  return f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(e), f32x4.splat(LN2)), twoAtanh(s));
}

/** ln(1 + x) for x in [0, 1], as 2 atanh(x / (2 + x)): no cancellation for tiny x. */
export function log1p4(x: v128): v128 {
  return twoAtanh(f32x4.div(x, f32x4.add(x, f32x4.splat(2))));
}

/** softplus(r) = max(r, 0) + ln(1 + e), given e = e^-|r| (`exp4` of -|r|, which the sigmoid shares). */
export function softplusFrom4(r: v128, e: v128): v128 {
  return f32x4.add(f32x4.max(r, f32x4.splat(0)), log1p4(e));
}
