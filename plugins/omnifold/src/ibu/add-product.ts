/**
 * out += a . b for row-major Float64 matrices: a (rows x inner), b (inner x cols), out (rows x cols).
 * Four rows of b per pass over an output row (one load/store of out per four multiply-adds), which
 * runs about 1.5x faster in V8 than one axpy per row. Hand-written because the workspace has no
 * float64 BLAS (tfjs computes in float32; the IBU keeps Float64 throughout).
 * @example addProduct(out, coupling, prevJacobian, nC, nC, nE * nC)
 */
export function addProduct(out: Float64Array, a: Float64Array, b: Float64Array, rows: number, inner: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    const ar = r * inner;
    let k = 0;
    for (; k + 3 < inner; k += 4) {
      const a0 = a[ar + k];
      const a1 = a[ar + k + 1];
      const a2 = a[ar + k + 2];
      const a3 = a[ar + k + 3];
      if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
      const b0 = k * cols;
      const b1 = b0 + cols;
      const b2 = b1 + cols;
      const b3 = b2 + cols;
      for (let x = 0; x < cols; x++) out[o + x] += a0 * b[b0 + x] + a1 * b[b1 + x] + a2 * b[b2 + x] + a3 * b[b3 + x];
    }
    for (; k < inner; k++) {
      const ak = a[ar + k];
      if (ak === 0) continue;
      const bk = k * cols;
      for (let x = 0; x < cols; x++) out[o + x] += ak * b[bk + x];
    }
  }
}
