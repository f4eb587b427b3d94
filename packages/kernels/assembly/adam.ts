// Adam (Kingma & Ba 1412.6980, Algorithm 1) over one flat parameter vector, the bias corrections
// folded into alpha = lr sqrt(1 - beta2^t) / (1 - beta1^t) as in @hepuq/nn's FlatAdam, and the same
// f32 operation order as its tfjs ops (so both round alike).

/** m' = b1 m + c1 g, v' = b2 v + c2 g^2, p' = p - alpha m' / (sqrt(v') + eps); c1 = 1 - b1, c2 = 1 - b2. */
export function adam(
  p: usize, m: usize, v: usize, g: usize, pOut: usize, mOut: usize, vOut: usize, size: i32,
  alpha: f32, b1: f32, c1: f32, b2: f32, c2: f32, eps: f32,
): void {
  const vb1 = f32x4.splat(b1), vc1 = f32x4.splat(c1), vb2 = f32x4.splat(b2), vc2 = f32x4.splat(c2);
  const veps = f32x4.splat(eps), valpha = f32x4.splat(alpha);
  let i = 0;
  for (; i + 4 <= size; i += 4) {
    const o = <usize>i << 2;
    const gi = v128.load(g + o);
    const mi = f32x4.add(f32x4.mul(v128.load(m + o), vb1), f32x4.mul(gi, vc1));
    const vi = f32x4.add(f32x4.mul(v128.load(v + o), vb2), f32x4.mul(f32x4.mul(gi, gi), vc2));
    const step = f32x4.mul(f32x4.div(mi, f32x4.add(f32x4.sqrt(vi), veps)), valpha);
    v128.store(mOut + o, mi);
    v128.store(vOut + o, vi);
    v128.store(pOut + o, f32x4.sub(v128.load(p + o), step));
  }
  for (; i < size; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    const mi = load<f32>(m + o) * b1 + gi * c1;
    const vi = load<f32>(v + o) * b2 + gi * gi * c2;
    store<f32>(mOut + o, mi);
    store<f32>(vOut + o, vi);
    store<f32>(pOut + o, load<f32>(p + o) - (mi / (Mathf.sqrt(vi) + eps)) * alpha);
  }
}
