// f32 matrix product on raw pointers into the tfjs wasm heap, f32x4 SIMD with 4x8 register tiles.
//
//   C[r, c] = sum_q A[r * sar + q * saq] * B[q * ldb + c]      (r < rows, c < cols, q < depth)
//
// A is read through element strides (sar, saq), so A may be a matrix or its transpose without a
// copy; B and C are row-major with contiguous columns (that is what the SIMD lanes run along).
// Each output element is one sequential sum over q in the order q = 0, 1, ..., so every lane of a
// tile rounds exactly like the scalar loop would.

/** Four rows of A broadcast against eight columns of B: 8 accumulators, 2 B loads and 4 A loads per q. */
function tile4x8(a: usize, sar: usize, saq: usize, b: usize, ldb: usize, c: usize, ldc: usize, depth: i32): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let q = 0; q < depth; q++) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    const a0 = f32x4.splat(load<f32>(a)), a1 = f32x4.splat(load<f32>(a + sar));
    const a2 = f32x4.splat(load<f32>(a + 2 * sar)), a3 = f32x4.splat(load<f32>(a + 3 * sar));
    c00 = f32x4.add(c00, f32x4.mul(a0, b0)); c01 = f32x4.add(c01, f32x4.mul(a0, b1));
    c10 = f32x4.add(c10, f32x4.mul(a1, b0)); c11 = f32x4.add(c11, f32x4.mul(a1, b1));
    c20 = f32x4.add(c20, f32x4.mul(a2, b0)); c21 = f32x4.add(c21, f32x4.mul(a2, b1));
    c30 = f32x4.add(c30, f32x4.mul(a3, b0)); c31 = f32x4.add(c31, f32x4.mul(a3, b1));
    a += saq;
    b += ldb;
  }
  v128.store(c, c00); v128.store(c, c01, 16); c += ldc;
  v128.store(c, c10); v128.store(c, c11, 16); c += ldc;
  v128.store(c, c20); v128.store(c, c21, 16); c += ldc;
  v128.store(c, c30); v128.store(c, c31, 16);
}

/** Four rows against four columns (the column remainder when 4 <= cols left < 8). */
function tile4x4(a: usize, sar: usize, saq: usize, b: usize, ldb: usize, c: usize, ldc: usize, depth: i32): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  for (let q = 0; q < depth; q++) {
    const b0 = v128.load(b);
    c0 = f32x4.add(c0, f32x4.mul(f32x4.splat(load<f32>(a)), b0));
    c1 = f32x4.add(c1, f32x4.mul(f32x4.splat(load<f32>(a + sar)), b0));
    c2 = f32x4.add(c2, f32x4.mul(f32x4.splat(load<f32>(a + 2 * sar)), b0));
    c3 = f32x4.add(c3, f32x4.mul(f32x4.splat(load<f32>(a + 3 * sar)), b0));
    a += saq;
    b += ldb;
  }
  v128.store(c, c0); c += ldc;
  v128.store(c, c1); c += ldc;
  v128.store(c, c2); c += ldc;
  v128.store(c, c3);
}

/** One row against eight columns (the row remainder). */
function tile1x8(a: usize, saq: usize, b: usize, ldb: usize, c: usize, depth: i32): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  for (let q = 0; q < depth; q++) {
    const a0 = f32x4.splat(load<f32>(a));
    c0 = f32x4.add(c0, f32x4.mul(a0, v128.load(b)));
    c1 = f32x4.add(c1, f32x4.mul(a0, v128.load(b, 16)));
    a += saq;
    b += ldb;
  }
  v128.store(c, c0);
  v128.store(c, c1, 16);
}

/** One row against four columns. */
function tile1x4(a: usize, saq: usize, b: usize, ldb: usize, c: usize, depth: i32): void {
  let c0 = f32x4.splat(0);
  for (let q = 0; q < depth; q++) {
    c0 = f32x4.add(c0, f32x4.mul(f32x4.splat(load<f32>(a)), v128.load(b)));
    a += saq;
    b += ldb;
  }
  v128.store(c, c0);
}

