// The per-step terms of a mean-field Gaussian posterior q = prod_j N(mu_j, softplus(rho_j)^2) from
// the packed vector params = [mu (P), rho (P)]: each piece of mu copied out, its variances
// s2 = softplus(rho)^2, and KL[q || N(0, s_p^2)]; and the gradient with respect to params.

/** log(1 + e^r) without overflow. */
function softplus(r: f32): f32 {
  return max(r, <f32>0) + Mathf.log1p(Mathf.exp(-Mathf.abs(r)));
}

/**
 * Piece [from, from + count) of mu into muOut, its s2 into s2Out; returns the piece's KL
 * sum_j [log s_p - log sigma_j + (sigma_j^2 + mu_j^2) / (2 s_p^2) - 1/2], summed in f64.
 */
export function meanFieldForward(params: usize, p: i32, from: i32, count: i32, muOut: usize, s2Out: usize, logPrior: f64, invPrior2: f64): f64 {
  let kl: f64 = 0;
  const mu = params + (<usize>from << 2), rho = params + (<usize>(p + from) << 2);
  for (let j = 0; j < count; j++) {
    const o = <usize>j << 2;
    const m = load<f32>(mu + o);
    const sigma = softplus(load<f32>(rho + o));
    const s2 = sigma * sigma;
    store<f32>(muOut + o, m);
    store<f32>(s2Out + o, s2);
    kl += logPrior - Math.log(<f64>sigma) + (<f64>s2 + <f64>m * <f64>m) * 0.5 * invPrior2 - 0.5;
  }
  return kl;
}

/**
 * The gradient for piece [from, from + count): dmu_j + dkl mu_j / s_p^2 into dOut[from + j] and
 * [2 sigma_j ds2_j + dkl (sigma_j / s_p^2 - 1 / sigma_j)] sigmoid(rho_j) into dOut[P + from + j].
 */
export function meanFieldBackward(params: usize, p: i32, from: i32, count: i32, dmu: usize, ds2: usize, dkl: f32, invPrior2: f32, dOut: usize): void {
  const fromB = <usize>from << 2, rhoB = <usize>(p + from) << 2;
  for (let j = 0; j < count; j++) {
    const o = <usize>j << 2;
    const m = load<f32>(params + fromB + o);
    const r = load<f32>(params + rhoB + o);
    const sigma = softplus(r);
    const slope: f32 = 1 / (1 + Mathf.exp(-r));
    store<f32>(dOut + fromB + o, load<f32>(dmu + o) + dkl * m * invPrior2);
    store<f32>(dOut + rhoB + o, (2 * sigma * load<f32>(ds2 + o) + dkl * (sigma * invPrior2 - 1 / sigma)) * slope);
  }
}
