// Counter-based N(0, 1) draws and the variational dense layer with local reparameterisation.
//
// Normals: Philox4x32-10 (Salmon, Moraes, Dror, Shaw, SC'11 "Parallel random numbers: as easy as
// 1, 2, 3") keyed by (key0, key1) maps counter (block, c1, c2, 0) to four uint32, and Box-Muller
// turns them into four normals: draw j of a stream is lane j % 4 of block j / 4, so any draw is a
// pure function of (key, stream, j), with no state. src/random/philox.ts is the same generator in
// TypeScript (the other backends' fallback) with the same f32 operations, so both give the same bits.
import { addRowVector, gemm, sumRows, transpose } from './gemm';
import { activate, activationGrad, LINEAR } from './activation';

// f32 constants: the TypeScript twin rounds the same decimal literals with Math.fround
const S1: f32 = -0.16666666666666666, S2: f32 = 0.008333333333333333, S3: f32 = -0.0001984126984126984;
const S4: f32 = 2.7557319223985893e-6, S5: f32 = -2.505210838544172e-8;
const C1: f32 = -0.5, C2: f32 = 0.041666666666666664, C3: f32 = -0.001388888888888889;
const C4: f32 = 2.48015873015873e-5, C5: f32 = -2.755731922398589e-7, C6: f32 = 2.08767569878681e-9;
const L3: f32 = 0.3333333333333333, L5: f32 = 0.2, L7: f32 = 0.14285714285714285, L9: f32 = 0.1111111111111111, L11: f32 = 0.09090909090909091;
const LN2: f32 = 0.6931471805599453, SQRT2: f32 = 1.4142135623730951;
const TWO_M32: f32 = 2.3283064365386963e-10, QUARTER_STEP: f32 = 1.4629180792671596e-9; // 2^-32, (pi/2) 2^-30

/** One Philox4x32-10 block of counter (c0, c1, c2, 0) under key (k0, k1) as i32x4. */
function philoxBlock(c0: u32, c1: u32, c2: u32, k0: u32, k1: u32): v128 {
  let x0 = c0, x1 = c1, x2 = c2, x3: u32 = 0, a = k0, b = k1;
  for (let round = 0; round < 10; round++) {
    const p0 = <u64>0xd2511f53 * <u64>x0;
    const p1 = <u64>0xcd9e8d57 * <u64>x2;
    x0 = <u32>(p1 >>> 32) ^ x1 ^ a;
    x2 = <u32>(p0 >>> 32) ^ x3 ^ b;
    x1 = <u32>p1;
    x3 = <u32>p0;
    a += 0x9e3779b9;
    b += 0xbb67ae85;
  }
  return i32x4.replace_lane(i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(x0), 1, x1), 2, x2), 3, x3);
}

/**
 * Box-Muller on four (a, b) uint32 pairs in f32x4 lanes: r = sqrt(-2 ln u), u = (f32(a) + 1/2) 2^-32
 * in (0, 1]; ln u = e ln 2 + 2 atanh((m - 1) / (m + 1)) from u = 2^e m, m in [sqrt(1/2), sqrt(2))
 * (series to s^11, |s| < 0.172); theta = 2 pi (quadrant b >>> 30 plus the angle
 * (f32(b mod 2^30) + 1/2) 2^-30 pi/2 within it), sin and cos of that angle by Taylor polynomials to
 * p^11 and p^12 (truncation < 6e-8), so no range reduction. Returns (r cos theta) in `cosOut`
 * lanes and (r sin theta) through the return value.
 */