/** One element (the last cols % 4 columns). */
function dot1(a: usize, saq: usize, b: usize, ldb: usize, depth: i32): f32 {
  let s: f32 = 0;
  for (let q = 0; q < depth; q++) {
    s += load<f32>(a) * load<f32>(b);
    a += saq;
    b += ldb;
  }
  return s;
}

/**
 * C = A B with A [rows, depth] read through element strides (sar, saq), B [depth, cols] with row
 * stride ldb elements, C [rows, cols] with row stride ldc elements. C is overwritten.
 */
export function gemm(a: usize, sar: i32, saq: i32, b: usize, ldb: i32, c: usize, ldc: i32, rows: i32, cols: i32, depth: i32): void {
  const sarB = <usize>sar << 2, saqB = <usize>saq << 2, ldbB = <usize>ldb << 2, ldcB = <usize>ldc << 2;
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const ar = a + <usize>r * sarB, cr = c + <usize>r * ldcB;
    let k = 0;
    for (; k + 8 <= cols; k += 8) tile4x8(ar, sarB, saqB, b + (<usize>k << 2), ldbB, cr + (<usize>k << 2), ldcB, depth);
    for (; k + 4 <= cols; k += 4) tile4x4(ar, sarB, saqB, b + (<usize>k << 2), ldbB, cr + (<usize>k << 2), ldcB, depth);
    for (; k < cols; k++) {
      for (let i = 0; i < 4; i++) {
        store<f32>(cr + <usize>i * ldcB + (<usize>k << 2), dot1(ar + <usize>i * sarB, saqB, b + (<usize>k << 2), ldbB, depth));
      }
    }
  }
  for (; r < rows; r++) {
    const ar = a + <usize>r * sarB, cr = c + <usize>r * ldcB;
    let k = 0;
    for (; k + 8 <= cols; k += 8) tile1x8(ar, saqB, b + (<usize>k << 2), ldbB, cr + (<usize>k << 2), depth);
    for (; k + 4 <= cols; k += 4) tile1x4(ar, saqB, b + (<usize>k << 2), ldbB, cr + (<usize>k << 2), depth);
    for (; k < cols; k++) store<f32>(cr + (<usize>k << 2), dot1(ar, saqB, b + (<usize>k << 2), ldbB, depth));
  }
}

/** M[r, c] += v[c] for every row (the bias add), SIMD along the columns. */
export function addRowVector(mat: usize, v: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const row = mat + ((<usize>r * <usize>cols) << 2);
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const p = row + (<usize>c << 2);
      v128.store(p, f32x4.add(v128.load(p), v128.load(v + (<usize>c << 2))));
    }
    for (; c < cols; c++) {
      const p = row + (<usize>c << 2);
      store<f32>(p, load<f32>(p) + load<f32>(v + (<usize>c << 2)));
    }
  }
}

/** out[c] = sum_r M[r, c] (the bias gradient), rows summed in order, SIMD along the columns. */
export function sumRows(mat: usize, out: usize, rows: i32, cols: i32): void {
  let c = 0;
  for (; c + 4 <= cols; c += 4) {
    let s = f32x4.splat(0);
    for (let r = 0; r < rows; r++) s = f32x4.add(s, v128.load(mat + ((<usize>r * <usize>cols + <usize>c) << 2)));
    v128.store(out + (<usize>c << 2), s);
  }
  for (; c < cols; c++) {
    let s: f32 = 0;
    for (let r = 0; r < rows; r++) s += load<f32>(mat + ((<usize>r * <usize>cols + <usize>c) << 2));
    store<f32>(out + (<usize>c << 2), s);
  }
}

/** T[c, r] = M[r, c]: M [rows, cols] into T [cols, rows]. */
export function transpose(mat: usize, out: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      store<f32>(out + ((<usize>c * <usize>rows + <usize>r) << 2), load<f32>(mat + ((<usize>r * <usize>cols + <usize>c) << 2)));
    }
  }
}
