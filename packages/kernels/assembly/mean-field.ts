// The per-step terms of a mean-field Gaussian posterior q = prod_j N(mu_j, softplus(rho_j)^2) from
// the packed vector params = [mu (P), rho (P)]: each piece of mu copied out, its variances
// s2 = softplus(rho)^2, and KL[q || N(0, s_p^2)]; and the gradient with respect to params. Four
// parameters per f32x4 step (simd-math.ts), the last count % 4 with the scalar musl functions.
import { exp4, log4, softplusFrom4 } from './simd-math';

/** log(1 + e^r) without overflow. */
function softplus(r: f32): f32 {
  return max(r, <f32>0) + Mathf.log1p(Mathf.exp(-Mathf.abs(r)));
}

/** Both halves of a f32x4 promoted to f64 and added: (a0 + a2, a1 + a3) as f64x2. */
function promoteSum(a: v128): v128 {
  return f64x2.add(f64x2.promote_low_f32x4(a), f64x2.promote_low_f32x4(v128.shuffle<i32>(a, a, 2, 3, 0, 1)));
}

/**
 * Piece [from, from + count) of mu into muOut, its s2 into s2Out; returns the piece's KL
 * sum_j [log s_p - log sigma_j + (sigma_j^2 + mu_j^2) / (2 s_p^2) - 1/2], the sums of log sigma and
 * of sigma^2 + mu^2 kept in f64.
 */
export function meanFieldForward(params: usize, p: i32, from: i32, count: i32, muOut: usize, s2Out: usize, logPrior: f64, invPrior2: f64): f64 {
  const mu = params + (<usize>from << 2), rho = params + (<usize>(p + from) << 2);
  let sumLog = f64x2.splat(0), sumSq = f64x2.splat(0);
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const o = <usize>j << 2;
    const m = v128.load(mu + o), r = v128.load(rho + o);
    const sigma = softplusFrom4(r, exp4(f32x4.neg(f32x4.abs(r))));
    const s2 = f32x4.mul(sigma, sigma);
    v128.store(muOut + o, m);
    v128.store(s2Out + o, s2);
    sumLog = f64x2.add(sumLog, promoteSum(log4(sigma)));
    sumSq = f64x2.add(sumSq, f64x2.add(promoteSum(s2), promoteSum(f32x4.mul(m, m))));
  }
  let logs = f64x2.extract_lane(sumLog, 0) + f64x2.extract_lane(sumLog, 1);
  let sq = f64x2.extract_lane(sumSq, 0) + f64x2.extract_lane(sumSq, 1);
  for (; j < count; j++) {
    const o = <usize>j << 2;
    const m = load<f32>(mu + o);
    const sigma = softplus(load<f32>(rho + o));
    const s2 = sigma * sigma;
    store<f32>(muOut + o, m);
    store<f32>(s2Out + o, s2);
    logs += Math.log(<f64>sigma);
    sq += <f64>s2 + <f64>m * <f64>m;
  }
  return <f64>count * (logPrior - 0.5) - logs + 0.5 * invPrior2 * sq;
}

/**
 * The gradient for piece [from, from + count): dmu_j + dkl mu_j / s_p^2 into dOut[from + j] and
 * [2 sigma_j ds2_j + dkl (sigma_j / s_p^2 - 1 / sigma_j)] sigmoid(rho_j) into dOut[P + from + j],
 * with sigmoid(r) = 1 / (1 + e) for r > 0 and e / (1 + e) else, e = e^-|r| (shared with softplus).
 */
export function meanFieldBackward(params: usize, p: i32, from: i32, count: i32, dmu: usize, ds2: usize, dkl: f32, invPrior2: f32, dOut: usize): void {
  const fromB = <usize>from << 2, rhoB = <usize>(p + from) << 2;
  const dklV = f32x4.splat(dkl), invV = f32x4.splat(invPrior2), one = f32x4.splat(1);
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const o = <usize>j << 2;
    const m = v128.load(params + fromB + o);
    const r = v128.load(params + rhoB + o);
    const e = exp4(f32x4.neg(f32x4.abs(r)));
    const sigma = softplusFrom4(r, e);
    const slope = f32x4.div(v128.bitselect(one, e, f32x4.gt(r, f32x4.splat(0))), f32x4.add(one, e));
    v128.store(dOut + fromB + o, f32x4.add(v128.load(dmu + o), f32x4.mul(f32x4.mul(dklV, m), invV)));
    const dSigma = f32x4.add(f32x4.mul(f32x4.mul(f32x4.splat(2), sigma), v128.load(ds2 + o)), f32x4.mul(dklV, f32x4.sub(f32x4.mul(sigma, invV), f32x4.div(one, sigma))));
    v128.store(dOut + rhoB + o, f32x4.mul(dSigma, slope));
  }
  for (; j < count; j++) {
    const o = <usize>j << 2;
    const m = load<f32>(params + fromB + o);
    const r = load<f32>(params + rhoB + o);
    const sigma = softplus(r);
    const slope: f32 = 1 / (1 + Mathf.exp(-r));
    store<f32>(dOut + fromB + o, load<f32>(dmu + o) + dkl * m * invPrior2);
    store<f32>(dOut + rhoB + o, (2 * sigma * load<f32>(ds2 + o) + dkl * (sigma * invPrior2 - 1 / sigma)) * slope);
  }
}