function boxMuller4(a: v128, b: v128, cosOut: usize): v128 {
  const u = f32x4.mul(f32x4.add(f32x4.convert_i32x4_u(a), f32x4.splat(0.5)), f32x4.splat(TWO_M32));
  const e0 = i32x4.sub(i32x4.shr_s(u, 23), i32x4.splat(127));
  const m0 = v128.or(v128.and(u, i32x4.splat(0x007fffff)), i32x4.splat(0x3f800000));
  const high = f32x4.gt(m0, f32x4.splat(SQRT2));
  const m = v128.bitselect(f32x4.mul(m0, f32x4.splat(0.5)), m0, high);
  const e = i32x4.sub(e0, high); // high lanes are -1: e + 1
  const s = f32x4.div(f32x4.sub(m, f32x4.splat(1)), f32x4.add(m, f32x4.splat(1)));
  const q = f32x4.mul(s, s);
  let poly = f32x4.add(f32x4.splat(L9), f32x4.mul(q, f32x4.splat(L11)));
  poly = f32x4.add(f32x4.splat(L7), f32x4.mul(q, poly));
  poly = f32x4.add(f32x4.splat(L5), f32x4.mul(q, poly));
  poly = f32x4.add(f32x4.splat(L3), f32x4.mul(q, poly));
  const series = f32x4.add(s, f32x4.mul(f32x4.mul(s, q), poly));
  const ln = f32x4.add(f32x4.mul(f32x4.convert_i32x4_s(e), f32x4.splat(LN2)), f32x4.mul(f32x4.splat(2), series));
  const r = f32x4.sqrt(f32x4.mul(f32x4.splat(-2), ln));

  const p = f32x4.mul(f32x4.add(f32x4.convert_i32x4_s(v128.and(b, i32x4.splat(0x3fffffff))), f32x4.splat(0.5)), f32x4.splat(QUARTER_STEP));
  const p2 = f32x4.mul(p, p);
  let sp = f32x4.add(f32x4.splat(S4), f32x4.mul(p2, f32x4.splat(S5)));
  sp = f32x4.add(f32x4.splat(S3), f32x4.mul(p2, sp));
  sp = f32x4.add(f32x4.splat(S2), f32x4.mul(p2, sp));
  sp = f32x4.add(f32x4.splat(S1), f32x4.mul(p2, sp));
  const sinP = f32x4.add(p, f32x4.mul(f32x4.mul(p, p2), sp));
  let cp = f32x4.add(f32x4.splat(C5), f32x4.mul(p2, f32x4.splat(C6)));
  cp = f32x4.add(f32x4.splat(C4), f32x4.mul(p2, cp));
  cp = f32x4.add(f32x4.splat(C3), f32x4.mul(p2, cp));
  cp = f32x4.add(f32x4.splat(C2), f32x4.mul(p2, cp));
  cp = f32x4.add(f32x4.splat(C1), f32x4.mul(p2, cp));
  const cosP = f32x4.add(f32x4.splat(1), f32x4.mul(p2, cp));
  // quadrant: odd swaps sin and cos; cos < 0 in quadrants 1, 2 and sin < 0 in 2, 3 (sign-bit flips)
  const quadrant = i32x4.shr_u(b, 30);
  const swap = i32x4.ne(v128.and(quadrant, i32x4.splat(1)), i32x4.splat(0));
  const sign = i32x4.splat(0x80000000);
  const cosNeg = v128.and(i32x4.shl(v128.and(i32x4.add(quadrant, i32x4.splat(1)), i32x4.splat(2)), 30), sign);
  const sinNeg = v128.and(i32x4.shl(quadrant, 30), sign);
  const cosT = v128.xor(v128.bitselect(sinP, cosP, swap), cosNeg);
  const sinT = v128.xor(v128.bitselect(cosP, sinP, swap), sinNeg);
  v128.store(cosOut, f32x4.mul(r, cosT));
  return f32x4.mul(r, sinT);
}

/**
 * `count` N(0, 1) draws into out: draw j from Philox4x32-10 of counter (j / 4, c1, c2, 0) under
 * key (k0, k1), lane j % 4; lanes (0, 1) and (2, 3) are Box-Muller pairs (cos, sin). Two blocks at a
 * time through `boxMuller4`. `tail` holds 32 bytes of scratch for the last partial group of 8.
 */
export function philoxNormal(out: usize, count: i32, k0: u32, k1: u32, c1: u32, c2: u32, tail: usize): void {
  for (let j = 0; j < count; j += 8) {
    const blk = <u32>(j >> 2);
    const x = philoxBlock(blk, c1, c2, k0, k1), y = philoxBlock(blk + 1, c1, c2, k0, k1);
    const a = v128.shuffle<i32>(x, y, 0, 2, 4, 6), b = v128.shuffle<i32>(x, y, 1, 3, 5, 7);
    const full = j + 8 <= count;
    const dst = full ? out + (<usize>j << 2) : tail;
    const zs = boxMuller4(a, b, dst);
    const zc = v128.load(dst);
    v128.store(dst, v128.shuffle<i32>(zc, zs, 0, 4, 1, 5));
    v128.store(dst, v128.shuffle<i32>(zc, zs, 2, 6, 3, 7), 16);
    if (!full) memory.copy(out + (<usize>j << 2), tail, <usize>(count - j) << 2);
  }
}

/** Scratch bytes of `variationalForward`: h^2 [n, k], the normals [n, m] and 32 bytes for their last group. */
export function variationalForwardScratch(n: i32, k: i32, m: i32): i32 {
  return ((n * k + ((n * m + 3) & ~3)) << 2) + 32;
}

/**
 * Local reparameterisation (Kingma, Salimans, Welling 1506.02557) of a mean-field Gaussian layer:
 * mean = h W_mu + b_mu, v = h^2 S + s (S, s: weight and bias variances), z = mean + sqrt(v) eps,
 * a = act(z), with eps = `philoxNormal` draws in row-major order. Also writes c = eps / (2 sqrt v)
 * (= dz/dv, all the backward pass needs of the noise). h [n, k], W_mu and S [k, m], b_mu and s [m].
 */
