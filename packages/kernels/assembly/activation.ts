// Elementwise activations in place, and their derivatives written from the activation's OUTPUT y
// (every activation here has one), so the backward pass never needs the pre-activation.
// Codes match `ACTIVATION_CODES` in src/activation.ts.

export const LINEAR = 0, RELU = 1, ELU = 2, SIGMOID = 3, TANH = 4, SOFTPLUS = 5;

function act1(z: f32, act: i32): f32 {
  if (act === ELU) return z > 0 ? z : Mathf.exp(z) - 1;
  if (act === SIGMOID) return 1 / (1 + Mathf.exp(-z));
  if (act === TANH) return Mathf.tanh(z);
  // softplus log(1 + e^z) without overflow: max(z, 0) + log1p(e^-|z|)
  return max(z, <f32>0) + Mathf.log1p(Mathf.exp(-Mathf.abs(z)));
}

/** y = act(y) over n elements. */
export function activate(y: usize, n: i32, act: i32): void {
  if (act === LINEAR) return;
  let i = 0;
  if (act === RELU) {
    const zero = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) {
      const p = y + (<usize>i << 2);
      v128.store(p, f32x4.max(v128.load(p), zero));
    }
    for (; i < n; i++) {
      const p = y + (<usize>i << 2);
      store<f32>(p, max(load<f32>(p), <f32>0));
    }
    return;
  }
  for (; i < n; i++) {
    const p = y + (<usize>i << 2);
    store<f32>(p, act1(load<f32>(p), act));
  }
}

/** act'(z) from y = act(z). */
function slope(y: f32, act: i32): f32 {
  if (act === RELU) return y > 0 ? 1 : 0;
  if (act === ELU) return y >= 0 ? 1 : y + 1;
  if (act === SIGMOID) return y * (1 - y);
  if (act === TANH) return 1 - y * y;
  if (act === SOFTPLUS) return -Mathf.expm1(-y); // sigmoid(z) = 1 - e^-softplus(z)
  return 1;
}

/** dz = dy * act'(z), from the forward output y; n elements. */
export function activationGrad(y: usize, dy: usize, dz: usize, n: i32, act: i32): void {
  let i = 0;
  if (act === RELU) {
    const zero = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(dz + o, v128.and(v128.load(dy + o), f32x4.gt(v128.load(y + o), zero)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(dz + o, load<f32>(dy + o) * slope(load<f32>(y + o), act));
  }
}
