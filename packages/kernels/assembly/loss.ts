// Heteroscedastic Gaussian NLL and its gradient in one pass.

/** log(1 + e^z) without overflow. */
function softplus(z: f64): f64 {
  return max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
}

function sigmoid(z: f64): f64 {
  return 1.0 / (1.0 + Math.exp(-z));
}

/**
 * L = (1/norm) sum_i w_i sum_t [ (y_it - mu_it)^2 e^{-2 s_it} / 2 + s_it ] (the constant log sqrt(2 pi)
 * omitted) into loss[0], dL/dmu and dL/draw into dmu, draw. s = raw, or with `bounded` the soft bound
 * s = lo + softplus(hi - softplus(hi - raw) - lo) of @hepuq/nn's `softBound`, whose slope is
 * sigmoid(hi - raw) sigmoid(hi - softplus(hi - raw) - lo). mu and raw rows are `ldIn` floats apart,
 * dmu and draw rows `ldOut` apart (t for separate [n, t] tensors, 2t for one [n, 2t] head); y is
 * [n, t]; w [n] or 0 (all ones); `norm` is n for the mean over events. The sum runs in f64 and
 * rounds once, and each gradient element is one f64 product rounded once, so it does not depend on
 * the other events (what lets stacked ensemble members train bit for bit as they would alone).
 */
export function gaussianNll(
  mu: usize, raw: usize, y: usize, w: usize, n: i32, t: i32, ldIn: i32,
  loss: usize, dmu: usize, draw: usize, ldOut: i32, bounded: i32, lo: f64, hi: f64, norm: f64,
): void {
  let total: f64 = 0;
  const invN: f64 = 1.0 / norm;
  for (let i = 0; i < n; i++) {
    const wi: f64 = w !== 0 ? <f64>load<f32>(w + (<usize>i << 2)) : 1.0;
    for (let j = 0; j < t; j++) {
      const oIn = (<usize>i * <usize>ldIn + <usize>j) << 2, oOut = (<usize>i * <usize>ldOut + <usize>j) << 2;
      let s = <f64>load<f32>(raw + oIn), slope: f64 = 1;
      if (bounded !== 0) {
        const upper = hi - s;
        const below = hi - softplus(upper) - lo;
        s = lo + softplus(below);
        slope = sigmoid(upper) * sigmoid(below);
      }
      const r = <f64>load<f32>(y + ((<usize>i * <usize>t + <usize>j) << 2)) - <f64>load<f32>(mu + oIn);
      const prec = Math.exp(-2 * s);
      const r2p = r * r * prec;
      total += wi * (0.5 * r2p + s);
      store<f32>(dmu + oOut, <f32>(-wi * invN * r * prec));
      store<f32>(draw + oOut, <f32>(wi * invN * (1 - r2p) * slope));
    }
  }
  store<f32>(loss, <f32>(total * invN));
}
