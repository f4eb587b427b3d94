// Dense layer y = act(x W + b) and its backward pass (dx, dW, db) in one call each.
// x [n, k], W [k, m], b [m], y [n, m], all row-major float32 on the shared heap.
import { gemm, addRowVector, sumRows, transpose } from './gemm';
import { activate, activationGrad, LINEAR } from './activation';

/** y = act(x W + b); b = 0 means no bias. */
export function denseForward(x: usize, w: usize, b: usize, y: usize, n: i32, k: i32, m: i32, act: i32): void {
  gemm(x, k, 1, w, m, y, m, n, m, k);
  if (b !== 0) addRowVector(y, b, n, m);
  activate(y, n * m, act);
}

/** Bytes of scratch `denseBackward` needs: dz [n, m] (not for a linear layer) and W^T [m, k]. */
export function denseBackwardScratch(n: i32, k: i32, m: i32, act: i32): i32 {
  return ((act === LINEAR ? 0 : n * m) + m * k) << 2;
}

/**
 * From dy = dL/dy and the forward output y: dz = dy act'(z), db = sum_i dz, dW = x^T dz, dx = dz W^T.
 * Any of dx, dW, db may be 0 (not wanted). `scratch` holds `denseBackwardScratch` bytes.
 */
export function denseBackward(
  x: usize, w: usize, y: usize, dy: usize, dx: usize, dw: usize, db: usize,
  n: i32, k: i32, m: i32, act: i32, scratch: usize,
): void {
  let dz = dy;
  if (act !== LINEAR) {
    dz = scratch;
    scratch += (<usize>n * <usize>m) << 2;
    activationGrad(y, dy, dz, n * m, act);
  }
  if (db !== 0) sumRows(dz, db, n, m);
  // dW[p, j] = sum_i x[i, p] dz[i, j]: A = x^T read through strides (1, k)
  if (dw !== 0) gemm(x, 1, k, dz, m, dw, m, k, m, n);
  if (dx !== 0) {
    // dx[i, p] = sum_j dz[i, j] W[p, j]: W^T made contiguous along p for the SIMD lanes
    transpose(w, scratch, k, m);
    gemm(dz, m, 1, scratch, k, dx, k, n, k, m);
  }
}

/**
 * Member-stacked dense layers (ensembles trained as one network): y[e] = act(x[e] W[e] + b[e]) for
 * e < members, x [members or 1, n, k] (`xShared`: one x for every member), W [members, k, m],
 * b [members, m], y [members, n, m].
 */
export function denseForwardStacked(x: usize, w: usize, b: usize, y: usize, members: i32, xShared: i32, n: i32, k: i32, m: i32, act: i32): void {
  const xStep: usize = xShared !== 0 ? 0 : (<usize>n * <usize>k) << 2;
  for (let e = 0; e < members; e++) {
    const ue = <usize>e;
    denseForward(x + ue * xStep, w + ue * ((<usize>k * <usize>m) << 2), b + ue * (<usize>m << 2), y + ue * ((<usize>n * <usize>m) << 2), n, k, m, act);
  }
}

/** Scratch bytes of `denseBackwardStacked`: one member's, plus one dx [n, k] when x is shared. */
export function denseBackwardStackedScratch(xShared: i32, n: i32, k: i32, m: i32, act: i32): i32 {
  return denseBackwardScratch(n, k, m, act) + (xShared !== 0 ? (n * k) << 2 : 0);
}

/**
 * Backward of `denseForwardStacked`: per member as `denseBackward`; with a shared x, dx [n, k] is the
 * sum over members (members added in order).
 */
export function denseBackwardStacked(
  x: usize, w: usize, y: usize, dy: usize, dx: usize, dw: usize, db: usize,
  members: i32, xShared: i32, n: i32, k: i32, m: i32, act: i32, scratch: usize,
): void {
  const nk = (<usize>n * <usize>k) << 2, km = (<usize>k * <usize>m) << 2, nm = (<usize>n * <usize>m) << 2;
  const xStep: usize = xShared !== 0 ? 0 : nk;
  const dxMember = scratch + <usize>denseBackwardScratch(n, k, m, act);
  for (let e = 0; e < members; e++) {
    const ue = <usize>e;
    const dxe = xShared === 0 ? dx + ue * nk : (e === 0 ? dx : dxMember);
    denseBackward(x + ue * xStep, w + ue * km, y + ue * nm, dy + ue * nm, dx !== 0 ? dxe : 0, dw + ue * km, db + ue * (<usize>m << 2), n, k, m, act, scratch);
    if (xShared !== 0 && e > 0 && dx !== 0) addInto(dx, dxMember, n * k);
  }
}

/** dst += src over `count` floats. */
function addInto(dst: usize, src: usize, count: i32): void {
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const o = <usize>i << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
  }
  for (; i < count; i++) {
    const o = <usize>i << 2;
    store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
  }
}