export function variationalForward(
  h: usize, wMu: usize, bMu: usize, wS: usize, bS: usize, a: usize, c: usize,
  n: i32, k: i32, m: i32, act: i32, k0: u32, k1: u32, c1: u32, c2: u32, scratch: usize,
): void {
  const nk = n * k, nm = n * m;
  const h2 = scratch, eps = scratch + (<usize>nk << 2), tail = eps + (<usize>((nm + 3) & ~3) << 2);
  square(h, h2, nk);
  gemm(h, k, 1, wMu, m, a, m, n, m, k);
  addRowVector(a, bMu, n, m);
  gemm(h2, k, 1, wS, m, c, m, n, m, k);
  addRowVector(c, bS, n, m);
  philoxNormal(eps, nm, k0, k1, c1, c2, tail);
  let i = 0;
  const half = f32x4.splat(0.5);
  for (; i + 4 <= nm; i += 4) {
    const o = <usize>i << 2;
    const sd = f32x4.sqrt(v128.load(c + o));
    const e = v128.load(eps + o);
    v128.store(a + o, f32x4.add(v128.load(a + o), f32x4.mul(sd, e)));
    v128.store(c + o, f32x4.div(f32x4.mul(e, half), sd));
  }
  for (; i < nm; i++) {
    const o = <usize>i << 2;
    const sd = Mathf.sqrt(load<f32>(c + o));
    const e = load<f32>(eps + o);
    store<f32>(a + o, load<f32>(a + o) + sd * e);
    store<f32>(c + o, e * 0.5 / sd);
  }
  activate(a, nm, act);
}

/** Scratch bytes of `variationalBackward`: dz and dv [n, m], h^2 or the dh term [n, k], W^T [m, k]. */
export function variationalBackwardScratch(n: i32, k: i32, m: i32): i32 {
  return (2 * n * m + n * k + m * k) << 2;
}

/**
 * From da = dL/da, the output a and c = dz/dv: dz = da act'(z), dv = dz c, db_mu = sum_i dz,
 * dW_mu = h^T dz, ds = sum_i dv, dS = (h^2)^T dv, dh = dz W_mu^T + 2 h (dv S^T); dh = 0 skips it.
 */
export function variationalBackward(
  h: usize, wMu: usize, wS: usize, a: usize, c: usize, da: usize,
  dh: usize, dwMu: usize, dbMu: usize, dwS: usize, dbS: usize,
  n: i32, k: i32, m: i32, act: i32, scratch: usize,
): void {
  const nk = n * k, nm = n * m;
  const dz = scratch, dv = dz + (<usize>nm << 2), hk = dv + (<usize>nm << 2), wt = hk + (<usize>nk << 2);
  if (act === LINEAR) memory.copy(dz, da, <usize>nm << 2);
  else activationGrad(a, da, dz, nm, act);
  multiply(dz, c, dv, nm);
  sumRows(dz, dbMu, n, m);
  sumRows(dv, dbS, n, m);
  gemm(h, 1, k, dz, m, dwMu, m, k, m, n);
  square(h, hk, nk);
  gemm(hk, 1, k, dv, m, dwS, m, k, m, n);
  if (dh === 0) return;
  transpose(wMu, wt, k, m);
  gemm(dz, m, 1, wt, k, dh, k, n, k, m);
  transpose(wS, wt, k, m);
  gemm(dv, m, 1, wt, k, hk, k, n, k, m);
  // dh += 2 h (dv S^T)
  let i = 0;
  for (; i + 4 <= nk; i += 4) {
    const o = <usize>i << 2;
    const t = f32x4.mul(v128.load(h + o), v128.load(hk + o));
    v128.store(dh + o, f32x4.add(v128.load(dh + o), f32x4.add(t, t)));
  }
  for (; i < nk; i++) {
    const o = <usize>i << 2;
    const t = load<f32>(h + o) * load<f32>(hk + o);
    store<f32>(dh + o, load<f32>(dh + o) + (t + t));
  }
}

/** out = x^2 over `count` floats. */
function square(x: usize, out: usize, count: i32): void {
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const o = <usize>i << 2;
    const v = v128.load(x + o);
    v128.store(out + o, f32x4.mul(v, v));
  }
  for (; i < count; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(x + o);
    store<f32>(out + o, v * v);
  }
}

/** out = x y over `count` floats. */
function multiply(x: usize, y: usize, out: usize, count: i32): void {
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, f32x4.mul(v128.load(x + o), v128.load(y + o)));
  }
  for (; i < count; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, load<f32>(x + o) * load<f32>(y + o));
  }
}
